#!/usr/bin/env bash
# Tile service benchmark, one run (see tiles_bench.py): cache-miss MVT latency against the store's
# ST_AsMVT statements through pgbench, cached against cache-miss MVT throughput, and cached 256 px PNG
# tiles against MapServer's WMS under lighttpd + FastCGI. Results in bench/results/tiles-bench.{txt,json}.
#   make bench-tiles                              1M buildings, 200k pipelines, 10k zones (db shikong_bench)
#   bash bench/tiles-bench.sh --scale small       100k / 20k / 2k in db shikong_bench_small, ~3 min
#   bash bench/tiles-bench.sh --tiles 100 --duration 5 ...   (python3 bench/tiles_bench.py --help)
# On 2 shared cores, run it while no build runs: flock /tmp/shikong-build.lock bash bench/tiles-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v mapserv >/dev/null 2>&1 || missing+=(mapserver-bin)
[[ -x /usr/lib/cgi-bin/mapserv ]] || missing+=(cgi-mapserver)
command -v lighttpd >/dev/null 2>&1 || missing+=(lighttpd)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fc-list 2>/dev/null | grep -qi "wqy zen hei" || missing+=(fonts-wqy-zenhei)
if (( ${#missing[@]} )); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# pgbench comes with the server package (postgresql-15), which scripts/provision.sh installs
command -v pgbench >/dev/null 2>&1 || { echo "pgbench missing: run make provision" >&2; exit 1; }
JAR=micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar
if [[ ! -f $JAR ]] || ! unzip -l "$JAR" | grep "io/shikong/api/tiles/" >/dev/null; then
  make build   # missing, or built before the tile endpoints
fi
exec /usr/bin/python3 bench/tiles_bench.py "$@"
