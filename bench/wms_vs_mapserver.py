#!/usr/bin/env python3
"""Shikong's WMS GetMap against MapServer 8 under lighttpd + FastCGI, as production runs it, in one run.

Data: one PostGIS database prepared by bench/prepare-db.sh (jit = off, max_parallel_workers_per_gather = 0)
with the sample generator's large sizes (deterministic seed): 200,000 buildings, 50,000 pipelines, 8 red-line
zones. Both servers publish the three layers and draw them the same way: Shikong with its default styles
(the standard SLDs: buildings filled by use with a 0.5 px outline, pipelines coloured by network and
thicker from DN500, red-line zones tinted, hatched, outlined and labelled), MapServer with
bench/mapserver/tiles.map.in, whose classes are those rules. No cache on either side (WMS, not /tiles).

Requests: WMS 1.3.0 GetMap, LAYERS=eco_red_lines,buildings,pipelines, STYLES= , PNG, transparent, centred
on sample buildings (every k-th by id, seeded shuffle): 256 px tiles (WebMercatorQuad z13-16 tile bounds),
512 px maps (9,784 m square, ~z13) and 1024x768 maps (9,784 x 7,338 m, ~z14), each in EPSG:3857 and, the
same ground box in longitude/latitude, EPSG:4326 and EPSG:4490 (1.3.0 axis order: latitude first).

MapServer: Debian's mapserv 8 spawned by lighttpd's mod_fastcgi, 4 resident processes (checked to be the
same ones after the run), PostgreSQL connections kept (CLOSE_CONNECTION=DEFER). Shikong: its server
(-Xmx2g), an admin user over HTTP Basic (pipelines are restricted).

Checked first: every distinct request once on both sides, each answer a PNG of the asked size that is not
blank, and both pictures alike (inked 16 px blocks agreeing, colour difference where both draw).
Then per size, projection and concurrency (1, 4, 16): the same distinct requests replayed by wrk (one
thread, that many kept-alive connections, until a fixed number of answers), Shikong and MapServer
interleaved A/B/A/B, maps/s = answers / wrk's run time, summed over the rounds. Prints maps/s of each
side and Shikong / MapServer. Targets (issue 15): >= 1.0 at concurrency 1, >= 1.2 at 4 and 16.

CPU per map: around every replay, the CPU time (utime + stime from /proc) of each side's processes and of
the PostgreSQL backends serving them: the Shikong JVM and its pooled connections' backends; lighttpd, its
mapserv FastCGI processes and theirs (a backend is found by its client's socket: `ss` names the process
owning the client end, pg_stat_activity the backend of that client port). After wrk stops, the meter waits
until the side is idle, so the c - 1 requests still in flight are counted as work done: CPU per map =
CPU seconds / (answers + c - 1) (should lighttpd drop a queued request whose client has left, MapServer's
figure at concurrency 16 reads low by up to (c - 1 - 4) / answers: against Shikong). The ratio MapServer CPU ÷
Shikong CPU per map is what the maps/s ratio tends to once both cores are busy (concurrency 4 and up) and,
unlike maps/s, it barely moves when other work shares the machine. PG S / PG M print each side's
PostgreSQL backends' part of its CPU per map (the rest is the JVM, or lighttpd and mapserv).

Also checked first, for the first two distinct requests per size and CRS: where each side draws the buildings
(LAYERS=buildings) against the exact WMS mapping of BBOX to pixels (BBOX edges = outer pixel edges), drawn by
PIL from the geometries, as the sub-pixel peak of their cross-correlation (printed with the picture checks).

Before the measurements Shikong is warmed up for --warmup seconds (every distinct request in turn; 60 s,
30 s with --quick): its per-request code reaches the JVM's optimizing compiler only after thousands of maps.
"""
import argparse
import os
import re
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

from benchlib import (PASSWORD, ROOT, USER, Client, CpuMeter, MapServerFastCgi, building_points, ensure_layer, fetch_all, ink, log,
                      mercator_bounds, picture, png_size, psql, replay, similarity, start_server, tile_of)

LAYERS = "eco_red_lines,buildings,pipelines"
ZOOMS = [13, 14, 15, 16]
# size name: width, height, ground width and height in metres (None: the tile's), answers per measurement
# at concurrency 1 (more at 16: see total())
SIZES = {
    "256": (256, 256, None, None, 96),
    "512": (512, 512, 9784.0, 9784.0, 24),
    "1024x768": (1024, 768, 9784.0, 7338.0, 16),
}
CRSES = ["EPSG:3857", "EPSG:4326", "EPSG:4490"]
R = 6378137.0


def lonlat(x, y):
    import math
    return math.degrees(x / R), math.degrees(math.atan(math.sinh(y / R)))


def mercator(lon, lat):
    import math
    return R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def boxes(points, size, count, seed):
    """`count` distinct ground boxes (EPSG:3857) of `size` around sample buildings."""
    w, h, gw, gh, _ = SIZES[size]
    rnd = random.Random(seed)
    pts = list(points)
    rnd.shuffle(pts)
    out, seen = [], set()
    for i, (lon, lat) in enumerate(pts):
        if len(out) == count:
            break
        if gw is None:
            t = tile_of(lon, lat, ZOOMS[len(out) % len(ZOOMS)])
            if t in seen:
                continue
            seen.add(t)
            out.append(mercator_bounds(*t))
        else:
            x, y = mercator(lon, lat)
            key = (round(x / gw * 4), round(y / gh * 4))  # boxes overlapping by less than 3/4
            if key in seen:
                continue
            seen.add(key)
            out.append((x - gw / 2, y - gh / 2, x + gw / 2, y + gh / 2))
    return out


def query(box, crs, width, height):
    if crs == "EPSG:3857":
        bbox = ",".join(f"{v:.3f}" for v in box)
    else:
        lon0, lat0 = lonlat(box[0], box[1])
        lon1, lat1 = lonlat(box[2], box[3])
        bbox = f"{lat0:.7f},{lon0:.7f},{lat1:.7f},{lon1:.7f}"  # WMS 1.3.0: EPSG:4326/4490 latitude first
    return (f"SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS={LAYERS}&STYLES=&CRS={crs}&BBOX={bbox}"
            f"&WIDTH={width}&HEIGHT={height}&FORMAT=image%2Fpng&TRANSPARENT=TRUE")


def exact_coverage(db, box, crs, width, height, ss=4):
    """The buildings' fill coverage (0-1 per pixel) of a GetMap of `box` (x/y order, in `crs`) under the exact
    WMS mapping (the BBOX edges are the outer edges of the outer pixels), drawn `ss` times finer by PIL from
    the geometries in PostGIS and averaged down."""
    import numpy
    from PIL import Image, ImageDraw
    minx, miny, maxx, maxy = box
    if crs == "EPSG:3857":
        geom, area = "ST_Transform(geom, 3857)", f"ST_Transform(ST_MakeEnvelope({minx},{miny},{maxx},{maxy},3857), 4490)"
    else:  # EPSG:4326 and 4490 alike: the layers' own longitude/latitude (CGCS2000)
        geom, area = "geom", f"ST_MakeEnvelope({minx},{miny},{maxx},{maxy},4490)"
    rows = psql(db, f"SELECT ST_AsText((ST_Dump({geom})).geom) FROM buildings WHERE valid_to IS NULL AND geom && {area}")
    img = Image.new("L", (width * ss, height * ss), 0)
    draw = ImageDraw.Draw(img)
    sx, sy = width * ss / (maxx - minx), height * ss / (maxy - miny)
    for row in rows.splitlines():
        for k, ring in enumerate(re.findall(r"\(([^()]+)\)", row)):
            xy = [tuple(map(float, pair.split())) for pair in ring.split(",")]
            draw.polygon([((x - minx) * sx, (maxy - y) * sy) for x, y in xy], fill=0 if k else 255)
    return numpy.asarray(img, dtype=numpy.float64).reshape(height, ss, width, ss).mean(axis=(1, 3)) / 255


def offset(picture_alpha, exact):
    """How far (x, y pixels, + = right/down) a picture lies from the exact one: the peak of their cross-correlation,
    refined to a fraction of a pixel by a parabola through it and its neighbours."""
    import numpy
    c = numpy.real(numpy.fft.ifft2(numpy.fft.fft2(picture_alpha - picture_alpha.mean())
                                   * numpy.conj(numpy.fft.fft2(exact - exact.mean()))))
    h, w = c.shape
    i, j = numpy.unravel_index(numpy.argmax(c), c.shape)

    def vertex(before, at, after):
        d = before - 2 * at + after
        return 0.0 if d == 0 else 0.5 * (before - after) / d
    dy = vertex(c[(i - 1) % h, j], c[i, j], c[(i + 1) % h, j])
    dx = vertex(c[i, (j - 1) % w], c[i, j], c[i, (j + 1) % w])
    return (j if j <= w // 2 else j - w) + dx, (i if i <= h // 2 else i - h) + dy


def alpha(body):
    import io
    import numpy
    from PIL import Image
    return numpy.asarray(Image.open(io.BytesIO(body)).convert("RGBA"), dtype=numpy.float64)[..., 3] / 255


def total(size, concurrency, scale):
    base = SIZES[size][4]
    return max(1, int(round(max(base, 4 * concurrency) * scale)))


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the finally below stops the servers
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="shikong_bench_ogc")
    ap.add_argument("--buildings", type=int, default=200_000)
    ap.add_argument("--pipelines", type=int, default=50_000)
    ap.add_argument("--zones", type=int, default=8)
    ap.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: " + ", ".join(SIZES))
    ap.add_argument("--crs", default=",".join(CRSES), help="comma-separated: " + ", ".join(CRSES))
    ap.add_argument("--concurrency", default="1,4,16", help="comma-separated connection counts")
    ap.add_argument("--rounds", type=int, default=2, help="A/B rounds per cell (each replays half the answers)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies the answers per measurement")
    ap.add_argument("--quick", action="store_true",
                    help="a short run: fewer distinct requests, a third of the answers, one round")
    ap.add_argument("--warmup", type=float, default=None,
                    help="seconds of Shikong warm-up before the measurements (default 60, --quick 30)")
    ap.add_argument("--no-offsets", action="store_true",
                    help="skip the check of where each side draws against the exact BBOX-to-pixel mapping")
    ap.add_argument("--cgi", action="store_true", help="also MapServer as CGI (a process per request) as a column")
    ap.add_argument("--mapserv-procs", type=int, default=4)
    ap.add_argument("--port", type=int, default=18310)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--jvm", default="", help="more JVM options for the Shikong server (e.g. a JFR recording)")
    args = ap.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    crses = [c if c.startswith("EPSG:") else "EPSG:" + c for c in args.crs.split(",") if c]
    concurrencies = [int(c) for c in args.concurrency.split(",") if c]
    distinct = {"256": 48, "512": 16, "1024x768": 12}
    if args.quick:
        distinct = {"256": 16, "512": 6, "1024x768": 4}
        args.scale /= 3
        args.rounds = 1
    if args.warmup is None:
        args.warmup = 30.0 if args.quick else 60.0
    for s in sizes:
        if s not in SIZES:
            sys.exit(f"unknown size {s}: use {', '.join(SIZES)}")

    subprocess.run(["bash", os.path.join(ROOT, "bench/prepare-db.sh")], check=True, env=dict(os.environ, BENCH_DB=args.db))
    ensure_layer(args.db, "buildings", args.buildings)
    ensure_layer(args.db, "pipelines", args.pipelines)
    settings = ensure_layer(args.db, "eco_red_lines", args.zones)
    pg_version = psql(args.db, "SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version()")
    workdir = os.path.join(ROOT, "bench/out/wms")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    points = building_points(args.db, 20000)
    plan = {}  # (size, crs) -> list of query strings
    for k, s in enumerate(sizes):
        w, h = SIZES[s][0], SIZES[s][1]
        bx = boxes(points, s, distinct[s], 20261130 + k)
        for crs in crses:
            plan[(s, crs)] = [query(b, crs, w, h) for b in bx]

    server, base = start_server(args.db, args.port, heap=args.heap, log=os.path.join(workdir, "server.log"),
                                env={"SHIKONG_USERS": f"{USER}:{PASSWORD}:admin"},
                                jvm=[o for o in args.jvm.split() if o])
    ms = None
    try:
        ms = MapServerFastCgi(args.db, workdir, args.mapserv_procs)
        pids = ms.workers()
        if len(pids) != args.mapserv_procs:
            sys.exit(f"lighttpd started {len(pids)} mapserv processes, not {args.mapserv_procs}: {ms.error_log()}")
        bodies = {}

        def keep(side):
            def check(path, status, headers, body):
                if status != 200 or not body.startswith(b"\x89PNG"):
                    sys.exit(f"{side} GET {path}: {status} {body[:300]!r}")
                bodies[(side, path.split("?", 1)[1])] = body
            return check

        all_queries = [q for qs in plan.values() for q in qs]
        log(f"checking {len(all_queries)} distinct GetMaps on both sides (and warming up)")
        fetch_all(base, ["/wms?" + q for q in all_queries], 2, keep("shikong"))
        fetch_all(ms.base, ["/mapserv?" + q for q in all_queries], args.mapserv_procs, keep("mapserver"))
        checks = {}
        for (s, crs), qs in plan.items():
            w, h = SIZES[s][0], SIZES[s][1]
            ious, colours, inks = [], [], []
            for q in qs:
                a, b = bodies[("shikong", q)], bodies[("mapserver", q)]
                for side, body in (("Shikong", a), ("MapServer", b)):
                    if png_size(body) != (w, h):
                        sys.exit(f"{side}: not a {w} x {h} PNG for {q}")
                pa, pb = picture(a), picture(b)
                ia, ib = ink(pa), ink(pb)
                if ia < 0.001 or ib < 0.001:
                    with open(os.path.join(workdir, "blank-shikong.png"), "wb") as f:
                        f.write(a)
                    with open(os.path.join(workdir, "blank-mapserver.png"), "wb") as f:
                        f.write(b)
                    sys.exit(f"a blank map (Shikong {ia:.4f}, MapServer {ib:.4f} inked) for {q}; see {workdir}")
                iou, colour = similarity(pa, pb)
                ious.append(iou)
                colours.append(colour)
                inks.append((ia, ib))
            checks[(s, crs)] = (min(ious), statistics.mean(ious), statistics.mean(colours),
                                statistics.mean(i for i, _ in inks), statistics.mean(j for _, j in inks))
            worst = qs[ious.index(min(ious))]
            with open(os.path.join(workdir, f"sample-{s}-{crs.replace(':', '')}-shikong.png"), "wb") as f:
                f.write(bodies[("shikong", worst)])
            with open(os.path.join(workdir, f"sample-{s}-{crs.replace(':', '')}-mapserver.png"), "wb") as f:
                f.write(bodies[("mapserver", worst)])
            if min(ious) < 0.5:
                sys.exit(f"{s} {crs}: the pictures differ (inked blocks agree {min(ious):.2f} at worst) for {worst}; "
                         f"see {workdir}/sample-*.png")
        bodies.clear()
        # where each side puts the buildings against the exact WMS mapping of BBOX to pixels (buildings only, the
        # first two distinct requests per size and CRS): explains a colour difference where both draw
        offsets = {}
        if not args.no_offsets:
            for (s, crs), qs in plan.items():
                w, h = SIZES[s][0], SIZES[s][1]
                found = {"shikong": [], "mapserver": []}
                for q in qs[:2]:
                    b = [float(v) for v in q.split("BBOX=")[1].split("&")[0].split(",")]
                    exact = exact_coverage(args.db, tuple(b) if crs == "EPSG:3857" else (b[1], b[0], b[3], b[2]),
                                           crs, w, h)  # lon/lat: the BBOX as sent is latitude first
                    if exact.sum() < 50:
                        continue
                    one = q.replace(f"LAYERS={LAYERS}", "LAYERS=buildings")
                    for side, server_base, path, auth in (("shikong", base, "/wms?", True),
                                                          ("mapserver", ms.base, "/mapserv?", False)):
                        client = Client(server_base, auth)
                        try:
                            status, _, body, _ = client.get(path + one)
                        finally:
                            client.close()
                        if status == 200 and body.startswith(b"\x89PNG"):
                            found[side].append(offset(alpha(body), exact))
                if found["shikong"] and found["mapserver"]:
                    offsets[(s, crs)] = tuple(
                        (statistics.mean(x for x, _ in found[k]), statistics.mean(y for _, y in found[k]))
                        for k in ("shikong", "mapserver"))
        # a JVM compiles its hot code as it runs: the per-request code (HTTP, filters, the handler) is invoked
        # once per map, so it reaches the optimizing compiler only after some thousands of maps; a server in
        # production is that warm. Measured without it, Shikong's first cells pay for the compiler's CPU
        # (quick run, 256 px EPSG:3857 at c=1 after 60 maps of warm-up: 62 ms CPU per map, against ~23 once warm)
        log(f"warming Shikong up (every distinct request in turn at concurrency 2, {args.warmup:.0f} s)")
        warm = ["/wms?" + q for qs in plan.values() for q in qs]
        until = time.monotonic() + args.warmup
        while time.monotonic() < until:
            replay(base, warm, 2, len(warm), workdir, "warm")
        replay(ms.base, [p.replace("/wms?", "/mapserv?", 1) for p in warm], args.mapserv_procs, len(warm), workdir,
               "warm-mapserver", auth=False)

        ours_cpu = CpuMeter(args.db, lambda: [server.pid])
        theirs_cpu = CpuMeter(args.db, lambda: [ms.proc.pid, *ms.workers()])
        rows = []
        for c in concurrencies:
            for s in sizes:
                for crs in crses:
                    paths = plan[(s, crs)]
                    n = total(s, c, args.scale)
                    per_round = max(c, -(-n // args.rounds))
                    ours, theirs = [], []
                    cpu_a = cpu_b = pg_a = pg_b = 0.0  # CPU seconds over the rounds (pg_: their PostgreSQL part)
                    for r in range(args.rounds):
                        ours_cpu.start()
                        ours.append(replay(base, ["/wms?" + q for q in paths], c, per_round, workdir, "shikong")[0])
                        cpu_a += ours_cpu.stop()
                        pg_a += ours_cpu.pg
                        theirs_cpu.start()
                        theirs.append(replay(ms.base, ["/mapserv?" + q for q in paths], c, per_round, workdir,
                                             "mapserver", auth=False)[0])
                        cpu_b += theirs_cpu.stop()
                        pg_b += theirs_cpu.pg
                    a = len(ours) / sum(1 / v for v in ours)  # answers / total time over the rounds
                    b = len(theirs) / sum(1 / v for v in theirs)
                    work = args.rounds * (per_round + c - 1)  # answers and the requests in flight at wrk's stop
                    ca, cb = 1000 * cpu_a / work, 1000 * cpu_b / work  # CPU ms per map
                    pa, pb = 1000 * pg_a / work, 1000 * pg_b / work
                    cgi = None
                    if args.cgi:
                        t0 = time.perf_counter()
                        from concurrent.futures import ThreadPoolExecutor
                        with ThreadPoolExecutor(max_workers=c) as pool:
                            list(pool.map(lambda q: ms.cgi("/mapserv?" + q), (paths * c)[:max(c, len(paths))]))
                        cgi = max(c, len(paths)) / (time.perf_counter() - t0)
                    rows.append((s, crs, c, a, b, cgi, ca, cb, pa, pb))
                    line = f"{s:>9} {crs:>10} {c:>5} {a:>9.2f} {b:>10.2f} {a / b:>7.2f} {ca:>8.1f} {cb:>8.1f} {cb / ca:>6.2f} {pa:>6.1f} {pb:>6.1f}"
                    if cgi is not None:
                        line += f" {cgi:>9.2f} {a / cgi:>7.2f}"
                    log(line)
        kept = ms.workers() == pids
    finally:
        if ms:
            ms.stop()
        server.terminate()
        server.wait(timeout=30)

    mv = subprocess.run(["mapserv", "-v"], capture_output=True, text=True).stdout.split(" OUTPUT")[0]
    lt = subprocess.run(["lighttpd", "-v"], capture_output=True, text=True).stdout.split(" - ")[0]
    print(f"# WMS GetMap, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores; PostGIS db "
          f"{args.db}: {args.buildings} buildings, {args.pipelines} pipelines, {args.zones} red-line zones (sample "
          f"seed); PostgreSQL {pg_version}; jit,max_parallel_workers_per_gather = {settings}")
    print(f"# LAYERS={LAYERS}, default styles / bench/mapserver/tiles.map.in; WMS 1.3.0 PNG; distinct requests per "
          f"size and CRS: {', '.join(f'{s} {distinct[s]}' for s in sizes)}; replayed by wrk (1 thread, c connections), "
          f"{args.rounds} interleaved round(s){'; --quick' if args.quick else ''}; Shikong warmed up {args.warmup:.0f} s")
    print(f"# MapServer: {mv} under {lt} mod_fastcgi, {args.mapserv_procs} resident mapserv processes "
          f"(the same ones after the run: {'yes' if kept else 'NO'}); Shikong -Xmx{args.heap}")
    print("# pictures (checked on every distinct request): inked 16 px blocks agreeing (IoU) worst / mean, mean "
          "colour difference where both draw (0-255), inked share Shikong / MapServer")
    for (s, crs), (worst, mean, colour, ia, ib) in checks.items():
        line = f"#   {s:>9} {crs:>10}: IoU {worst:.2f} / {mean:.2f}, colour {colour:5.1f}, ink {ia:.3f} / {ib:.3f}"
        if (s, crs) in offsets:
            (ax, ay), (bx_, by) = offsets[(s, crs)]
            line += f"; offset from the exact mapping (x, y px): Shikong {ax:+.2f}, {ay:+.2f}, MapServer {bx_:+.2f}, {by:+.2f}"
        print(line)
    head = f"{'size':>9} {'CRS':>10} {'conc.':>5} {'Shikong':>9} {'MapServer':>10} {'ratio':>7}"
    if args.cgi:
        head += f" {'CGI':>9} {'vs CGI':>7}"
    head += f" {'CPU ms S':>8} {'CPU ms M':>8} {'CPU r.':>6} {'PG S':>6} {'PG M':>6}"
    print(head + "   (maps/s; ratio = Shikong / MapServer FastCGI; CPU ms per map of each side with its PostgreSQL "
                 "backends, CPU r. = MapServer / Shikong; PG S / PG M: the PostgreSQL backends' part of each)")
    for s, crs, c, a, b, cgi, ca, cb, pa, pb in rows:
        target = 1.0 if c == 1 else 1.2
        line = f"{s:>9} {crs:>10} {c:>5} {a:>9.2f} {b:>10.2f} {a / b:>7.2f}"
        if args.cgi:
            line += f" {cgi:>9.2f} {a / cgi:>7.2f}"
        line += f" {ca:>8.1f} {cb:>8.1f} {cb / ca:>6.2f} {pa:>6.1f} {pb:>6.1f}"
        print(line + f"   {'ok' if a / b >= target else 'below'} {target}")


if __name__ == "__main__":
    main()
