#!/usr/bin/env bash
# Loading one 1M-feature file into PostGIS: `shikong ingest` against `ogr2ogr -f PostgreSQL --config PG_USE_COPY YES`,
# and the peak RSS of our load as the file grows; see ingest_vs_ogr2ogr.py (--scale 0.1 for a quicker run).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_DB=${BENCH_DB:-shikong_bench_ingest}
bash bench/prepare-db.sh
[[ -f micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar ]] || make build
exec /usr/bin/python3 bench/ingest_vs_ogr2ogr.py --db "$BENCH_DB" "$@"
