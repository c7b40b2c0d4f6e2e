#!/usr/bin/env bash
# The Sedona red-line join (every point within 500 m of a zone, with its distance) at 1M points x 10k zones on
# Spark local[2] against the same join in PostGIS (GiST, jit off, no parallel workers); prints both and the
# ratio (target <= 1.5). See ingestion/spark's RedLineJoinBench. Options: --points N --zones N --rounds N.
# The data are made once in the benchmark database and exported once to bench/results/sedona/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/prepare-db.sh
DB=${BENCH_DB:-shikong_bench}
mvn -B -q -pl ingestion/spark -am install -DskipTests
CP=$(pwd)/ingestion/spark/target/classpath.txt
mvn -B -q -f ingestion/spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$CP"
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
mkdir -p bench/results/sedona
exec java -Xmx4g $OPENS -Djdk.reflect.useDirectMethodHandle=false -Dspark.master='local[2]' \
  -Dlog4j2.configurationFile=bench/sedona-log4j2.properties \
  -cp "ingestion/spark/target/ingestion-spark-0.1.0-SNAPSHOT.jar:$(cat "$CP")" io.shikong.ingest.spark.RedLineJoinBench \
  --jdbc-url "jdbc:postgresql://127.0.0.1:5432/$DB" --user shikong --password shikong --data bench/results/sedona "$@"
