#!/usr/bin/env python3
"""Shikong's WFS GetFeature against MapServer 8 under lighttpd + FastCGI, as production runs it, in one run.

Data: the PostGIS database of the WMS benchmark (bench/prepare-db.sh: jit = off,
max_parallel_workers_per_gather = 0; 200,000 sample buildings, deterministic seed). MapServer publishes
the current buildings with all their attributes (bench/mapserver/buildings.map.in) from Debian's mapserv 8
spawned by lighttpd's mod_fastcgi, 4 resident processes, PostgreSQL connections kept (CLOSE_CONNECTION=DEFER);
Shikong runs as its server (-Xmx1g).

Requests: WFS 2.0.0 GetFeature KVP, TYPENAMES=buildings, COUNT=N (1,000 and 10,000) and a BBOX in
EPSG:4490 (urn form, latitude first) around sample buildings holding at least 1.2 N of them, so both
return N features; GML 3.2 (each server's default) and GeoJSON. Distinct boxes per N, checked first on both
sides (N features counted in the parsed document: wfs:member elements, GeoJSON features), then replayed
by wrk (one thread, c kept-alive connections, until a fixed number of answers), Shikong and MapServer
interleaved A/B/A/B; features/s = N x answers / wrk's run time over the rounds.
CPU per request (survives other work on the machine's cores, which wall-clock rates do not): the utime + stime
(/proc/<pid>/stat) each side's processes spent during its replays over the answers: the Shikong JVM and its
PostgreSQL backends, against lighttpd, its mapserv processes and their backends (backends found by the client
ports of each side's connections to PostgreSQL, `ss -tnp`, in pg_stat_activity). wrk's own time is on neither side.
Targets (issue 15): GML >= 1.5x and GeoJSON >= 3x MapServer at 1,000 and 10,000 features.
With --stream: Shikong's resident memory while streaming every current building as GeoJSON once.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET

import benchlib
from benchlib import ROOT, CpuMeter, MapServerFastCgi, building_points, ensure_layer, fetch_all, log, psql, replay, start_server

FORMATS = {  # name: (Shikong OUTPUTFORMAT, MapServer OUTPUTFORMAT); None = the server's GML 3.2 default
    "GML 3.2": (None, None),
    "GeoJSON": ("application/json", "geojson"),
}
WFS = "{http://www.opengis.net/wfs/2.0}"


def boxes(db, points, n, count, seed):
    """`count` boxes (lon/lat, EPSG:4490) around sample buildings, each holding 1.2 n to 2 n current buildings."""
    rnd = random.Random(seed)
    pts = list(points)
    rnd.shuffle(pts)
    out, centres = [], []
    for lon, lat in pts:
        if len(out) == count:
            break
        half = 0.002
        for _ in range(40):
            box = (lon - half, lat - half * 0.75, lon + half, lat + half * 0.75)
            have = int(psql(db, "SELECT count(*) FROM buildings WHERE valid_to IS NULL AND geom && "
                                f"ST_MakeEnvelope({box[0]}, {box[1]}, {box[2]}, {box[3]}, 4490)"))
            if have >= 1.2 * n:
                break
            half *= 1.25
        if 1.2 * n <= have <= 2 * n and all(abs(lon - x) > half or abs(lat - y) > half for x, y in centres):
            out.append(box)
            centres.append((lon, lat))
    if len(out) < count:
        sys.exit(f"only {len(out)} boxes holding 1.2-2 x {n} buildings")
    return out


def query(box, n, fmt):
    bbox = f"{box[1]:.6f},{box[0]:.6f},{box[3]:.6f},{box[2]:.6f},urn:ogc:def:crs:EPSG::4490"
    q = f"SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=buildings&COUNT={n}&BBOX={bbox}"
    return q + (f"&OUTPUTFORMAT={fmt}" if fmt else "")


def features(body, kind):
    """Features in a parsed answer (a broken document fails here)."""
    if kind == "GeoJSON":
        doc = json.loads(body)
        return len(doc["features"])
    root = ET.fromstring(body)
    return len(root.findall(f"{WFS}member"))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the finally below stops the servers
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="shikong_bench_ogc")
    ap.add_argument("--buildings", type=int, default=200_000)
    ap.add_argument("--counts", default="1000,10000", help="comma-separated COUNT values")
    ap.add_argument("--formats", default="GML,GeoJSON", help="GML, GeoJSON or both")
    ap.add_argument("--concurrency", default="1,4", help="comma-separated connection counts")
    ap.add_argument("--rounds", type=int, default=2, help="A/B rounds per cell")
    ap.add_argument("--features", type=int, default=60_000,
                    help="features each side writes per measurement at concurrency 1 (split over the rounds)")
    ap.add_argument("--quick", action="store_true", help="a short run: a third of the features, one round")
    ap.add_argument("--warmup", type=int, default=40_000,
                    help="features Shikong writes per format and count before it is measured (its JIT compiles for "
                         "~2,000 answers of 1,000 features: 400000 measures it nearer a server in production)")
    ap.add_argument("--stream", action="store_true", help="also Shikong's memory while streaming every building")
    ap.add_argument("--mapserv-procs", type=int, default=4)
    ap.add_argument("--port", type=int, default=18320)
    ap.add_argument("--heap", default="1g")
    ap.add_argument("--jvm", default="", help="more JVM options for the Shikong server (e.g. a JFR recording)")
    ap.add_argument("--jar", default=benchlib.JAR, help="the Shikong server jar (default: this checkout's build)")
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",") if c]
    formats = [f for f in FORMATS if f.split()[0].lower() in [x.strip().lower() for x in args.formats.split(",")]]
    concurrencies = [int(c) for c in args.concurrency.split(",") if c]
    benchlib.JAR = os.path.abspath(args.jar)
    if args.quick:
        args.features //= 3
        args.rounds = 1

    subprocess.run(["bash", os.path.join(ROOT, "bench/prepare-db.sh")], check=True, env=dict(os.environ, BENCH_DB=args.db))
    settings = ensure_layer(args.db, "buildings", args.buildings)
    pg_version = psql(args.db, "SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version()")
    workdir = os.path.join(ROOT, "bench/out/wfs")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    points = building_points(args.db, 2000)
    plan = {n: boxes(args.db, points, n, 8 if n <= 1000 else 4, 20261130 + n) for n in counts}

    server, base = start_server(args.db, args.port, heap=args.heap, log=os.path.join(workdir, "server.log"),
                                jvm=[o for o in args.jvm.split() if o])
    ms = None
    rows = []
    try:
        ms = MapServerFastCgi(args.db, workdir, args.mapserv_procs, template="buildings.map.in")
        pids = ms.workers()
        if len(pids) != args.mapserv_procs:
            sys.exit(f"lighttpd started {len(pids)} mapserv processes, not {args.mapserv_procs}: {ms.error_log()}")
        sizes = {}
        for fmt in formats:
            ours_fmt, ms_fmt = FORMATS[fmt]
            for n in counts:
                ours = ["/wfs?" + query(b, n, ours_fmt) for b in plan[n]]
                theirs = ["/mapserv?" + query(b, n, ms_fmt) for b in plan[n]]

                def check(side):
                    def f(path, status, headers, body):
                        got = features(body, fmt) if status == 200 else None
                        if got != n:
                            sys.exit(f"{side} {fmt} {path}: status {status}, {got} features, not {n}: {body[:400]!r}")
                        sizes.setdefault((side, fmt, n), []).append(len(body))
                    return f

                log(f"{fmt} COUNT={n}: checking {len(ours)} distinct requests on both sides (and warming up)")
                for _ in range(2 if n <= 1000 else 1):
                    fetch_all(base, ours, 1, check("Shikong"), auth=False)
                fetch_all(ms.base, theirs, 1, check("MapServer"), auth=False)
                # the JIT: Shikong's first few hundred answers are slower than a server's in production
                replay(base, ours, 2, max(len(ours), args.warmup // n), workdir, "warm", auth=False)
                for c in concurrencies:
                    answers = max(c, -(-args.features // n) * (2 if c > 1 else 1))
                    per_round = max(c, -(-answers // args.rounds))
                    a_t = b_t = a_s = b_s = a_pg = b_pg = 0.0
                    a_cpu, b_cpu = CpuMeter(args.db, lambda: [server.pid]), CpuMeter(args.db, lambda: [ms.proc.pid] + ms.workers())
                    for _ in range(args.rounds):
                        a_cpu.start()
                        a_t += per_round / replay(base, ours, c, per_round, workdir, "shikong", auth=False)[0]
                        a_s += a_cpu.stop()
                        a_pg += a_cpu.pg
                        b_cpu.start()
                        b_t += per_round / replay(ms.base, theirs, c, per_round, workdir, "mapserver", auth=False)[0]
                        b_s += b_cpu.stop()
                        b_pg += b_cpu.pg
                    a = n * per_round * args.rounds / a_t
                    b = n * per_round * args.rounds / b_t
                    # CPU milliseconds per answer: the meter waits until the side is idle, so the c - 1 requests
                    # still in flight when wrk stopped count as answers too
                    work = args.rounds * (per_round + c - 1)
                    a_ms = 1000 * a_s / work
                    b_ms = 1000 * b_s / work
                    pa, pb = 1000 * a_pg / work, 1000 * b_pg / work
                    rows.append((fmt, n, c, a, b, a_ms, b_ms, pa, pb))
                    log(f"{fmt:<8} {n:>6} {c:>5} {a:>12.0f} {b:>14.0f} {a / b:>6.2f}   CPU ms/answer {a_ms:.1f} / {b_ms:.1f}"
                        f" = {b_ms / a_ms if a_ms else 0:.2f} (PostgreSQL {pa:.1f} / {pb:.1f})")
        kept = ms.workers() == pids

        stream = None
        if args.stream:
            base_rss = rss_kib(server.pid)
            peak = [base_rss]
            done = threading.Event()

            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], rss_kib(server.pid))
                    time.sleep(0.05)

            t = threading.Thread(target=sample)
            t.start()
            t0 = time.perf_counter()
            total = 0
            with urllib.request.urlopen(f"{base}/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=buildings"
                                        f"&COUNT={args.buildings}&OUTPUTFORMAT=application/json") as r:
                while chunk := r.read(1 << 20):
                    total += len(chunk)
            stream = (total, time.perf_counter() - t0, base_rss, peak[0])
            done.set()
            t.join()
    finally:
        if ms:
            ms.stop()
        server.terminate()
        server.wait(timeout=30)

    mv = subprocess.run(["mapserv", "-v"], capture_output=True, text=True).stdout.split(" OUTPUT")[0]
    lt = subprocess.run(["lighttpd", "-v"], capture_output=True, text=True).stdout.split(" - ")[0]
    print(f"# WFS GetFeature, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores; PostGIS db "
          f"{args.db}: {args.buildings} buildings (sample seed); PostgreSQL {pg_version}; "
          f"jit,max_parallel_workers_per_gather = {settings}")
    print(f"# WFS 2.0.0 KVP, TYPENAMES=buildings, COUNT=N, BBOX (EPSG:4490) holding 1.2-2 N buildings; distinct boxes: "
          f"{', '.join(f'{len(plan[n])} for {n}' for n in counts)}; wrk (1 thread, c connections), {args.rounds} "
          f"interleaved round(s){'; --quick' if args.quick else ''}; Shikong warmed up with {args.warmup} features per cell")
    print(f"# MapServer: {mv} under {lt} mod_fastcgi, {args.mapserv_procs} resident mapserv processes (the same ones "
          f"after the run: {'yes' if kept else 'NO'}); Shikong -Xmx{args.heap}")
    for (side, fmt, n), s in sorted(sizes.items()):
        print(f"#   {side:<9} {fmt:<8} {n:>6}: {sum(s) / len(s) / 1024:8.0f} KiB per answer")
    print("# CPU ms/answer: utime+stime per answer of the Shikong JVM + its PostgreSQL backends, and of lighttpd + "
          "mapserv + theirs; CPU ratio = MapServer's / Shikong's (features per CPU second, Shikong / MapServer); PG S / PG M: "
          "the PostgreSQL backends' part of each side's CPU ms")
    print(f"{'format':<8} {'count':>6} {'conc.':>5} {'Shikong f/s':>12} {'MapServer f/s':>14} {'ratio':>6}"
          f"   {'':<11} {'Shikong CPU ms':>14} {'MapServer CPU ms':>16} {'CPU ratio':>9} {'PG S':>6} {'PG M':>6}")
    for fmt, n, c, a, b, a_ms, b_ms, pa, pb in rows:
        target = 1.5 if fmt.startswith("GML") else 3.0
        verdict = f"{'ok' if a / b >= target else 'below'} {target}"
        print(f"{fmt:<8} {n:>6} {c:>5} {a:>12.0f} {b:>14.0f} {a / b:>6.2f}   {verdict:<11} {a_ms:>14.1f} {b_ms:>16.1f}"
              f" {b_ms / a_ms if a_ms else 0:>9.2f} {pa:>6.1f} {pb:>6.1f}")
    if stream:
        total, elapsed, base_rss, peak = stream
        print(f"every building as GeoJSON ({args.buildings} features): {total / 1e6:.0f} MB in {elapsed:.1f} s; Shikong "
              f"RSS {base_rss / 1024:.0f} MiB before, peak {peak / 1024:.0f} MiB while streaming (-Xmx{args.heap})")


if __name__ == "__main__":
    main()
