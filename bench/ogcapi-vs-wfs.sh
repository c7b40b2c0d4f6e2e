#!/usr/bin/env bash
# OGC API - Features items (GeoJSON) against our WFS 2.0 GetFeature GeoJSON and against raw PostGIS
# (psql COPY of ST_AsGeoJSON), the same bbox queries in one run. See ogcapi_vs_wfs.py for what is measured.
#   flock /tmp/shikong-build.lock bench/ogcapi-vs-wfs.sh                      (200,000 sample buildings)
#   BENCH_BUILDINGS=1000000 flock /tmp/shikong-build.lock bench/ogcapi-vs-wfs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-shikong_bench_oapif}
BENCH_DB=$DB bash bench/prepare-db.sh
exec /usr/bin/python3 bench/ogcapi_vs_wfs.py --db "$DB" "$@"
