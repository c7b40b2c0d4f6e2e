#!/usr/bin/env python3
"""Where a cache miss's time goes: the server's CPU per miss, thread by thread, beside the miss latency.

One server on a database the tile benchmark prepared (--db, default shikong_bench_small: run
`bash bench/tiles-bench.sh --scale small` once first), a fresh tile cache, warmed up as the benchmark warms it
(--warmup distinct misses x --warmup-passes, the cache truncated between passes), then --rounds passes of
--tiles other distinct misses, sequential on one connection (wrk + once.lua, timed as the benchmark times
them), the cache truncated before each pass; between the passes' start and end, utime + stime of every
thread of the JVM (/proc/<pid>/task/*/stat, grouped by thread name with digits dropped) divided by the
misses; --profile attaches async-profiler for the rounds. --jvm passes JVM options (e.g. -XX:+PrintCompilation:
the JIT's lines of each round go to bench/out/miss-profile/round-N.log).

  python3 bench/tiles/miss_profile.py --port 18451 [--jar FILE] [--jvm="-XX:+PrintCompilation"] [--profile x.collapsed]
"""
import argparse
import collections
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import benchlib  # noqa: E402
from benchlib import PASSWORD, ROOT, USER, building_points, log, percentile, proc_cpu, start_server  # noqa: E402
from tiles_bench import (cache_root, mvt_path, pgbench_pass, pick_tiles, statements, truncate_cache, warm_up,
                         wrk_each)  # noqa: E402


AGENT = None


def threads_cpu(pid):
    """{thread name (digits dropped): CPU seconds} of a process."""
    out = collections.Counter()
    tck = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        fields = s.rsplit(")", 1)[1].split()
        out[re.sub(r"\d+", "#", name)] += (int(fields[11]) + int(fields[12])) / tck
    return out


def backends_cpu(db, per_pid=None):
    """CPU seconds (utime + stime) of the PostgreSQL backends connected to `db` (found by their process title);
    `per_pid`, a dict, gets each one's."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                title = f.read().decode(errors="replace")
        except OSError:
            continue
        if not title.startswith("postgres: ") or f" {db} " not in title:
            continue
        cpu = proc_cpu(pid)
        if cpu is None:
            continue
        total += cpu
        if per_pid is not None:
            per_pid[pid] = cpu
    return total


def pgbench_backend_cpu(db, run):
    """Runs `run()` (a pgbench pass) while reading, every 20 ms, the CPU of the backends of `db` that were not
    there before: pgbench's, gone once it ends. Returns (run()'s result, their CPU seconds, the last <= 20 ms
    of the pass missed)."""
    before = {}
    backends_cpu(db, before)
    seen, done = {}, threading.Event()

    def watch():
        while not done.is_set():
            now = {}
            backends_cpu(db, now)
            for pid, v in now.items():
                if pid not in before:
                    seen[pid] = max(seen.get(pid, 0.0), v)
            time.sleep(0.02)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    try:
        result = run()
    finally:
        done.set()
        t.join()
    return result, sum(seen.values())


def agent(pid, options):
    """Loads the async-profiler agent into the running JVM with these options (jcmd JVMTI.agent_load)."""
    # quoted: jcmd would read "event=cpu" as an argument of its own (the agent then says "event must not be empty")
    r = subprocess.run(["jcmd", str(pid), "JVMTI.agent_load", AGENT, f'"{options}"'], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"async-profiler {options}: {r.stdout}{r.stderr}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=18087)
    ap.add_argument("--db", default="shikong_bench_small")
    ap.add_argument("--jar")
    ap.add_argument("--jvm", default="", help="JVM options, space-separated")
    ap.add_argument("--warmup", type=int, default=3000)
    ap.add_argument("--warmup-passes", type=int, default=3)
    ap.add_argument("--tiles", type=int, default=400, help="misses per measured pass")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", help="a collapsed-stacks file: async-profiler (--agent) over the measured rounds, "
                                      "thread CPU sampled every 1 ms")
    ap.add_argument("--agent", default="/tmp/ap/linux-x64/libasyncProfiler.so", help="libasyncProfiler.so")
    ap.add_argument("--cache-dir", help="the directory to make the tile cache in (default: tmpfs, see tiles_bench.cache_root)")
    args = ap.parse_args()
    global AGENT
    AGENT = args.agent
    if args.profile:
        args.profile = os.path.abspath(args.profile)
    if args.jar:
        benchlib.JAR = os.path.abspath(args.jar)
    workdir = os.path.join(ROOT, "bench/out/miss-profile")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    cache_dir = cache_root(workdir) if args.cache_dir is None else tempfile.mkdtemp(prefix="tile-cache-", dir=args.cache_dir)
    points = building_points(args.db, 20000)
    warm, measured = pick_tiles(points, [args.warmup, args.tiles])
    server, base = start_server(args.db, args.port, heap="2g", log=os.path.join(workdir, "server.log"),
                                env={"SHIKONG_TILES_CACHE_DIR": cache_dir, "SHIKONG_USERS": f"{USER}:{PASSWORD}:admin"},
                                jvm=args.jvm.split())
    script, defines, _ = statements(args.db, measured, workdir)
    script_file = os.path.join(workdir, "mvt.pgbench")
    with open(script_file, "w") as f:
        f.write(script)
    lat, cpu, pg_lat, pg_cpu, pgb_cpu = [], collections.defaultdict(list), [], [], []
    try:
        warm_up(base, warm, args.warmup_passes, 4, workdir, lambda *a: None)
        if args.profile:  # the async-profiler agent attached for the measured rounds only
            agent(server.pid, f"start,event=cpu,interval=1ms,threads,file={args.profile}")
        for r in range(args.rounds):
            truncate_cache(base)
            time.sleep(0.5)
            log(f"round {r + 1}/{args.rounds}: {len(measured)} misses")
            log_at = os.path.getsize(os.path.join(workdir, "server.log"))
            c0, b0 = threads_cpu(server.pid), backends_cpu(args.db)
            _, l, _ = wrk_each(base, [mvt_path(t) for t in measured], workdir, "miss")
            time.sleep(0.2)  # the writer's last tiles
            c1, b1 = threads_cpu(server.pid), backends_cpu(args.db)
            pg_cpu.append((b1 - b0) / len(measured))
            with open(os.path.join(workdir, "server.log"), errors="replace") as f:  # e.g. -XX:+PrintCompilation
                f.seek(log_at)
                with open(os.path.join(workdir, f"round-{r + 1}.log"), "w") as out:
                    out.write(f.read(os.path.getsize(os.path.join(workdir, "server.log")) - log_at))
            log("pgbench over the same tiles (twice, the second time timed)")
            pl, pc = pgbench_backend_cpu(args.db, lambda: pgbench_pass(args.db, script_file, defines, len(measured), workdir))
            pg_lat.extend(pl)
            pgb_cpu.append(pc / (2 * len(measured)))
            lat.extend(l)
            for k in set(c0) | set(c1):
                # a thread started during the round counts from 0; one that ended (an idle executor thread) is
                # lost with the CPU it had, so it counts 0, never less
                cpu[k].extend([0.0] * (r - len(cpu[k])))  # not there in an earlier round: 0 there
                cpu[k].append(max(0.0, c1[k] - c0[k]) / len(measured))
        for v in cpu.values():
            v.extend([0.0] * (args.rounds - len(v)))
        if args.profile:
            agent(server.pid, f"stop,collapsed,threads,file={args.profile}")
            if not os.path.exists(args.profile):
                sys.exit(f"async-profiler wrote no {args.profile}: see {workdir}/server.log")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(cache_dir, ignore_errors=True)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, jar {benchlib.JAR}, {args.rounds} x {args.tiles} "
          f"misses after {args.warmup_passes} x {args.warmup}")
    print(f"miss p50 / p90 / p99 / mean ms: {percentile(lat, 50) * 1000:.3f} / {percentile(lat, 90) * 1000:.3f} / "
          f"{percentile(lat, 99) * 1000:.3f} / {statistics.mean(lat) * 1000:.3f}")
    print(f"pgbench p50 / p90 / p99 / mean ms: {percentile(pg_lat, 50) * 1000:.3f} / {percentile(pg_lat, 90) * 1000:.3f} / "
          f"{percentile(pg_lat, 99) * 1000:.3f} / {statistics.mean(pg_lat) * 1000:.3f}   (ratio p50 "
          f"{percentile(lat, 50) / percentile(pg_lat, 50):.2f}, p99 {percentile(lat, 99) / percentile(pg_lat, 99):.2f})")
    print(f"PostgreSQL backend CPU us per tile: the server's {statistics.median(pg_cpu) * 1e6:.0f}, pgbench's "
          f"{statistics.median(pgb_cpu) * 1e6:.0f} (read every 20 ms while it runs, both passes)")
    total = [sum(v[i] for v in cpu.values()) for i in range(args.rounds)]
    print(f"{'thread':<34} {'CPU us/miss (median of rounds)':>32}")
    for k, v in sorted(cpu.items(), key=lambda kv: -statistics.median(kv[1])):
        if statistics.median(v) * 1e6 >= 5:
            print(f"{k:<34} {statistics.median(v) * 1e6:32.0f}")
    print(f"{'all threads':<34} {statistics.median(total) * 1e6:32.0f}")


if __name__ == "__main__":
    main()
