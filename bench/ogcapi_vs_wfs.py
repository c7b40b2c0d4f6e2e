#!/usr/bin/env python3
"""OGC API - Features items throughput against our WFS GeoJSON and raw SQL, on the same PostGIS table, in one run.

For each bbox over the current sample buildings (loaded once, deterministic seed), N = every building in it:
  * OAPIF: GET /ogcapi/collections/buildings/items?bbox=x1,y1,x2,y2&limit=N (CRS84, longitude first), whole body;
  * WFS:   GET /wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=buildings&COUNT=N
           &BBOX=y1,x1,y2,x2,urn:ogc:def:crs:EPSG::4490&OUTPUTFORMAT=application/json, whole body;
  * SQL:   psql -c "COPY (SELECT ST_AsGeoJSON(b.*, 'geom', 7) FROM (<same rows, same order, same limit>) b)
           TO STDOUT", output discarded: a GeoJSON Feature per row, made by PostGIS itself.
All three return the same features (checked by count before timing). Each is timed as the wall-clock of the
whole request (a new HTTP connection, or psql with its connection), median of --repeat runs; the three are
run in turn within each repetition, each first, second and third in turn (so that the JIT warming up, other load
on the machine and psql's exit fall on all three alike), after --warmup rounds over every query;
both HTTP answers include a count (numberMatched) and the read. Ratios: OAPIF features/s over WFS's (target
>= 0.9) and over SQL's (target >= 0.7).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request

import benchlib

QUERIES = [
    ("block 0.01deg", (123.430, 41.790, 123.440, 41.800)),
    ("district 0.05deg", (123.400, 41.770, 123.450, 41.820)),
    ("core 0.1deg", (123.380, 41.750, 123.480, 41.850)),
    ("core 0.3deg", (123.300, 41.700, 123.600, 41.900)),
]
ATTRS = "id, name, address, district, use, floors, height_m, built_year, valid_from, valid_to"


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return r.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench_oapif")
    ap.add_argument("--buildings", type=int, default=int(os.environ.get("BENCH_BUILDINGS", "200000")))
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--port", type=int, default=18610)
    args = ap.parse_args()
    pgenv = dict(os.environ, PGPASSWORD="shikong")
    settings = benchlib.ensure_buildings(args.db, args.buildings)
    server, base = benchlib.start_server(args.db, args.port)
    try:
        print(f"# OGC API - Features vs WFS GeoJSON vs SQL, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{os.cpu_count()} cores; {args.buildings} buildings in PostGIS db {args.db}; "
              f"jit,max_parallel_workers_per_gather = {settings}; median of {args.repeat} (interleaved) after {args.warmup} warm-up rounds")
        vs_wfs, vs_sql = [], []
        plans = []
        for label, (x1, y1, x2, y2) in QUERIES:
            sql_rows = (f"SELECT {ATTRS}, geom FROM buildings WHERE valid_to IS NULL AND "
                        f"ST_Intersects(geom, ST_MakeEnvelope({x1},{y1},{x2},{y2},4490)) ORDER BY id")
            n = int(benchlib.psql(args.db, f"SELECT count(*) FROM ({sql_rows}) q"))
            if n == 0:
                continue
            oapif = f"{base}/ogcapi/collections/buildings/items?bbox={x1},{y1},{x2},{y2}&limit={n}"
            wfs = (f"{base}/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=buildings&COUNT={n}"
                   f"&BBOX={y1},{x1},{y2},{x2},urn:ogc:def:crs:EPSG::4490&OUTPUTFORMAT=application/json")
            sql = f"COPY (SELECT ST_AsGeoJSON(b.*, 'geom', 7) FROM ({sql_rows} LIMIT {n}) b) TO STDOUT"
            psql = ["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", args.db, "-qtAX", "-c", sql]
            got_oapif = json.loads(fetch(oapif))
            got_wfs = json.loads(fetch(wfs))
            rows = subprocess.run(psql, check=True, capture_output=True, env=pgenv).stdout.count(b"\n")
            counts = (len(got_oapif["features"]), got_oapif["numberReturned"], len(got_wfs["features"]), rows)
            if len(set(counts)) != 1 or counts[0] != n:
                sys.exit(f"{label}: OAPIF {counts[0]} ({counts[1]} said), WFS {counts[2]}, SQL {counts[3]}, expected {n}")
            plans.append((label, n, oapif, wfs, psql))
        runs = lambda oapif, wfs, psql: (lambda: fetch(oapif), lambda: fetch(wfs),
                                         lambda: subprocess.run(psql, check=True, stdout=subprocess.DEVNULL, env=pgenv))
        for _ in range(args.warmup):
            for label, n, oapif, wfs, psql in plans:
                for run in runs(oapif, wfs, psql):
                    run()
        print(f"{'query':<18} {'features':>9} {'OAPIF f/s':>10} {'WFS f/s':>10} {'SQL f/s':>10} {'/WFS':>6} {'/SQL':>6}")
        for label, n, oapif, wfs, psql in plans:
            times = ([], [], [])
            fns = runs(oapif, wfs, psql)
            for k in range(args.repeat):
                # each side goes first, second and third in turn: none always follows psql's exit
                for i in [(k + j) % 3 for j in range(3)]:
                    t0 = time.perf_counter()
                    fns[i]()
                    times[i].append(time.perf_counter() - t0)
            t_oapif, t_wfs, t_sql = (statistics.median(t) for t in times)
            r_wfs, r_sql = t_wfs / t_oapif, t_sql / t_oapif
            vs_wfs.append(r_wfs)
            vs_sql.append(r_sql)
            print(f"{label:<18} {n:>9} {n / t_oapif:>10.0f} {n / t_wfs:>10.0f} {n / t_sql:>10.0f} {r_wfs:>6.2f} {r_sql:>6.2f}",
                  flush=True)
        print(f"geometric mean OAPIF/WFS: {statistics.geometric_mean(vs_wfs):.2f} (target >= 0.9); "
              f"OAPIF/SQL: {statistics.geometric_mean(vs_sql):.2f} (target >= 0.7)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
