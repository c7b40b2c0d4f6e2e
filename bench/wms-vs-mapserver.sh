#!/usr/bin/env bash
# Shikong WMS GetMap against MapServer 8 under lighttpd + FastCGI (4 resident mapserv processes) on one
# PostGIS database of 200,000 buildings, 50,000 pipelines and 8 red-line zones, three layers drawn alike;
# 256 px tiles, 512 px and 1024x768 maps in EPSG:3857, 4326 and 4490 at concurrency 1, 4 and 16; prints
# maps/s and Shikong / MapServer per cell, and each side's CPU time per map with its PostgreSQL backends
# (see wms_vs_mapserver.py).
#   bash bench/wms-vs-mapserver.sh                 the whole matrix (~11 min)
#   bash bench/wms-vs-mapserver.sh --quick         a short run (~4 min)
#   bash bench/wms-vs-mapserver.sh --quick --sizes 1024x768 --crs 4326 --concurrency 1,4 [--cgi]
# On 2 shared cores, run it while no build runs: flock /tmp/shikong-build.lock bash bench/wms-vs-mapserver.sh
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v mapserv >/dev/null 2>&1 || missing+=(mapserver-bin)
[[ -x /usr/lib/cgi-bin/mapserv ]] || missing+=(cgi-mapserver)
command -v lighttpd >/dev/null 2>&1 || missing+=(lighttpd)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fc-list 2>/dev/null | grep -qi "wqy zen hei" || missing+=(fonts-wqy-zenhei)
/usr/bin/python3 -c "import PIL, numpy" 2>/dev/null || missing+=(python3-pil python3-numpy)
if (( ${#missing[@]} )); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[[ -f micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar ]] || make build
exec /usr/bin/python3 bench/wms_vs_mapserver.py "$@"
