#!/usr/bin/env bash
# Shikong WFS GetFeature (GML 3.2 and GeoJSON, 1,000 and 10,000 features) against MapServer 8 under
# lighttpd + FastCGI (4 resident mapserv processes) on the same PostGIS buildings; prints features/s and
# Shikong / MapServer (see wfs_vs_mapserver.py).
#   bash bench/wfs-vs-mapserver.sh                  (~6 min)
#   bash bench/wfs-vs-mapserver.sh --quick          (~2 min)
#   bash bench/wfs-vs-mapserver.sh --formats GML --counts 1000 --concurrency 1 [--stream]
# On 2 shared cores, run it while no build runs: flock /tmp/shikong-build.lock bash bench/wfs-vs-mapserver.sh
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v mapserv >/dev/null 2>&1 || missing+=(mapserver-bin)
[[ -x /usr/lib/cgi-bin/mapserv ]] || missing+=(cgi-mapserver)
command -v lighttpd >/dev/null 2>&1 || missing+=(lighttpd)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if (( ${#missing[@]} )); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[[ -f micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar ]] || make build
exec /usr/bin/python3 bench/wfs_vs_mapserver.py "$@"
