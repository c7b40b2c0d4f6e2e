#!/usr/bin/env bash
# Shikong WMS GetMap against MapServer (Debian, as CGI) at concurrency 1, 4 and 16; see wms_vs_mapserver.py.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mapserv >/dev/null 2>&1; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends mapserver-bin cgi-mapserver
fi
bash bench/prepare-db.sh
exec /usr/bin/python3 bench/wms_vs_mapserver.py "$@"
