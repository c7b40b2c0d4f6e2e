#!/usr/bin/env python3
"""Shikong's WFS GetFeature against MapServer's on the same PostGIS table, in one run.

MapServer 8 from Debian (mapserver-bin / cgi-mapserver) runs as CGI: one `mapserv` process per request,
given the request in QUERY_STRING, exactly as a web server would start it (no FastCGI process manager
is packaged to keep it resident). Shikong runs as its own server on the same machine. Each request asks
for the first N current buildings (COUNT=N, no filter) as GeoJSON and as GML 3.2; the body is read
whole and the feature count checked. features/s = N / median wall-clock of --repeat runs after one
warm-up. Then Shikong's resident memory (VmRSS, peak while streaming) for one 1,000,000-feature response.
Targets: ratio >= 1.5 on GeoJSON, >= 1.0 on GML.
"""
import argparse
import os
import re
import subprocess
import threading
import time
import urllib.request

from benchlib import ROOT, ensure_buildings, mapserver_env, start_server, timed



def mapserv(env, query):
    r = subprocess.run(["mapserv"], env=dict(env, QUERY_STRING=query), capture_output=True, check=True)
    return r.stdout


def features(body, fmt):
    if fmt == "geojson":
        return body.count(b'"type": "Feature"') + body.count(b'"type":"Feature"')
    return body.count(b"<wfs:member>")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench")
    ap.add_argument("--buildings", type=int, default=int(os.environ.get("BENCH_BUILDINGS", "1000000")))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--port", type=int, default=18082)
    args = ap.parse_args()
    settings = ensure_buildings(args.db, args.buildings)
    workdir = os.path.join(ROOT, "bench/out")
    os.makedirs(workdir, exist_ok=True)
    env = mapserver_env(args.db, workdir, "buildings.map.in", "wfs")
    version = subprocess.run(["mapserv", "-v"], capture_output=True, text=True).stdout.split(" OUTPUT")[0]
    server, base = start_server(args.db, args.port)
    try:
        print(f"# {args.buildings} buildings in PostGIS db {args.db}; jit,max_parallel_workers_per_gather = {settings}")
        print(f"# {version} as CGI (one mapserv process per request); median of {args.repeat} after 1 warm-up")
        print(f"{'format':<8} {'count':>7} {'Shikong f/s':>12} {'MapServer f/s':>14} {'ratio':>6}")
        for fmt, ours_fmt, ms_fmt in (("GeoJSON", "application/json", "geojson"), ("GML 3.2", None, None)):
            for n in (1000, 50000):
                q = f"SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=buildings&COUNT={n}"
                ours_url = f"{base}/ows?{q.replace('TYPENAMES=buildings', 'TYPENAMES=shikong:buildings')}"
                if ours_fmt:
                    ours_url += "&OUTPUTFORMAT=" + ours_fmt
                ms_q = q + (f"&OUTPUTFORMAT={ms_fmt}" if ms_fmt else "")
                kind = "geojson" if ms_fmt else "gml"
                got_ours = features(urllib.request.urlopen(ours_url).read(), kind)
                got_ms = features(mapserv(env, ms_q), kind)
                if got_ours != n or got_ms != n:
                    raise SystemExit(f"{fmt} {n}: Shikong returned {got_ours}, MapServer {got_ms} features")
                t_ours = timed(lambda: urllib.request.urlopen(ours_url).read(), args.repeat)
                t_ms = timed(lambda: mapserv(env, ms_q), args.repeat)
                print(f"{fmt:<8} {n:>7} {n / t_ours:>12.0f} {n / t_ms:>14.0f} {t_ms / t_ours:>6.2f}", flush=True)

        # resident memory while streaming one response of a million features
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
        with urllib.request.urlopen(f"{base}/ows?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
                                    f"&TYPENAMES=shikong:buildings&COUNT=1000000&OUTPUTFORMAT=application/json") as r:
            while True:
                chunk = r.read(1 << 20)
                if not chunk:
                    break
                total += len(chunk)
        elapsed = time.perf_counter() - t0
        done.set()
        t.join()
        print(f"1,000,000-feature GeoJSON response: {total / 1e6:.0f} MB in {elapsed:.1f} s; Shikong RSS "
              f"{base_rss / 1024:.0f} MiB before, peak {peak[0] / 1024:.0f} MiB while streaming (-Xmx1g)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
