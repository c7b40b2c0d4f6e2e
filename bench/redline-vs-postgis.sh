#!/usr/bin/env bash
# Red-line check latency, Shikong against one PostGIS statement; see redline_vs_postgis.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/prepare-db.sh
mvn -B -q -Pbench -pl bench/jmh -am package -DskipTests
exec /usr/bin/python3 bench/redline_vs_postgis.py "$@"
