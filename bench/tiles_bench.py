#!/usr/bin/env python3
"""Shikong's tile service against the raw database statement and against MapServer, in one run.

One PostGIS database prepared by bench/prepare-db.sh (jit = off, max_parallel_workers_per_gather = 0),
sample buildings, pipelines and red-line zones (deterministic seed), one Shikong server on it with a
fresh tile cache directory, an admin user (pipelines are a restricted layer) and HTTP Basic on every
request. Tiles: WebMercatorQuad z13-16 where the buildings are (tiles of sample building centroids,
seeded), distinct: set A (latency), set B (throughput) and a warm-up set (--warmup tiles, 3000 by default:
each tile once as a miss, sequentially, by http.client with every body checked, then 5 s of wrk on them cached,
then --warmup-passes - 1 more passes of misses sent as the measured pass sends them (wrk + once.lua), the cache
truncated (a REST truncate job) before each: see warm_up()), never requested twice before they are meant to
be cached. The server's tile cache is on tmpfs when there is one (see cache_root(): this machine's root file
system is ext4 without a journal, whose inode allocator made each cache write ~0.7 ms of CPU after the
warm-up's truncations).
The warm-up is long because the JIT is: the miss path (HTTP, JDBC, the cache) kept getting faster over the
first few thousand misses (p50 5.8 ms after 300, 2.5 ms after 8000 on 2 cores), and after one pass of 3000
misses (some 10 s of the server's life) the C2 compiler still took 0.5-1.7 ms of CPU per miss on these 2 cores,
beside the miss itself; a server in production has long passed that. pgbench is warmed on A itself.

1. Cache-miss MVT latency: GET /tiles/WebMercatorQuad/{z}/{x}/{y}.mvt?layers=buildings,pipelines for each
   tile of A once, sequentially on one kept-alive connection, by wrk (bench/tiles/once.lua: the HTTP
   counterpart of pgbench, a C client; the script times each request itself, from asking for it to the
   whole answer, and the percentiles are computed here as pgbench's are: wrk's own percentiles add made-up
   samples for every slow request, its coordinated-omission correction; no Accept-Encoding, so no gzip), against
   the same tiles through pgbench: a script of the statement the store runs for a tile (one per tile: the
   mvt-layer.sql template rendered by PostgisVectorTiles for each layer the tile service asks for, the
   layers' ST_AsMVT concatenated with ||, see bench/tiles/MvtStatements.java,
   every value bound as a typed parameter, pgbench -M prepared, one connection with the server pool's
   plan_cache_mode=force_custom_plan, so each execution is planned for its values as in the server): transaction k runs tile
   k of A (its values recomputed in pgbench from z/x/y as the store computes them, checked equal to what
   the store binds for every tile; pgbench passes doubles with 15 significant digits, 1e-7 m here), A
   twice per run and the second time's latencies from the per-transaction log (-l); one run before and
   one after the server's pass, both counted.
   Ratio = Shikong / pgbench at p50 and p99 (targets <= 1.15 and <= 1.3).
2. Cached / cache-miss MVT throughput: B requested once by --concurrency Python threads (each a kept-alive
   connection; every request a miss), then the same tiles again, now cached, by wrk with the same number
   of connections rotating through them (bench/tiles/rotate.lua). Ratio = cached tiles/s / miss tiles/s
   (target >= 10). The same at concurrency 1 from the sequential passes over A is printed beside it.
3. Cached raster tiles: 256 px PNG tiles of eco_red_lines, buildings and pipelines (standard styles)
   rendered once (cached), against MapServer 8 (Debian) WMS GetMap of the same 256 px tiles in EPSG:3857
   with the same styles (bench/mapserver/tiles.map.in) under lighttpd's mod_fastcgi with 4 resident
   mapserv processes (bench/mapserver/lighttpd.conf.in); both by wrk with the same connections, A/B
   rounds interleaved, median of the rounds. Ratio = Shikong tiles/s / MapServer tiles/s (target >= 10).
   Checked first: every image on both sides a 256 x 256 PNG; the mapserv processes are the same ones
   after the run (FastCGI keeps them) and serve far more requests/s than mapserv as CGI.

Prints a table with the ratios and the settings, and writes it with the raw figures to
bench/results/tiles-bench.txt and .json.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import benchlib
from benchlib import (AUTH, PASSWORD, PGENV, ROOT, USER, Client, MapServerFastCgi, building_points, ensure_layer,
                      fetch_all, log, mercator_bounds, percentile, png_size, psql, start_server,
                      tile_of, wrk)

MVT_LAYERS = ["buildings", "pipelines"]
RASTER_LAYERS = ["eco_red_lines", "buildings", "pipelines"]
ZOOMS = [13, 14, 15, 16]
# the server's pool opens its connections with this (CoreFactory: a bbox query is planned with its own
# values, never with a generic plan), so pgbench's connection does too
SERVER_SESSION = "-c plan_cache_mode=force_custom_plan"
SCALES = {
    # name: buildings, pipelines, red-line zones, MVT tiles in A (and B), raster tiles, wrk seconds, rounds
    "bench": dict(buildings=1_000_000, pipelines=200_000, zones=10_000, tiles=300, raster=128, duration=10, rounds=3),
    "small": dict(buildings=100_000, pipelines=20_000, zones=2_000, tiles=200, raster=64, duration=5, rounds=2),
}


# ---------------------------------------------------------------- tiles


def wrk_each(base, paths, workdir, name, auth=True):
    """Each path once, in order, by wrk on one connection (bench/tiles/once.lua), every request timed by the
    script from the moment wrk asks for it to the whole answer, as pgbench times a transaction: (count, p50,
    p90, p99, mean) in seconds, computed like pgbench's (percentile()), the latencies in path order, and wrk's
    own (p50, p90, p99, mean), which its coordinated-omission correction inflates (see once.lua). `auth`: send the
    admin's Basic credentials with every request."""
    listing = os.path.join(workdir, f"{name}.paths")
    timings = os.path.join(workdir, f"{name}.latencies")
    with open(listing, "w") as f:
        f.write("\n".join(paths) + "\n")
    cmd = ["wrk", *(["-H", f"Authorization: {AUTH}"] if auth else []), "-t", "1", "-c", "1", "-d", "600s",
           "--timeout", "60s", "-s", os.path.join(ROOT, "bench/tiles/once.lua"), base]
    p = subprocess.Popen(cmd, env=dict(os.environ, WRK_PATHS=listing, WRK_LATENCIES=timings),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err = []
    for line in p.stderr:  # wrk sleeps for all of -d: interrupt it once every path is answered
        err.append(line)
        if line.strip() == "all answered":
            p.send_signal(signal.SIGINT)
            break
    out, rest = p.communicate(timeout=120)
    m = re.search(r"latency_us (\d+) (\d+) (\d+) (\d+) ([\d.]+) (\d+)", out)
    lat = []
    if os.path.exists(timings):
        with open(timings) as f:
            lat = [float(v) / 1e6 for v in f.read().split()]
    if p.returncode != 0 or not m or len(lat) != len(paths):
        sys.exit(f"wrk over {name} failed:\n{out}\n{''.join(err)}{rest}")
    stats = (len(lat), percentile(lat, 50), percentile(lat, 90), percentile(lat, 99), statistics.mean(lat))
    return stats, lat, tuple(float(v) / 1e6 for v in m.groups()[1:5])


def warm_up(base, warm, passes, concurrency, workdir, check):
    """Warms the server up on the tiles `warm`: the first pass of misses by http.client (every body checked),
    then 5 s of wrk on them cached (`concurrency` connections), then `passes` - 1 more passes of misses (the
    cache truncated before each) sent and timed as the measured pass is (wrk + once.lua): a warm-up by
    another client (other headers, another pace) left the JIT's profile of the request path to another
    traffic, and C2 deoptimized and recompiled parts of it (Netty's header parser, promise listeners)
    during the measured pass."""
    paths = [mvt_path(t) for t in warm]
    log(f"warming the server up on {len(warm)} other tiles, pass 1/{passes} (misses, http.client)")
    fetch_all(base, paths, 1, check)
    wrk(base, paths, concurrency, 5, workdir, "mvt-warm")
    for p in range(1, passes):
        truncate_cache(base)
        log(f"warming the server up on {len(warm)} other tiles, pass {p + 1}/{passes} (misses, wrk)")
        wrk_each(base, paths, workdir, "mvt-warm-miss")


def cache_root(workdir):
    """Where the server's tile cache goes: a fresh directory on tmpfs (/dev/shm) when there is one, else under
    `workdir`. This machine's root file system is ext4 without a journal, where creating a file scans past
    every inode freed in the last 60 s (300 s while its block is dirty; find_inode_bit -> recently_deleted,
    skipped when there is a journal): after the warm-up's truncations freed thousands of tiles, the cache's
    writer spent ~0.7 ms of CPU per tile in that scan (vs ~0.05 ms for the same write otherwise), on the
    cores the next miss needs. A cache on a journaled file system (or tmpfs) does not pay it."""
    shm = "/dev/shm"
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else workdir
    return tempfile.mkdtemp(prefix="shikong-tile-cache-", dir=base)


def truncate_cache(base):
    """Empties the server's cache of the MVT layers' tiles by a REST truncate job (admin), and waits for it."""
    def call(path, body=None):
        req = urllib.request.Request(base + path, method="POST" if body else "GET",
                                     headers={"Authorization": AUTH, "Content-Type": "application/json"},
                                     data=json.dumps(body).encode() if body else None)
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)
    job = call("/api/v1/tiles/jobs", {"kind": "truncate", "layers": [MVT_LAYERS[0]], "tileMatrixSet": "WebMercatorQuad",
                                      "minZoom": min(ZOOMS), "maxZoom": max(ZOOMS)})
    for _ in range(600):
        job = call(f"/api/v1/tiles/jobs/{job['id']}")
        if job["state"] in ("done", "failed", "cancelled"):
            break
        time.sleep(0.1)
    if job["state"] != "done":
        sys.exit(f"truncating the cache: {job}")


def pick_tiles(points, sizes, seed=20261130):
    """Distinct z13-16 tiles holding sample buildings, round-robin over the zooms (a zoom that runs out of
    tiles is skipped), split into consecutive lists of the given sizes."""
    rnd = random.Random(seed)
    pools = {}
    for z in ZOOMS:
        tiles = sorted({tile_of(lon, lat, z) for lon, lat in points})
        rnd.shuffle(tiles)
        pools[z] = tiles
    out, need = [], sum(sizes)
    while len(out) < need and any(pools.values()):
        for z in ZOOMS:
            if pools[z] and len(out) < need:
                out.append(pools[z].pop())
    if len(out) < need:
        sys.exit(f"only {len(out)} distinct tiles with buildings at z13-16; ask for fewer (--tiles)")
    lists, at = [], 0
    for n in sizes:
        lists.append(out[at:at + n])
        at += n
    return lists


def raster_tiles(points, count, seed=20261201):
    """`count` tiles as 4 x 4 blocks (one metatile each when the server's metatile is 4) around building
    centroids, z13-16 in turn."""
    rnd = random.Random(seed)
    pts = list(points)
    rnd.shuffle(pts)
    out, seen, i = [], set(), 0
    while len(out) < count and i < len(pts):
        z = ZOOMS[i % len(ZOOMS)]
        _, x, y = tile_of(*pts[i], z)
        i += 1
        bx, by = x - x % 4, y - y % 4
        if (z, bx, by) in seen:
            continue
        seen.add((z, bx, by))
        out.extend((z, bx + dx, by + dy) for dy in range(4) for dx in range(4))
    return out[:count]


def mvt_path(t):
    z, x, y = t
    return f"/tiles/WebMercatorQuad/{z}/{x}/{y}.mvt?layers={','.join(MVT_LAYERS)}"


def png_path(t):
    z, x, y = t
    return f"/tiles/WebMercatorQuad/{z}/{x}/{y}.png?layers={','.join(RASTER_LAYERS)}"


def wms_path(t):
    bbox = ",".join(f"{v:.6f}" for v in mercator_bounds(*t))
    return ("/mapserv?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=" + ",".join(RASTER_LAYERS) +
            f"&STYLES=&SRS=EPSG:3857&BBOX={bbox}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE")


# ---------------------------------------------------------------- payload checks

def _varint(b, i):
    shift = value = 0
    while True:
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        if c < 0x80:
            return value, i
        shift += 7


def mvt_layers(body):
    """(layer name, feature count) of each layer of a Mapbox Vector Tile, by reading its protobuf."""
    out, i = [], 0
    while i < len(body):
        key, i = _varint(body, i)
        field, wire = key >> 3, key & 7
        if wire == 2:
            n, i = _varint(body, i)
            chunk, i = body[i:i + n], i + n
            if field == 3:
                name, features, j = None, 0, 0
                while j < len(chunk):
                    k, j = _varint(chunk, j)
                    if k & 7 == 2:
                        m, j = _varint(chunk, j)
                        if k >> 3 == 1:
                            name = chunk[j:j + m].decode()
                        elif k >> 3 == 2:
                            features += 1
                        j += m
                    elif k & 7 == 0:
                        _, j = _varint(chunk, j)
                    elif k & 7 == 5:
                        j += 4
                    elif k & 7 == 1:
                        j += 8
                    else:
                        raise ValueError("bad MVT layer")
                out.append((name, features))
        elif wire == 0:
            _, i = _varint(body, i)
        elif wire == 5:
            i += 4
        elif wire == 1:
            i += 8
        else:
            raise ValueError("not a vector tile")
    return out



# ---------------------------------------------------------------- the statements pgbench runs

def tile_values(zoom, x, y):
    """The values PostgisVectorTiles binds for a tile, computed as it computes them (TileMatrix.tileBounds,
    unit = width / extent, bounds grown by buffer units, tolerance = simplify x the smaller unit)."""
    span_x, span_y, ox, oy = zoom["spanX"], zoom["spanY"], zoom["originX"], zoom["originY"]
    xmin, xmax = ox + x * span_x, ox + (x + 1) * span_x
    ymin, ymax = oy - (y + 1) * span_y, oy - y * span_y
    ux, uy = (xmax - xmin) / zoom["extent"], (ymax - ymin) / zoom["extent"]
    b = zoom["buffer"]
    return {"tile_xmin": xmin, "tile_ymin": ymin, "tile_xmax": xmax, "tile_ymax": ymax,
            "buffered_xmin": xmin - b * ux, "buffered_ymin": ymin - b * uy,
            "buffered_xmax": xmax + b * ux, "buffered_ymax": ymax + b * uy,
            "tolerance": zoom["simplify"] * min(ux, uy), "limit": zoom["limit"]}


# the same computation in pgbench's expression language, after z, x, y and the zoom's values are set
PGBENCH_TILE = r"""\set tile_xmin :origin_x + :x * :span_x
\set tile_xmax :origin_x + (:x + 1) * :span_x
\set tile_ymin :origin_y - (:y + 1) * :span_y
\set tile_ymax :origin_y - :y * :span_y
\set unit_x (:tile_xmax - :tile_xmin) / :extent
\set unit_y (:tile_ymax - :tile_ymin) / :extent
\set buffered_xmin :tile_xmin - :buffer * :unit_x
\set buffered_ymin :tile_ymin - :buffer * :unit_y
\set buffered_xmax :tile_xmax + :buffer * :unit_x
\set buffered_ymax :tile_ymax + :buffer * :unit_y
\set tolerance :simplify * least(:unit_x, :unit_y)
"""


def statements(db, tiles, workdir):
    """The store's statements for the tiles, as a pgbench script running tile k of the list in its k-th
    transaction (modulo the list): bench/tiles/MvtStatements.java renders the statements with the server's
    own classes; each bound value is a typed pgbench parameter, either constant (-D) or recomputed per tile
    from z/x/y as the store computes it (checked equal to what the store binds, for every tile).
    Returns (script, -D definitions, the statements document)."""
    tiles_file = os.path.join(workdir, "mvt-tiles.txt")
    with open(tiles_file, "w") as f:
        f.write("".join(f"{z} {x} {y}\n" for z, x, y in tiles))
    out_file = os.path.join(workdir, "mvt-statements.json")
    subprocess.run(["java", "-cp", benchlib.JAR, os.path.join(ROOT, "bench/tiles/MvtStatements.java"),
                    f"jdbc:postgresql://127.0.0.1:5432/{db}", "shikong", "shikong", ",".join(MVT_LAYERS),
                    tiles_file, out_file], check=True, stdout=subprocess.DEVNULL)
    with open(out_file) as f:
        doc = json.load(f)
    zooms = {zm["z"]: zm for zm in doc["zooms"]}
    computed = [tile_values(zooms[t["z"]], t["x"], t["y"]) for t in doc["tiles"]]
    casts = {"double": "double precision", "integer": "integer", "long": "bigint", "string": "varchar",
             "timestamptz": "timestamptz", "boolean": "boolean"}
    defines, sql = {}, []
    for s, stmt in enumerate(doc["statements"]):
        parts = stmt["sql"].split("?")
        if len(parts) - 1 != len(stmt["types"]):
            sys.exit(f"statement {s}: {len(parts) - 1} placeholders, {len(stmt['types'])} parameters")
        text = parts[0]
        for i, (t, rest) in enumerate(zip(stmt["types"], parts[1:])):
            values = [tile["params"][s][i] for tile in doc["tiles"]]
            if t == "null":
                ref = "NULL"
            else:
                name = next((q for q in computed[0]
                             if all(type(v) is type(c[q]) and v == c[q] for v, c in zip(values, computed))), None)
                if name is None:
                    if any(v != values[0] for v in values):
                        sys.exit(f"statement {s}, parameter {i + 1}: values the bench cannot recompute: {values[:4]}")
                    name = f"c{s}_{i}"
                    defines[name] = str(values[0])
                ref = f"CAST(:{name} AS {casts[t]})"
            text += ref + rest
        sql.append(" ".join(text.split()) + ";")

    def case(key, values):
        return "CASE " + " ".join(f"WHEN {key} = {k} THEN {v!r}" for k, v in values) + " END"

    script = [f"\\set k :n % {len(tiles)}",
              "\\set t " + case(":k", [(k, z * 10 ** 12 + x * 10 ** 6 + y) for k, (z, x, y) in enumerate(tiles)]),
              "\\set n :n + 1",
              "\\set z :t / 1000000000000",
              "\\set x (:t / 1000000) % 1000000",
              "\\set y :t % 1000000"]
    for var, key in [("origin_x", "originX"), ("origin_y", "originY"), ("span_x", "spanX"), ("span_y", "spanY"),
                     ("extent", "extent"), ("buffer", "buffer"), ("simplify", "simplify"), ("limit", "limit")]:
        script.append(f"\\set {var} " + case(":z", [(z, zm[key]) for z, zm in sorted(zooms.items())]))
    script.append(PGBENCH_TILE.rstrip("\n"))
    script.extend(sql)
    return "\n".join(script) + "\n", defines, doc


def pgbench_pass(db, script_file, defines, tiles, workdir):
    """Latency (s) of each tile's statements through pgbench -M prepared on one connection: the list twice,
    the first time as a warm-up, the second time's per-transaction latencies from the log (-l)."""
    logdir = os.path.join(workdir, "pgbench-log")
    shutil.rmtree(logdir, ignore_errors=True)
    os.makedirs(logdir)
    cmd = ["pgbench", "-n", "-M", "prepared", "-c", "1", "-t", str(2 * tiles), "-l", "--log-prefix",
           os.path.join(logdir, "mvt"), "-f", script_file, "-h", "127.0.0.1", "-U", "shikong", "-D", "n=0"]
    for name, v in defines.items():
        cmd += ["-D", f"{name}={v}"]
    r = subprocess.run(cmd + [db], env=dict(PGENV, PGOPTIONS=SERVER_SESSION), capture_output=True, text=True)
    if r.returncode != 0 or "failed transactions: 0 " not in r.stdout:
        sys.exit(f"pgbench failed:\n{r.stdout}\n{r.stderr}")
    logs = os.listdir(logdir)
    with open(os.path.join(logdir, logs[0])) as f:
        rows = [line.split() for line in f if line.strip()]
    if len(rows) != 2 * tiles:
        sys.exit(f"pgbench logged {len(rows)} transactions, not {2 * tiles}")
    return [int(row[2]) / 1e6 for row in rows[tiles:]]


def sql_digest(db, doc, k):
    """md5 of the layers of tile k encoded by the statements themselves (concatenated as the service does)."""
    parts = []
    for s, stmt in enumerate(doc["statements"]):
        text, values = stmt["sql"], doc["tiles"][k]["params"][s]
        chunks = text.split("?")
        sql = chunks[0]
        for t, v, rest in zip(stmt["types"], values, chunks[1:]):
            if v is None:
                sql += "NULL"
            else:
                sql += "CAST('" + str(v).replace("'", "''") + "' AS " + \
                       {"double": "double precision", "long": "bigint", "string": "varchar"}.get(t, t) + ")"
            sql += rest
        parts.append(f"COALESCE(({sql}), ''::bytea)")
    return psql(db, "SELECT md5(" + " || ".join(parts) + ")")

# ---------------------------------------------------------------- main

def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the finally below stops the servers
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default=os.environ.get("BENCH_SCALE", "bench"),
                    help="bench: 1M buildings, 200k pipelines, 10k zones, 300 tiles (default); small: 100k/20k/2k, "
                         "200 tiles, in its own database shikong_bench_small")
    ap.add_argument("--db")
    ap.add_argument("--buildings", type=int)
    ap.add_argument("--pipelines", type=int)
    ap.add_argument("--zones", type=int)
    ap.add_argument("--tiles", type=int, help="distinct MVT tiles in each of the sets A and B")
    ap.add_argument("--raster", type=int, help="raster tiles")
    ap.add_argument("--warmup", type=int, default=3000, help="distinct MVT tiles the server is warmed up on (misses)")
    ap.add_argument("--warmup-passes", type=int, default=3,
                    help="passes of misses over the warm-up tiles, the cache truncated between them")
    ap.add_argument("--duration", type=int, help="seconds per wrk run")
    ap.add_argument("--rounds", type=int, help="interleaved Shikong/MapServer raster rounds")
    ap.add_argument("--concurrency", type=int, default=4, help="connections for the throughput runs")
    ap.add_argument("--mapserv-procs", type=int, default=4)
    ap.add_argument("--port", type=int, default=18087)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--jar", help="the server's jar (default: the build's, micronaut-api/target/...-all.jar), "
                                  "e.g. a copy kept to compare two builds")
    args = ap.parse_args()
    if args.jar:
        benchlib.JAR = os.path.abspath(args.jar)
    for k, v in SCALES[args.scale].items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    if args.db is None:
        args.db = "shikong_bench" if args.scale == "bench" else f"shikong_bench_{args.scale}"

    subprocess.run(["bash", os.path.join(ROOT, "bench/prepare-db.sh")], check=True,
                   env=dict(os.environ, BENCH_DB=args.db))
    ensure_layer(args.db, "buildings", args.buildings)
    ensure_layer(args.db, "pipelines", args.pipelines)
    settings = ensure_layer(args.db, "eco_red_lines", args.zones)
    pg_version = psql(args.db, "SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version() "
                               "|| ', shared_buffers ' || current_setting('shared_buffers')")
    workdir = os.path.join(ROOT, "bench/out/tiles")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    cache_dir = cache_root(workdir)

    points = building_points(args.db, 20000)
    set_a, set_b, warm = pick_tiles(points, [args.tiles, args.tiles, args.warmup])
    raster = raster_tiles(points, args.raster)
    log(f"{len(set_a)} + {len(set_b)} MVT tiles, {len(warm)} to warm up, {len(raster)} raster tiles")

    script, defines, doc = statements(args.db, set_a, workdir)
    script_file = os.path.join(workdir, "mvt.pgbench")
    with open(script_file, "w") as f:
        f.write(script)
    log("pgbench pass 1 over A")
    pg_lat = pgbench_pass(args.db, script_file, defines, len(set_a), workdir)

    server, base = start_server(args.db, args.port, heap=args.heap, log=os.path.join(workdir, "server.log"),
                                env={"SHIKONG_TILES_CACHE_DIR": cache_dir, "SHIKONG_USERS": f"{USER}:{PASSWORD}:admin"})
    ms = None
    try:
        def check_mvt(path, status, headers, body):
            if status != 200:
                sys.exit(f"GET {path}: {status} {body[:300]!r}")
            names = [n for n, _ in mvt_layers(body)]
            if any(n not in MVT_LAYERS for n in names):
                sys.exit(f"GET {path}: layers {names}")

        def check_png(path, status, headers, body):
            if status != 200 or png_size(body) != (256, 256):
                sys.exit(f"GET {path}: {status}, not a 256 x 256 PNG: {body[:200]!r}")

        warm_up(base, warm, args.warmup_passes, args.concurrency, workdir, check_mvt)

        # 1. cache-miss latency over A, sequential, by wrk on one connection; then A again, cached
        log("cache-miss pass over A (wrk, one connection)")
        miss_stats, miss_lat, miss_wrk = wrk_each(base, [mvt_path(t) for t in set_a], workdir, "mvt-miss")
        hit_stats, hit_lat, hit_wrk = wrk_each(base, [mvt_path(t) for t in set_a], workdir, "mvt-hit")
        # the same tiles by http.client (cached now): bodies checked, and its own latencies for comparison
        c = Client(base)
        features, sizes, hit = 0, [], []
        for t in set_a:
            status, headers, body, dt = c.get(mvt_path(t))
            check_mvt(mvt_path(t), status, headers, body)
            hit.append(dt)
            features += sum(n for _, n in mvt_layers(body))
            sizes.append(len(body))
        digests = {}
        for k in range(0, len(set_a), max(1, len(set_a) // 5)):
            _, _, body, _ = c.get(mvt_path(set_a[k]))
            digests[k] = hashlib.md5(body).hexdigest() == sql_digest(args.db, doc, k)
        c.close()
        log("pgbench pass 2 over A")
        pg_lat += pgbench_pass(args.db, script_file, defines, len(set_a), workdir)

        # 2. throughput: B once as misses, then cached by wrk
        log(f"cache-miss throughput over B at concurrency {args.concurrency}")
        _, wall = fetch_all(base, [mvt_path(t) for t in set_b], args.concurrency, check_mvt)
        miss_tps = len(set_b) / wall
        log("cached throughput over B (wrk)")
        cached_tps = wrk(base, [mvt_path(t) for t in set_b], args.concurrency, args.duration, workdir, "mvt-cached")

        # 3. raster: Shikong cached PNG against MapServer FastCGI
        log(f"rendering {len(raster)} raster tiles once (cache)")
        fetch_all(base, [png_path(t) for t in raster], 2, check_png)
        ms = MapServerFastCgi(args.db, workdir, args.mapserv_procs)
        pids = ms.workers()
        if len(pids) != args.mapserv_procs:
            sys.exit(f"lighttpd started {len(pids)} mapserv processes, not {args.mapserv_procs}: {ms.error_log()}")
        log("MapServer: every tile once (checks, warm-up)")
        fetch_all(ms.base, [wms_path(t) for t in raster], args.mapserv_procs, check_png)
        probe = raster[:8]
        t0 = time.perf_counter()
        for t in probe:
            if png_size(ms.cgi(wms_path(t))) != (256, 256):
                sys.exit("mapserv as CGI did not return a 256 x 256 PNG")
        cgi_rate = len(probe) / (time.perf_counter() - t0)
        _, wall = fetch_all(ms.base, [wms_path(t) for t in probe], 1, check_png)
        fcgi_rate = len(probe) / wall
        ours, theirs = [], []
        for r in range(args.rounds):
            log(f"raster round {r + 1}/{args.rounds}")
            ours.append(wrk(base, [png_path(t) for t in raster], args.concurrency, args.duration, workdir, "png"))
            theirs.append(wrk(ms.base, [wms_path(t) for t in raster], args.concurrency, args.duration, workdir,
                              "mapserver", auth=False))
        kept = ms.workers() == pids
        if not kept:
            sys.exit(f"mapserv processes changed during the run ({pids} -> {ms.workers()}): not resident under FastCGI")
    finally:
        if ms:
            ms.stop()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(cache_dir, ignore_errors=True)

    pg50, pg99 = percentile(pg_lat, 50) * 1000, percentile(pg_lat, 99) * 1000
    m50, m99 = miss_stats[1] * 1000, miss_stats[3] * 1000
    h50, h99 = hit_stats[1] * 1000, hit_stats[3] * 1000
    py50, py99 = percentile(hit, 50) * 1000, percentile(hit, 99) * 1000
    r50, r99 = m50 / pg50, m99 / pg99
    seq_ratio = miss_stats[4] / hit_stats[4]
    tput_ratio = cached_tps / miss_tps
    our_png, their_png = statistics.median(ours), statistics.median(theirs)
    png_ratio = our_png / their_png
    mv = subprocess.run(["mapserv", "-v"], capture_output=True, text=True).stdout.split(" OUTPUT")[0]
    lt = subprocess.run(["lighttpd", "-v"], capture_output=True, text=True).stdout.split(" - ")[0]
    wv = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0]
    ok = lambda good: "ok" if good else "MISSED"
    lines = [
        f"# Shikong tiles, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, scale {args.scale}",
        f"# PostGIS db {args.db}: {args.buildings} buildings, {args.pipelines} pipelines, {args.zones} red-line zones "
        f"(sample seed); PostgreSQL {pg_version}; jit,max_parallel_workers_per_gather = {settings}",
        f"# MVT: WebMercatorQuad z13-16 tiles with buildings, layers={','.join(MVT_LAYERS)}, admin caller; "
        f"A = {len(set_a)} tiles, B = {len(set_b)} tiles, {len(warm)} warm-up tiles x {args.warmup_passes} passes; "
        f"{features} features, {sum(sizes) / len(sizes) / 1024:.1f} KiB per tile on average in A",
        f"# pgbench: the store's {len(doc['statements'])} statement per tile (mvt-layer.sql per layer as PostgisVectorTiles "
        f"renders it, the layers' ST_AsMVT joined by ||, values bound as typed parameters), -M prepared, {SERVER_SESSION.split()[-1]} as the server's "
        f"pool sets it, one connection, tile k in transaction k, A twice "
        f"per run and the second time logged (-l), a run before and one after the server's pass ({len(pg_lat)} samples)",
        f"# same bytes as the SQL: {sum(digests.values())}/{len(digests)} sampled tiles; the server's tile cache in "
        f"{os.path.dirname(cache_dir)} (see cache_root)",
        "",
        f"{'measure':<46} {'Shikong':>18} {'reference':>18} {'ratio':>7} {'target':>8}",
        f"{'MVT cache miss p50 / p99, ms (vs pgbench)':<46} {f'{m50:.2f} / {m99:.2f}':>18} {f'{pg50:.2f} / {pg99:.2f}':>18} "
        f"{f'{r50:.2f}':>7} {'<= 1.15':>8} {ok(r50 <= 1.15)}",
        f"{'':<46} {'':>18} {'':>18} {f'{r99:.2f}':>7} {'<= 1.3':>8} {ok(r99 <= 1.3)}",
        f"{f'MVT cached / miss tiles/s, c={args.concurrency} (wrk / py)':<46} {f'{cached_tps:.0f}':>18} {f'{miss_tps:.1f}':>18} "
        f"{f'{tput_ratio:.1f}':>7} {'>= 10':>8} {ok(tput_ratio >= 10)}",
        f"{'MVT cached / miss tiles/s, c=1 (wrk, seq.)':<46} {f'{1 / hit_stats[4]:.0f}':>18} "
        f"{f'{1 / miss_stats[4]:.1f}':>18} {f'{seq_ratio:.1f}':>7}",
        f"{'MVT cached p50 / p99, ms (c=1, wrk)':<46} {f'{h50:.2f} / {h99:.2f}':>18}",
        f"{'MVT miss p90 / mean, ms (c=1, wrk)':<46} {f'{miss_stats[2] * 1000:.2f} / {miss_stats[4] * 1000:.2f}':>18} "
        f"{f'{percentile(pg_lat, 90) * 1000:.2f} / {statistics.mean(pg_lat) * 1000:.2f}':>18}",
        f"{'MVT miss p50 / p90 / p99, ms, wrk corrected':<46} "
        f"{' / '.join(f'{v * 1000:.1f}' for v in miss_wrk[:3]):>18}   (wrk's own percentiles, with made-up samples; not compared)",
        f"{'MVT cached p50 / p99, ms (c=1, http.client)':<46} {f'{py50:.2f} / {py99:.2f}':>18}",
        f"{f'PNG 256px tiles/s, c={args.concurrency}: cached vs MapServer':<46} {f'{our_png:.0f}':>18} "
        f"{f'{their_png:.1f}':>18} {f'{png_ratio:.1f}':>7} {'>= 10':>8} {ok(png_ratio >= 10)}",
        "",
        f"# raster: {len(raster)} tiles (4x4 blocks) z13-16, layers={','.join(RASTER_LAYERS)}, standard styles / "
        f"bench/mapserver/tiles.map.in; wrk {wv}, -t{min(2, args.concurrency)} -c{args.concurrency} -d{args.duration}s, "
        f"{args.rounds} interleaved rounds, medians; Shikong {', '.join(f'{v:.0f}' for v in ours)}, "
        f"MapServer {', '.join(f'{v:.1f}' for v in theirs)}",
        f"# MapServer: {mv} under {lt} mod_fastcgi, {args.mapserv_procs} mapserv processes kept for the whole run "
        f"({'yes' if kept else 'no'}), CLOSE_CONNECTION=DEFER; sequential: FastCGI {fcgi_rate:.1f} tiles/s, "
        f"CGI {cgi_rate:.1f} tiles/s",
    ]
    text = "\n".join(lines)
    print(text, flush=True)
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/tiles-bench.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(ROOT, "bench/results/tiles-bench.json"), "w") as f:
        json.dump({"scale": args.scale, "db": args.db, "buildings": args.buildings, "pipelines": args.pipelines,
                   "zones": args.zones, "settings": settings, "postgres": pg_version,
                   "mvt": {"tiles": len(set_a), "warmup_tiles": len(warm), "warmup_passes": args.warmup_passes,
                           "miss_ms_p50_p90_p99_mean": [round(v * 1000, 3) for v in miss_stats[1:]],
                           "cached_ms_p50_p90_p99_mean": [round(v * 1000, 3) for v in hit_stats[1:]],
                           "miss_ms": [round(v * 1000, 3) for v in miss_lat],
                           "cached_ms": [round(v * 1000, 3) for v in hit_lat],
                           "miss_wrk_corrected_ms_p50_p90_p99_mean": [round(v * 1000, 3) for v in miss_wrk],
                           "pgbench_ms": [round(v * 1000, 3) for v in pg_lat],
                           "cached_http_client_ms": [round(v * 1000, 3) for v in hit],
                           "p50_ratio": r50, "p99_ratio": r99, "concurrency": args.concurrency,
                           "miss_tiles_per_s": miss_tps, "cached_tiles_per_s": cached_tps,
                           "throughput_ratio": tput_ratio, "same_bytes_as_sql": f"{sum(digests.values())}/{len(digests)}"},
                   "raster": {"tiles": len(raster), "shikong_tiles_per_s": ours, "mapserver_tiles_per_s": theirs,
                              "ratio": png_ratio, "mapserver_fastcgi_seq": fcgi_rate, "mapserver_cgi_seq": cgi_rate}},
                  f, indent=1)


if __name__ == "__main__":
    main()
