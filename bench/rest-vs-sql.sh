#!/usr/bin/env bash
# REST GeoJSON features/s divided by the raw rate of the equivalent SQL through psql, for the same bbox
# queries in one run, on 1M sample buildings in PostGIS. See rest_vs_sql.py for what is measured.
#   make bench            (provisions PostGIS, builds the service, then runs this)
#   BENCH_BUILDINGS=200000 bench/rest-vs-sql.sh   (a smaller set)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-shikong_bench}
bash bench/prepare-db.sh
exec /usr/bin/python3 bench/rest_vs_sql.py --db "$DB" "$@"
