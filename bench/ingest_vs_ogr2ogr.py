#!/usr/bin/env python3
"""Bulk load throughput: `shikong ingest` against `ogr2ogr -f PostgreSQL --config PG_USE_COPY YES`.

One generated GeoJSON Lines file of N inspection sites (points around Shenyang in CRS84, seven attributes,
N = 1,000,000 x --scale) is loaded, from the command line, into the same PostGIS database:
  * ours: `bin/shikong ingest FILE --layer inspection_sites` into an empty layer of the sample catalog (every
    record read, typed and validated, spooled, then binary COPY into a staging table and one set-based merge into
    versions, in one transaction), JVM start included, heap -Xmx1g;
  * ogr2ogr: `ogr2ogr -f PostgreSQL PG:... FILE -nln ogr_sites -overwrite --config PG_USE_COPY YES` into a plain
    table, as its users do (GiST index built at the end), process start included.
Each side is timed over the whole process, the median of --repeat runs, each into an emptied table.
Ratio = our features/s / ogr2ogr's features/s (target >= 1.0).
Then the peak RSS of our single-process load (`/usr/bin/time -v`, maximum resident set size) for N/4, N/2 and N
features: it should stay flat as the file grows (the pipeline streams; the key index is 16 bytes per feature).
"""
import argparse
import os
import re
import statistics
import subprocess
import time

from benchlib import PGENV, ROOT, psql

LAYER = "inspection_sites"
DISTRICTS = ["和平区", "沈河区", "大东区", "皇姑区", "铁西区", "浑南区"]
TYPES = ["restaurant", "food_producer", "pharmacy", "drug_wholesaler", "medical_device"]


def generate(path, n):
    if os.path.exists(path) and sum(1 for _ in open(path, "rb")) == n:
        return
    with open(path, "w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            x = 123.20 + (i % 2000) * 0.0003
            y = 41.60 + (i // 2000) * 0.0003 % 0.4
            f.write('{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},"properties":'
                    '{"id":"S-%d","name":"检查点 %d","site_type":"%s","license_no":"JY%010d","risk_level":"%s",'
                    '"last_inspected_on":"2025-%02d-%02d","last_result":"pass","district":"%s"}}\n'
                    % (x, y, i, i, TYPES[i % 5], i, "ABCD"[i % 4], 1 + i % 12, 1 + i % 28, DISTRICTS[i % 6]))


def shikong_env(db):
    return dict(os.environ, SHIKONG_STORE="postgis", SHIKONG_PG_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}",
                SHIKONG_SAMPLES="false", SHIKONG_TILES_CACHE_DIR="", JAVA_OPTS="-Xmx1g")


def empty_ours(db):
    psql(db, f"DROP TABLE IF EXISTS {LAYER} CASCADE")


def run_ours(db, path, n):
    """Seconds and peak RSS (KiB) of one load into an empty layer."""
    empty_ours(db)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", os.path.join(ROOT, "bin/shikong"), "ingest", path, "--layer", LAYER,
                        "--no-progress"], env=shikong_env(db), capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"shikong ingest failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    if f"新增 inserted {n}," not in p.stdout:
        raise SystemExit(f"shikong ingest did not insert {n}:\n{p.stdout}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    have = int(psql(db, f"SELECT count(*) FROM {LAYER} WHERE valid_to IS NULL"))
    assert have == n, (have, n)
    return seconds, rss


def run_ogr(db, path, n):
    psql(db, "DROP TABLE IF EXISTS ogr_sites CASCADE")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "ogr2ogr", "-f", "PostgreSQL",
                        f"PG:host=127.0.0.1 dbname={db} user=shikong password=shikong", path, "-nln", "ogr_sites",
                        "-overwrite", "--config", "PG_USE_COPY", "YES"], env=PGENV, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"ogr2ogr failed:\n{p.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    have = int(psql(db, "SELECT count(*) FROM ogr_sites"))
    assert have == n, (have, n)
    return seconds, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="shikong_bench_ingest")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of 1M features (0.1 = 100k)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per side (median)")
    ap.add_argument("--dir", default=os.path.join(ROOT, "bench/out/ingest"))
    args = ap.parse_args()
    n = int(1_000_000 * args.scale)
    os.makedirs(args.dir, exist_ok=True)
    sizes = [n // 4, n // 2, n]
    files = {}
    for s in sizes:
        files[s] = os.path.join(args.dir, f"sites-{s}.geojsonl")
        print(f"generating {s} features -> {files[s]}", flush=True)
        generate(files[s], s)
    print(f"file: {files[n]} ({os.path.getsize(files[n]) / 2**20:.0f} MiB, {n} features, GeoJSON Lines)", flush=True)

    ours, ogr = [], []
    rss = {}
    for _ in range(args.repeat):
        s, r = run_ours(args.db, files[n], n)
        ours.append(s)
        rss[n] = r
        print(f"  shikong ingest: {s:.1f} s, peak RSS {r / 1024:.0f} MiB", flush=True)
        s, r = run_ogr(args.db, files[n], n)
        ogr.append(s)
        print(f"  ogr2ogr:        {s:.1f} s, peak RSS {r / 1024:.0f} MiB", flush=True)
    for s in sizes[:-1]:
        _, rss[s] = run_ours(args.db, files[s], s)
    empty_ours(args.db)
    t_ours, t_ogr = statistics.median(ours), statistics.median(ogr)
    print()
    print(f"load {n} features into PostGIS (median of {args.repeat}, whole process)")
    print(f"  shikong ingest : {t_ours:7.1f} s  {n / t_ours:10.0f} features/s")
    print(f"  ogr2ogr COPY   : {t_ogr:7.1f} s  {n / t_ogr:10.0f} features/s")
    print(f"  ratio ours/ogr2ogr throughput: {t_ogr / t_ours:.2f} (target >= 1.0)")
    print("peak RSS of shikong ingest (-Xmx1g):")
    for s in sizes:
        print(f"  {s:>9} features: {rss[s] / 1024:6.0f} MiB")


if __name__ == "__main__":
    main()
