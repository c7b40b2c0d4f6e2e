#!/usr/bin/env bash
# The benchmark database: PostGIS, and no JIT or parallel plans (on 2 cores they measure the planner).
set -euo pipefail
DB=${BENCH_DB:-shikong_bench}
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
if [[ -z $(as_pg "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\"") ]]; then
  as_pg "psql -qc 'CREATE DATABASE $DB OWNER shikong'"
fi
as_pg "psql -q -d $DB -c 'CREATE EXTENSION IF NOT EXISTS postgis'" 2>/dev/null
as_pg "psql -q -d $DB -c 'ALTER DATABASE $DB SET jit = off' -c 'ALTER DATABASE $DB SET max_parallel_workers_per_gather = 0'"
