"""Shared setup of the benchmarks: the 1M-building PostGIS database and the Shikong server."""
import os
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar")
PGENV = dict(os.environ, PGPASSWORD="shikong")


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
    """The 1M-building set of the REST and WFS benchmarks."""
    return ensure_layer(db, "buildings", buildings)


def start_server(db, port, max_limit=1_000_000, heap="1g", env=None, log=None):
    """The server on `db` (PostGIS, no samples loaded); `env` adds variables, `log` is a file for its output."""
    env = dict(os.environ, SHIKONG_STORE="postgis", SHIKONG_PG_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}",
               SHIKONG_SAMPLES="false", SHIKONG_PORT=str(port), SHIKONG_MAX_LIMIT=str(max_limit),
               SHIKONG_WFS_MAX_COUNT=str(max_limit), **(env or {}))
    out = open(log, "w") if log else subprocess.DEVNULL
    server = subprocess.Popen(["java", f"-Xmx{heap}", "-jar", JAR], env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            return server, base
        except Exception:
            time.sleep(0.5)
    server.kill()
    sys.exit("server did not start")


def timed(fn, repeat):
    """Median wall-clock seconds of `repeat` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def mapserver_env(db, workdir, template, name):
    """A mapfile from bench/mapserver/<template> for `db`, and the CGI environment that points MapServer 8 at it."""
    mapfile = os.path.join(workdir, name + ".map")
    with open(os.path.join(ROOT, "bench/mapserver", template)) as f:
        text = f.read().replace("@CONNECTION@", f"host=127.0.0.1 dbname={db} user=shikong password=shikong")
    with open(mapfile, "w") as f:
        f.write(text)
    conf = os.path.join(workdir, name + ".conf")
    with open(conf, "w") as f:
        f.write(f'CONFIG\n  ENV\n    MS_MAPFILE "{mapfile}"\n  END\nEND\n')
    return dict(os.environ, MAPSERVER_CONFIG_FILE=conf, REQUEST_METHOD="GET")
