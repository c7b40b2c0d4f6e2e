# Shikong: the two commands.
#   make run   build and start the service on the embedded store with the sample city, http://localhost:8080
#   make test  provision PostGIS and the client tools when missing, then run every test
MVN ?= mvn -B
JAR := micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar

.PHONY: run test build provision bench bench-tiles bench-sedona bench-ingest ets clean

# through bin/shikong: the server's JVM options of bin/jvm.options (JAVA_OPTS add to them and win)
run: build
	bin/shikong

build:
	$(MVN) -q -pl micronaut-api -am package -DskipTests

provision:
	bash scripts/provision.sh

test: provision
	$(MVN) -Pbench verify

# OGC's WFS 2.0 test suite against a server on PostGIS (also part of `make test`); prints the summary
ets: provision
	$(MVN) -q -pl micronaut-api -am verify -Dtest=OgcWfs20SuiteIT -Dsurefire.failIfNoSpecifiedTests=false
	@sed -n '/conformance class/,/^TOTAL/p' micronaut-api/target/ets-wfs20/summary.txt

bench: provision build
	bash bench/rest-vs-sql.sh
	bash bench/wfs-vs-mapserver.sh
	bash bench/redline-vs-postgis.sh
	bash bench/wms-vs-mapserver.sh
	bash bench/ogcapi-vs-wfs.sh
	bash bench/png-encoder.sh
	bash bench/tiles-bench.sh
	bash bench/sedona-vs-postgis.sh
	bash bench/ingest-vs-ogr2ogr.sh

# the tile benchmark alone: MVT vs pgbench ST_AsMVT, cached vs miss, PNG tiles vs MapServer FastCGI
# (BENCH_SCALE=small for 100k buildings in a database of its own)
bench-tiles: provision build
	bash bench/tiles-bench.sh

# the Sedona benchmark alone: red-line join at 1M points x 10k zones, Spark local[2] vs PostGIS
bench-sedona: provision
	bash bench/sedona-vs-postgis.sh

# the load benchmark alone: one 1M-feature file into PostGIS, shikong ingest vs ogr2ogr PG_USE_COPY, peak RSS
# as the file grows (BENCH_ARGS="--scale 0.1" for 100k features)
bench-ingest: provision build
	bash bench/ingest-vs-ogr2ogr.sh $(BENCH_ARGS)

clean:
	$(MVN) -q clean
