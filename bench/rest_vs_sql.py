#!/usr/bin/env python3
"""REST GeoJSON throughput against raw SQL on the same PostGIS table, in one run.

For each bbox query over the current sample buildings (loaded once, deterministic seed):
  * REST: GET /api/v1/layers/buildings/features?bbox=...&limit=N, whole body read, N features;
  * SQL:  psql -c "COPY (SELECT ST_AsGeoJSON(b.*) FROM (<same rows, same order, same limit>) b) TO STDOUT",
          output discarded: a GeoJSON Feature per row, made by PostGIS itself.
Both are timed as wall-clock of the whole request (psql including its connection), median of
--repeat runs after one warm-up. Ratio = REST features/s / SQL features/s (target >= 0.7).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar")

# (label, bbox lon/lat in EPSG:4490) from a few blocks to the whole urban core
QUERIES = [
    ("block 0.01deg", (123.430, 41.790, 123.440, 41.800)),
    ("district 0.05deg", (123.400, 41.770, 123.450, 41.820)),
    ("core 0.1deg", (123.380, 41.750, 123.480, 41.850)),
    ("core 0.3deg", (123.300, 41.700, 123.600, 41.900)),
]
ATTRS = "id, name, address, district, use, floors, height_m, built_year, valid_from, valid_to"


def psql(db, sql, pgenv):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", db, "-qtAX", "-c", sql],
                          check=True, capture_output=True, text=True, env=pgenv).stdout.strip()


def timed(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench")
    ap.add_argument("--buildings", type=int, default=int(os.environ.get("BENCH_BUILDINGS", "1000000")))
    ap.add_argument("--limit", type=int, default=50000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--port", type=int, default=18080)
    args = ap.parse_args()
    pgenv = dict(os.environ, PGPASSWORD="shikong")
    url = f"jdbc:postgresql://127.0.0.1:5432/{args.db}"

    settings = benchlib.ensure_buildings(args.db, args.buildings)

    # through bin/shikong with its JVM options, as every benchmark starts the server
    server, base = benchlib.start_server(args.db, args.port, max_limit=max(args.limit, 10000), heap="1g")
    try:
        print(f"# {args.buildings} buildings in PostGIS db {args.db}; jit,max_parallel_workers_per_gather = {settings}; "
              f"median of {args.repeat} after 1 warm-up; limit {args.limit}")
        print(f"{'query':<18} {'features':>9} {'REST f/s':>10} {'SQL f/s':>10} {'ratio':>6}")
        ratios = []
        for label, (x1, y1, x2, y2) in QUERIES:
            rest_url = f"{base}/api/v1/layers/buildings/features?bbox={x1},{y1},{x2},{y2}&limit={args.limit}"
            body = urllib.request.urlopen(rest_url).read()
            n = int(re.search(rb'"numberReturned":(\d+)', body[-2000:]).group(1))
            sql = (f"COPY (SELECT ST_AsGeoJSON(b.*, 'geom', 7) FROM (SELECT {ATTRS}, geom FROM buildings "
                   f"WHERE valid_to IS NULL AND ST_Intersects(geom, ST_MakeEnvelope({x1},{y1},{x2},{y2},4490)) "
                   f"ORDER BY id LIMIT {args.limit}) b) TO STDOUT")
            rows = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", args.db, "-qtAX", "-c", sql],
                                  check=True, capture_output=True, env=pgenv).stdout.count(b"\n")
            if rows != n:
                sys.exit(f"{label}: REST returned {n} features, SQL {rows} rows")
            t_rest = timed(lambda: urllib.request.urlopen(rest_url).read(), args.repeat)
            t_sql = timed(lambda: subprocess.run(["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", args.db, "-qtAX",
                                                  "-c", sql], check=True, stdout=subprocess.DEVNULL, env=pgenv),
                          args.repeat)
            ratio = (n / t_rest) / (n / t_sql)
            ratios.append(ratio)
            print(f"{label:<18} {n:>9} {n / t_rest:>10.0f} {n / t_sql:>10.0f} {ratio:>6.2f}", flush=True)
        print(f"geometric mean ratio REST/SQL: {statistics.geometric_mean(ratios):.2f} (target >= 0.7)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
