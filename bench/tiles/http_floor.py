#!/usr/bin/env python3
"""What an HTTP round trip costs on this machine, timed as bench/tiles_bench.py times a cache miss.

Every target is requested N times in a row on one kept-alive connection by wrk with bench/tiles/once.lua
(each request timed from the moment wrk asks for it to the whole answer, percentiles as pgbench's), after a
warm-up pass, in --rounds interleaved rounds:

  lighttpd small     Debian's lighttpd, a static 2-byte file
  lighttpd tile      the same lighttpd, a static copy of the cached tile below (same bytes)
  shikong health     GET /health (exempt from the request limit; Basic credentials checked)
  shikong tile       a cached MVT tile, as the tile benchmark asks for it (Basic credentials, admin caller)
  shikong tile anon  a cached MVT tile of a public layer (buildings), no credentials

and the server JVM's CPU time (utime + stime from /proc) per request of each pass. The server runs on a
PostGIS database prepared by the tile benchmark (--db, default shikong_bench_small: run
`bash bench/tiles-bench.sh --scale small` once first).

  python3 bench/tiles/http_floor.py --port 18842 [--jar FILE] [--requests 2000] [--rounds 3]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import benchlib  # noqa: E402
from benchlib import (PASSWORD, ROOT, USER, Client, building_points, free_port, log, percentile, proc_cpu,  # noqa: E402
                      start_server, tile_of)
from tiles_bench import wrk_each  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=18087, help="the Shikong server's port (lighttpd takes a free one)")
    ap.add_argument("--db", default="shikong_bench_small")
    ap.add_argument("--jar")
    ap.add_argument("--requests", type=int, default=2000, help="requests per pass")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tile", help="the tile's path, without query (default: the z15 tile of a sample building)")
    args = ap.parse_args()
    if args.jar:
        benchlib.JAR = os.path.abspath(args.jar)
    if args.tile is None:
        z, x, y = tile_of(*building_points(args.db, 100)[50], 15)
        args.tile = f"/tiles/WebMercatorQuad/{z}/{x}/{y}.mvt"
    workdir = os.path.join(ROOT, "bench/out/http-floor")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    cache_dir = tempfile.mkdtemp(prefix="tile-cache-", dir=workdir)
    www = os.path.join(workdir, "www")
    os.makedirs(www)
    with open(os.path.join(www, "small.txt"), "w") as f:
        f.write("ok")
    lport = free_port()
    conf = os.path.join(workdir, "lighttpd.conf")
    with open(conf, "w") as f:
        f.write(f'server.bind = "127.0.0.1"\nserver.port = {lport}\nserver.document-root = "{www}"\n'
                f'server.errorlog = "{workdir}/lighttpd-error.log"\nserver.max-keep-alive-requests = 1000000\n'
                'server.max-keep-alive-idle = 60\nmimetype.assign = (".txt" => "text/plain", ".mvt" => '
                '"application/vnd.mapbox-vector-tile")\n')
    lighttpd = subprocess.Popen(["lighttpd", "-D", "-f", conf], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server, base = start_server(args.db, args.port, heap="2g", log=os.path.join(workdir, "server.log"),
                                env={"SHIKONG_TILES_CACHE_DIR": cache_dir, "SHIKONG_USERS": f"{USER}:{PASSWORD}:admin"})
    try:
        lbase = f"http://127.0.0.1:{lport}"
        tile_auth = args.tile + "?layers=buildings,pipelines"
        tile_anon = args.tile + "?layers=buildings"
        c = Client(base)
        status, _, body, _ = c.get(tile_auth)
        c.close()
        if status != 200:
            sys.exit(f"GET {tile_auth}: {status}")
        with open(os.path.join(www, "tile.mvt"), "wb") as f:
            f.write(body)
        c = Client(base, auth=False)
        status, _, _, _ = c.get(tile_anon)
        c.close()
        if status != 200:
            sys.exit(f"GET {tile_anon} anonymously: {status}")
        targets = [("lighttpd small", lbase, "/small.txt", False, lighttpd.pid),
                   ("lighttpd tile", lbase, "/tile.mvt", False, lighttpd.pid),
                   ("shikong health", base, "/health", True, server.pid),
                   ("shikong tile", base, tile_auth, True, server.pid),
                   ("shikong tile anon", base, tile_anon, False, server.pid)]
        log(f"tile {len(body)} bytes; warming up")
        for name, b, path, auth, _ in targets:
            for _ in range(3 if b == base else 1):
                wrk_each(b, [path] * args.requests, workdir, "warm", auth=auth)
        results = {t[0]: [] for t in targets}
        cpu = {t[0]: [] for t in targets}
        for r in range(args.rounds):
            log(f"round {r + 1}/{args.rounds}")
            for name, b, path, auth, pid in targets:
                c0 = proc_cpu(pid)
                _, lat, _ = wrk_each(b, [path] * args.requests, workdir, "pass", auth=auth)
                cpu[name].append((proc_cpu(pid) - c0) / args.requests)
                results[name].extend(lat)
    finally:
        server.terminate()
        server.wait(timeout=30)
        lighttpd.terminate()
        lighttpd.wait(timeout=10)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {args.rounds} rounds x "
          f"{args.requests} requests per target, one connection, wrk + once.lua; jar {benchlib.JAR}; tile {len(body)} B")
    print(f"{'target':<20} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'CPU us/req':>11}")
    for name, lat in results.items():
        print(f"{name:<20} {percentile(lat, 50) * 1000:8.3f} {percentile(lat, 90) * 1000:8.3f} "
              f"{percentile(lat, 99) * 1000:8.3f} {statistics.mean(lat) * 1000:8.3f} "
              f"{statistics.median(cpu[name]) * 1e6:11.0f}")


if __name__ == "__main__":
    main()
