"""Shared setup of the benchmarks: the sample-data PostGIS databases, the Shikong server, HTTP clients and wrk
replays, and MapServer 8 under lighttpd's mod_fastcgi (bench/tiles_bench.py, wms_vs_mapserver.py,
wfs_vs_mapserver.py)."""
import base64
import http.client
import math
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar")
LAUNCHER = os.path.join(ROOT, "bin/shikong")
PGENV = dict(os.environ, PGPASSWORD="shikong")
# the admin user the benchmarks' servers are started with (pipelines are a restricted layer)
USER, PASSWORD = "bench", "bench"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
ORIGIN = math.pi * 6378137.0


def psql(db, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "shikong", "-d", db, "-qtAX", "-c", sql],
                          check=True, capture_output=True, text=True, env=PGENV).stdout.strip()


def ensure_layer(db, layer, count):
    """Loads `count` sample features of `layer` (deterministic seed) unless the table already holds them."""
    exists = psql(db, f"SELECT to_regclass('{layer}') IS NOT NULL") == "t"
    have = psql(db, f"SELECT count(*) FROM {layer} WHERE version = 1") if exists else "-1"
    if int(have) != count:
        print(f"loading {count} sample {layer} into {db} (have {have}) ...", flush=True)
        psql(db, f"DROP TABLE IF EXISTS {layer}")
        subprocess.run(["java", "-Xmx2g", "-cp", JAR, "io.shikong.samples.SamplesCli", "--jdbc-url",
                        f"jdbc:postgresql://127.0.0.1:5432/{db}", "--user", "shikong", "--password", "shikong",
                        "--size", f"{layer}={count}", "--layers", layer], check=True)
        psql(db, f"VACUUM ANALYZE {layer}")
    return psql(db, "SELECT current_setting('jit') || ',' || current_setting('max_parallel_workers_per_gather')")


def ensure_buildings(db, buildings):
    """The 1M-building set of the REST benchmark."""
    return ensure_layer(db, "buildings", buildings)


def start_server(db, port, max_limit=1_000_000, heap="1g", env=None, log=None, jvm=()):
    """The server on `db` (PostGIS, no samples loaded); `env` adds variables, `log` is a file for its output,
    `jvm` more JVM options (e.g. -XX:StartFlightRecording=...; no spaces inside one). Started as users start it:
    bin/shikong, with bin/jvm.options, then -Xmx`heap` and `jvm` as JAVA_OPTS (which win; the process is the JVM)."""
    env = dict(os.environ, SHIKONG_STORE="postgis", SHIKONG_PG_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}",
               SHIKONG_SAMPLES="false", SHIKONG_PORT=str(port), SHIKONG_MAX_LIMIT=str(max_limit),
               SHIKONG_WFS_MAX_COUNT=str(max_limit), **(env or {}))
    env["JAVA_OPTS"] = " ".join([f"-Xmx{heap}", *jvm, env.get("JAVA_OPTS", "")]).strip()
    env["SHIKONG_JAR"] = JAR  # a bench may have set benchlib.JAR to another build's
    out = open(log, "w") if log else subprocess.DEVNULL
    server = subprocess.Popen([LAUNCHER], env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            return server, base
        except Exception:
            time.sleep(0.5)
    server.kill()
    sys.exit("server did not start")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


# ---------------------------------------------------------------- tiles

def tile_of(lon, lat, z):
    n = 2 ** z
    lat = max(min(lat, 85.0511), -85.0511)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return z, min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def mercator_bounds(z, x, y):
    span = 2 * ORIGIN / 2 ** z
    return -ORIGIN + x * span, ORIGIN - (y + 1) * span, -ORIGIN + (x + 1) * span, ORIGIN - y * span


def building_points(db, count):
    """Centroids of `count` current buildings spread over the table (every k-th by id): where the data is."""
    total = int(psql(db, "SELECT count(*) FROM buildings WHERE valid_to IS NULL"))
    step = max(1, total // count)
    rows = psql(db, f"SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(geom) c, row_number() OVER (ORDER BY id) n "
                    f"FROM buildings WHERE valid_to IS NULL) t WHERE n % {step} = 0")
    return [tuple(map(float, r.split("|"))) for r in rows.splitlines()]


def png_size(body):
    if not body.startswith(b"\x89PNG\r\n\x1a\n") or body[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", body[16:24])


# ---------------------------------------------------------------- HTTP

class Client:
    """One kept-alive HTTP/1.1 connection; get() returns (status, headers, body, seconds)."""

    def __init__(self, base, auth=True):
        host, port = base.replace("http://", "").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=600)
        self.headers = {"Authorization": AUTH} if auth else {}

    def get(self, path):
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers=self.headers)
        r = self.conn.getresponse()
        body = r.read()
        return r.status, dict(r.getheaders()), body, time.perf_counter() - t0

    def close(self):
        self.conn.close()


def fetch_all(base, paths, concurrency, check, auth=True):
    """Each path once by `concurrency` threads with a connection each; returns (latencies, wall seconds)."""
    lock, queue, lat = threading.Lock(), list(reversed(paths)), []

    def worker():
        c = Client(base, auth)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    p = queue.pop()
                status, headers, body, dt = c.get(p)
                check(p, status, headers, body)
                with lock:
                    lat.append(dt)
        finally:
            c.close()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for f in [pool.submit(worker) for _ in range(concurrency)]:
            f.result()
    return lat, time.perf_counter() - t0


def wrk(base, paths, connections, seconds, workdir, name, auth=True):
    """Requests/s of wrk rotating through `paths` with `connections` connections; exits on any error."""
    listing = os.path.join(workdir, f"{name}.paths")
    with open(listing, "w") as f:
        f.write("\n".join(paths) + "\n")
    cmd = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s",
           "-s", os.path.join(ROOT, "bench/tiles/rotate.lua"), base]
    if auth:
        cmd[1:1] = ["-H", f"Authorization: {AUTH}"]
    out = subprocess.run(cmd, env=dict(os.environ, WRK_PATHS=listing), capture_output=True, text=True, check=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if not m or bad or (errors and re.search(r"[1-9]", errors.group(1))):
        sys.exit(f"wrk against {name} failed or got errors:\n{out}")
    return float(m.group(1))

# wrk script of replay(): one thread, -c connections, the paths of WRK_PATHS in turn until WRK_TOTAL answers
REPLAY_LUA = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local total = tonumber(os.getenv("WRK_TOTAL"))
local sent, seen, bytes = 0, 0, 0
function request()
  sent = sent + 1
  return wrk.format("GET", paths[(sent - 1) % #paths + 1])
end
function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\\n")
    os.exit(1)
  end
  seen = seen + 1
  bytes = bytes + #body
  if seen == total then
    wrk.thread:stop()
    io.stderr:write("all answered\\n")
    io.stderr:flush()
  end
end
function done(summary, latency, requests)
  io.write(string.format("replay %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.timeout + summary.errors.connect
    + summary.errors.read + summary.errors.write))
end
"""


def replay(base, paths, connections, total, workdir, name, auth=True):
    """wrk replaying `paths` in turn on `connections` kept-alive connections until `total` answers (each
    path the same number of times when `total` is a multiple of their number), every answer a 200.
    Returns (answers/s, p50 s, p99 s): answers over wrk's own run time, which ends with the last answer
    (wrk is interrupted then; requests still in flight at that moment are not counted)."""
    listing = os.path.join(workdir, f"{name}.paths")
    with open(listing, "w") as f:
        f.write("\n".join(paths) + "\n")
    script = os.path.join(workdir, "replay.lua")
    with open(script, "w") as f:
        f.write(REPLAY_LUA)
    cmd = ["wrk", "-t", "1", "-c", str(connections), "-d", "3600s", "--timeout", "300s", "-s", script, base]
    if auth:
        cmd[1:1] = ["-H", f"Authorization: {AUTH}"]
    p = subprocess.Popen(cmd, env=dict(os.environ, WRK_PATHS=listing, WRK_TOTAL=str(total)),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err = []
    for line in p.stderr:  # wrk sleeps for all of -d: interrupt it once the last answer is in
        err.append(line)
        if line.strip() == "all answered":
            p.send_signal(signal.SIGINT)
            break
    out, rest = p.communicate(timeout=600)
    m = re.search(r"replay (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    if not m or int(m.group(1)) < total or int(m.group(5)) > 0:
        sys.exit(f"wrk replay {name} failed:\n{out}\n{''.join(err)}{rest}")
    return int(m.group(1)) / (int(m.group(2)) / 1e6), int(m.group(3)) / 1e6, int(m.group(4)) / 1e6


# ---------------------------------------------------------------- pictures

def picture(body):
    """A PNG or JPEG answer as an RGB array composited on white (PIL, numpy from Debian's python3)."""
    import io
    import numpy
    from PIL import Image
    img = Image.open(io.BytesIO(body))
    img.load()
    bg = Image.new("RGBA", img.size, (255, 255, 255, 255))
    bg.alpha_composite(img.convert("RGBA"))
    return numpy.asarray(bg.convert("RGB"), dtype=numpy.float32)


def ink(rgb):
    """Share of the pixels that are not (near) white background."""
    return float(((255 - rgb).max(axis=2) > 24).mean())


def similarity(a, b, block=16):
    """How alike two renderings of the same request are, roughly: the inked blocks of `block` px (more
    than 2 % of their pixels drawn) both agree on (intersection over union, 1 when neither draws), and the
    mean colour difference (0-255, per channel) over the pixels both draw."""
    import numpy
    h, w = min(a.shape[0], b.shape[0]) // block * block, min(a.shape[1], b.shape[1]) // block * block
    ma = (255 - a[:h, :w]).max(axis=2) > 24
    mb = (255 - b[:h, :w]).max(axis=2) > 24
    ba = ma.reshape(h // block, block, w // block, block).mean(axis=(1, 3)) > 0.02
    bb = mb.reshape(h // block, block, w // block, block).mean(axis=(1, 3)) > 0.02
    union = (ba | bb).sum()
    iou = 1.0 if union == 0 else float((ba & bb).sum() / union)
    both = ma & mb
    colour = float(numpy.abs(a[:h, :w][both] - b[:h, :w][both]).mean()) if both.any() else 0.0
    return iou, colour


# ---------------------------------------------------------------- MapServer under lighttpd + FastCGI

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MapServerFastCgi:
    """lighttpd (Debian) with mod_fastcgi spawning `procs` resident mapserv processes, in a temp dir."""

    def __init__(self, db, workdir, procs, template="tiles.map.in"):
        """`template`: the mapfile in bench/mapserver whose @CONNECTION@ and @FONTSET@ are filled in."""
        self.dir = tempfile.mkdtemp(prefix="lighttpd-", dir=workdir)
        self.port = free_port()
        self.procs = procs
        mapfile = os.path.join(self.dir, template.replace(".in", ""))
        fontset = os.path.join(self.dir, "fonts.txt")
        font = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
        with open(fontset, "w") as f:
            f.write(f"wqy {font}\n")
        with open(os.path.join(ROOT, "bench/mapserver", template)) as f:
            text = f.read().replace("@CONNECTION@", f"host=127.0.0.1 dbname={db} user=shikong password=shikong") \
                .replace("@FONTSET@", fontset)
        with open(mapfile, "w") as f:
            f.write(text)
        self.config = os.path.join(self.dir, "mapserver.conf")
        with open(self.config, "w") as f:
            f.write(f'CONFIG\n  ENV\n    MS_MAPFILE "{mapfile}"\n  END\nEND\n')
        self.mapfile = mapfile
        with open(os.path.join(ROOT, "bench/mapserver/lighttpd.conf.in")) as f:
            conf = f.read()
        for k, v in {"@PORT@": str(self.port), "@DIR@": self.dir, "@MAPFILE@": mapfile, "@CONFIG@": self.config,
                     "@PROCS@": str(procs)}.items():
            conf = conf.replace(k, v)
        conf_file = os.path.join(self.dir, "lighttpd.conf")
        with open(conf_file, "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["lighttpd", "-D", "-f", conf_file], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            if self.proc.poll() is not None:
                sys.exit("lighttpd did not start: " + self.error_log())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(0.5)

    def workers(self):
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        return sorted(int(p) for p in out)

    def error_log(self):
        try:
            with open(os.path.join(self.dir, "lighttpd-error.log")) as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def cgi(self, path):
        """The same request through mapserv as CGI (a process per request)."""
        query = path.split("?", 1)[1]
        r = subprocess.run(["/usr/lib/cgi-bin/mapserv"], capture_output=True, check=True,
                           env=dict(os.environ, MAPSERVER_CONFIG_FILE=self.config, MS_MAPFILE=self.mapfile,
                                    REQUEST_METHOD="GET", QUERY_STRING=query))
        return r.stdout.split(b"\r\n\r\n", 1)[-1]

    def stop(self):
        kids = self.workers()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in kids:  # lighttpd leaves its FastCGI children running
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        time.sleep(0.3)
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def proc_cpu(pid):
    """utime + stime of a process (all its threads) in seconds, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pg_backends(db, pids):
    """The PostgreSQL backends (pids) serving connections that the processes `pids` hold to port 5432:
    `ss` names the owner of each client socket, pg_stat_activity the backend of that client port."""
    out = subprocess.run(["ss", "-tnpH", "state", "established"], capture_output=True, text=True).stdout
    ports = set()
    for line in out.splitlines():
        f = line.split()
        owners = {int(p) for p in re.findall(r"pid=(\d+),", line)}
        if len(f) >= 4 and owners & pids and f[3].rsplit(":", 1)[-1] == "5432":
            ports.add(int(f[2].rsplit(":", 1)[-1]))
    if not ports:
        return set()
    rows = psql(db, "SELECT pid || '|' || client_port FROM pg_stat_activity WHERE client_port IN ("
                + ",".join(map(str, sorted(ports))) + ")")
    return {int(r.split("|")[0]) for r in rows.splitlines() if r}


class CpuMeter:
    """CPU seconds of one side over a replay: its processes (`procs()` lists them) and their PostgreSQL
    backends. A backend first seen at the end was opened during the replay: all of its CPU counts."""

    def __init__(self, db, procs):
        self.db, self.procs = db, procs

    def _pids(self):
        procs = set(self.procs())
        return procs | pg_backends(self.db, procs)

    def _sum(self, pids):
        return {p: v for p in pids if (v := proc_cpu(p)) is not None}

    def start(self):
        self.before = self._sum(self._pids())
        self.pg = 0.0

    def stop(self):
        """CPU seconds since start(), once the side is idle (what was still in flight when wrk stopped is
        finished: 10 ms of CPU at most in 0.2 s, 10 s at most). `pg` is then the PostgreSQL backends' part."""
        last, deadline = None, time.monotonic() + 10
        while True:
            now = self._sum(self._pids() | set(self.before))
            used = sum(v - self.before.get(p, 0.0) for p, v in now.items())
            if last is not None and (used - last < 0.01 or time.monotonic() > deadline):
                own = set(self.procs())
                self.pg = sum(v - self.before.get(p, 0.0) for p, v in now.items() if p not in own)
                return used
            last = used
            time.sleep(0.2)
