#!/usr/bin/env python3
"""Shikong's WMS GetMap against MapServer's on the same PostGIS buildings, in one run.

1M sample buildings; the same list of GetMap requests (WMS 1.1.1, EPSG:4490, buildings in the standard
style: fill by use, 0.5 px outline; 256, 512 and 1024 px; four extents from a block to a district; PNG;
no cache on either side) replayed at concurrency 1, 4 and 16. MapServer 8 from Debian runs as CGI, one
`mapserv` process per request (Debian packages no FastCGI manager), like wfs_vs_mapserver.py. Shikong
runs as its server. Throughput = requests / wall-clock of the whole replay; ratio = Shikong / MapServer.
Targets: 1.2 or better at saturation (16), 1.0 or better at concurrency 1.
"""
import argparse
import os
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from benchlib import ROOT, ensure_buildings, mapserver_env, start_server

CENTRES = [(123.43, 41.80), (123.38, 41.82), (123.47, 41.77), (123.40, 41.76)]
SPANS = [0.004, 0.01, 0.02, 0.04]
SIZES = [256, 512, 1024]


def requests():
    out = []
    for size in SIZES:
        for (x, y), span in zip(CENTRES, SPANS):
            bbox = f"{x - span / 2},{y - span / 2},{x + span / 2},{y + span / 2}"
            out.append(f"SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=buildings&STYLES=&SRS=EPSG:4490&BBOX={bbox}"
                       f"&WIDTH={size}&HEIGHT={size}&FORMAT=image/png&TRANSPARENT=TRUE")
    return out


def mapserv(env, query):
    r = subprocess.run(["mapserv"], env=dict(env, QUERY_STRING=query), capture_output=True, check=True)
    body = r.stdout.split(b"\r\n\r\n", 1)[-1] if b"\r\n\r\n" in r.stdout[:200] else r.stdout.split(b"\n\n", 1)[-1]
    if not body.startswith(b"\x89PNG"):
        raise SystemExit("MapServer did not return a PNG: " + r.stdout[:300].decode("utf-8", "replace"))
    return body


def shikong(base, query):
    body = urllib.request.urlopen(f"{base}/wms?{query}", timeout=300).read()
    if not body.startswith(b"\x89PNG"):
        raise SystemExit("Shikong did not return a PNG: " + body[:300].decode("utf-8", "replace"))
    return body


def replay(fn, reqs, concurrency, rounds):
    work = reqs * rounds
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(fn, work))
    return len(work) / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench")
    ap.add_argument("--buildings", type=int, default=int(os.environ.get("BENCH_BUILDINGS", "1000000")))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--port", type=int, default=18085)
    args = ap.parse_args()
    settings = ensure_buildings(args.db, args.buildings)
    workdir = os.path.join(ROOT, "bench/out")
    os.makedirs(workdir, exist_ok=True)
    env = mapserver_env(args.db, workdir, "wms.map.in", "wms")
    reqs = requests()
    server, base = start_server(args.db, args.port, heap="2g")
    try:
        for q in reqs:  # warm both (JIT, PostgreSQL cache) and check both answer
            shikong(base, q)
            mapserv(env, q)
        version = subprocess.run(["mapserv", "-v"], capture_output=True, text=True).stdout.split(" OUTPUT")[0]
        print(f"# {args.buildings} buildings; jit,max_parallel_workers_per_gather = {settings}; {len(reqs)} GetMaps "
              f"(256/512/1024 px, 4 extents) x {args.rounds} rounds per run; {version} as CGI; PNG, no cache")
        print(f"{'concurrency':>11} {'Shikong maps/s':>15} {'MapServer maps/s':>17} {'ratio':>6}")
        for c in (1, 4, 16):
            ours = replay(lambda q: shikong(base, q), reqs, c, args.rounds)
            theirs = replay(lambda q: mapserv(env, q), reqs, c, args.rounds)
            print(f"{c:>11} {ours:>15.2f} {theirs:>17.2f} {ours / theirs:>6.2f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
