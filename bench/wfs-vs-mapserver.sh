#!/usr/bin/env bash
# Shikong WFS GetFeature against MapServer (Debian, as CGI) on the same PostGIS table; see wfs_vs_mapserver.py.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v mapserv >/dev/null 2>&1 || missing+=(mapserver-bin cgi-mapserver)
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
bash bench/prepare-db.sh
exec /usr/bin/python3 bench/wfs_vs_mapserver.py "$@"
