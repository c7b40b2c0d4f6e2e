#!/usr/bin/env bash
# JMH: our PNG encoder (and PNG8) against ImageIO on the same rendered map; prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -pl bench/jmh -am package -DskipTests
java -cp bench/jmh/target/benchmarks.jar io.shikong.bench.PngEncoderBench
java -jar bench/jmh/target/benchmarks.jar -rf json -rff bench/out/png-encoder.json PngEncoderBench 2>&1 | grep -E "^Benchmark|PngEncoderBench\."
/usr/bin/python3 - <<'PY'
import json
r = {x["benchmark"].split(".")[-1]: x["primaryMetric"]["score"] for x in json.load(open("bench/out/png-encoder.json"))}
print(f"Shikong PNG / ImageIO: {r['shikongPng'] / r['imageIo']:.2f}x, PNG8 / ImageIO: {r['shikongPng8'] / r['imageIo']:.2f}x (ops/s)")
PY
