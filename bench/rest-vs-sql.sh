#!/usr/bin/env bash
# REST GeoJSON features/s divided by the raw rate of the equivalent SQL through psql, for the same bbox
# queries in one run, on 1M sample buildings in PostGIS. See rest_vs_sql.py for what is measured.
#   make bench            (provisions PostGIS, builds the service, then runs this)
#   BENCH_BUILDINGS=200000 bench/rest-vs-sql.sh   (a smaller set)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-shikong_bench}
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
if [[ -z $(as_pg "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\"") ]]; then
  as_pg "psql -qc 'CREATE DATABASE $DB OWNER shikong'"
fi
as_pg "psql -q -d $DB -c 'CREATE EXTENSION IF NOT EXISTS postgis'"
# On 2 cores, JIT and parallel plans measure the planner, not the server (see STACK.md).
as_pg "psql -q -d $DB -c 'ALTER DATABASE $DB SET jit = off' -c 'ALTER DATABASE $DB SET max_parallel_workers_per_gather = 0'"
exec /usr/bin/python3 bench/rest_vs_sql.py --db "$DB" "$@"
