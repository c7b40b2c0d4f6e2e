#!/usr/bin/env python3
"""Red-line check latency: Shikong's in-memory index against the same check as one PostGIS statement.

10,000 sample red-line zones (deterministic seed) in the PostGIS database. Footprints: regular polygons
of 10, 500 and 5,000 vertices (radius 600 m); a third centred inside a sample zone, a third 1.5 km
east of such a point and a third 5 km east, so inside, partial and (some) clear footprints all count.
  * Shikong, the check: RedLineChecker in process (bench/jmh/.../RedLineCheckBench.java, index loaded from the
    same table, overlap areas in the Gauss-Krueger zone), after ten warm-up passes (a running service is warm);
  * Shikong, the service: POST /api/v1/redline/checks over one kept-alive HTTP connection (HTTP, JSON,
    the check, storing it), for reference;
  * PostGIS: one statement per check in one psql session with \\timing, output discarded:
    SELECT id, ST_Area(ST_Intersection(ST_Transform(geom, 4529), ST_Transform(f, 4529))) FROM eco_red_lines
    WHERE valid_to IS NULL AND ST_Intersects(geom, f), f the same footprint.
Ratio = Shikong check latency / PostGIS latency (1.0 or less: the in-memory index is at least as fast).
"""
import argparse
import http.client
import json
import math
import os
import re
import statistics
import subprocess
import time
import urllib.request

BENCH_JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jmh", "target", "benchmarks.jar")

from benchlib import JAR, PGENV, ensure_layer, psql, start_server

SIZES = (10, 500, 5000)


def circle(lon, lat, vertices, radius_m=600):
    dlat = radius_m / 111_000
    dlon = radius_m / (111_000 * math.cos(math.radians(lat)))
    pts = [(lon + dlon * math.cos(2 * math.pi * i / vertices), lat + dlat * math.sin(2 * math.pi * i / vertices))
           for i in range(vertices)]
    pts.append(pts[0])
    return "POLYGON((" + ", ".join(f"{x:.7f} {y:.7f}" for x, y in pts) + "))"


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench")
    ap.add_argument("--zones", type=int, default=10000)
    ap.add_argument("--checks", type=int, default=60)
    ap.add_argument("--port", type=int, default=18083)
    args = ap.parse_args()
    ensure_layer(args.db, "eco_red_lines", args.zones)
    inside = [tuple(map(float, row.split("|"))) for row in psql(args.db,
              "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM eco_red_lines "
              f"WHERE valid_to IS NULL ORDER BY id LIMIT {args.checks}) s").splitlines()]
    # inside, 1.5 km east, 5 km east: degrees of longitude at ~42°N
    centres = [(x + [0, 0.018, 0.06][i % 3], y) for i, (x, y) in enumerate(inside)]
    server, base = start_server(args.db, args.port)
    host, port = base.replace("http://", "").split(":")
    try:
        print(f"# {args.zones} red-line zones in PostGIS db {args.db}; {len(centres)} checks per size after a warm-up; "
              "latency in ms (p50 / p99)")
        print(f"{'vertices':>8} {'check':>15} {'PostGIS':>15} {'ratio p50':>9} {'ratio p99':>9} {'REST service':>15}   "
              "(ratio = check / PostGIS, target <= 1.0)")
        for n in SIZES:
            wkts = [circle(x, y, n) for x, y in centres]
            wkt_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", f"footprints-{n}.wkt")
            os.makedirs(os.path.dirname(wkt_file), exist_ok=True)
            with open(wkt_file, "w") as f:
                f.write("\n".join(wkts) + "\n")
            out = subprocess.run(["java", "-cp", BENCH_JAR, "io.shikong.bench.RedLineCheckBench", args.db, wkt_file],
                                 capture_output=True, text=True, check=True).stdout
            check = [float(line.split()[0]) for line in out.splitlines() if re.match(r"^[\d.]+ \w+$", line)]
            overlaps = sum(1 for line in out.splitlines() if line.endswith("overlaps"))
            conn = http.client.HTTPConnection(host, int(port))
            rest = []
            for i, w in enumerate([wkts[0]] + wkts):
                t0 = time.perf_counter()
                conn.request("POST", "/api/v1/redline/checks", body=json.dumps({"wkt": w}),
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 201:
                    raise SystemExit(f"check failed: {resp.status}")
                if i > 0:
                    rest.append((time.perf_counter() - t0) * 1000)
            conn.close()
            sql = ["\\timing on", "\\o /dev/null"]
            for w in [wkts[0]] + wkts:
                sql.append("SELECT id, ST_Area(ST_Intersection(ST_Transform(geom, 4529), ST_Transform(f, 4529))) "
                           f"FROM eco_red_lines, (SELECT ST_GeomFromText('{w}', 4490) f) q "
                           "WHERE valid_to IS NULL AND ST_Intersects(geom, f);")
            out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", args.db, "-qX"],
                                 input="\n".join(sql), capture_output=True, text=True, env=PGENV, check=True).stdout
            pg = [float(t) for t in re.findall(r"Time: ([\d.]+) ms", out)][1:]
            print(f"{n:>8} {statistics.median(check):>7.2f} / {percentile(check, 99):<6.2f} "
                  f"{statistics.median(pg):>7.2f} / {percentile(pg, 99):<6.2f} "
                  f"{statistics.median(check) / statistics.median(pg):>9.2f} {percentile(check, 99) / percentile(pg, 99):>9.2f} "
                  f"{statistics.median(rest):>7.2f} / {percentile(rest, 99):<6.2f}  ({overlaps}/{len(check)} overlap)", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
