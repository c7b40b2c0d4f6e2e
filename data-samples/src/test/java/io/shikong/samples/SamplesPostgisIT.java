package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same history in both stores: {@link SamplesCli} loads PostGIS (as the benchmarks do), the server's
 * loader the embedded store, and every version of every layer reads back alike from both, as generated;
 * so does the city as it stood at instants of its story.
 */
class SamplesPostgisIT {

    private static final Caller ADMIN = Caller.of("samples", Caller.ADMIN);
    private static final String SIZE = "buildings=400,pipelines=200,pois=100,street_view=100,eco_red_lines=40,inspection_sites=100";

    @Test
    void samplesCliLoadsTheHistoryTheEmbeddedStoreHolds() throws Exception {
        String url = PostgisTestDatabase.freshSchema("samples_cli_it");
        Map<String, String> options = SamplesCli.parse(new String[] {"--jdbc-url", url, "--user", PostgisTestDatabase.USER,
                "--password", PostgisTestDatabase.PASSWORD, "--size", SIZE});
        SampleGenerator generator = SamplesCli.generator(options);
        SamplesCli.run(options, generator);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config);
             FeatureStore postgis = new PostgisFeatureStore(dataSource, SampleCatalog.load(), new CrsService());
             FeatureStore embedded = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("samples-postgis-it"),
                     SampleCatalog.load(), new CrsService())) {
            postgis.initialize();
            embedded.initialize();
            SampleLoader.load(embedded, generator, ADMIN);
            for (String layer : generator.layers()) {
                List<Feature> generated = SampleGeneratorTest.all(generator, layer);
                List<Feature> fromPostgis = read(postgis, layer, TimeSelection.ALL);
                assertThat(fromPostgis).as("%s in PostGIS", layer).isEqualTo(generated);
                assertThat(read(embedded, layer, TimeSelection.ALL)).as("%s embedded", layer).isEqualTo(fromPostgis);
                for (String at : List.of("1970-01-01T00:00:00Z", "2005-06-30T00:00:00Z", "2019-01-01T00:00:00Z")) {
                    TimeSelection asOf = TimeSelection.asOf(Instant.parse(at));
                    assertThat(read(postgis, layer, asOf)).as("%s as of %s", layer, at).isEqualTo(read(embedded, layer, asOf));
                }
                assertThat(postgis.timeExtent(layer, ADMIN)).as(layer).isEqualTo(embedded.timeExtent(layer, ADMIN));
            }
            assertThat(read(postgis, "buildings", TimeSelection.asOf(Instant.parse("1970-01-01T00:00:00Z"))))
                    .as("the city had begun").isNotEmpty()
                    .hasSizeLessThan(read(postgis, "buildings", TimeSelection.CURRENT).size());
        }
    }

    private static List<Feature> read(FeatureStore store, String layer, TimeSelection time) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor cursor = store.read(Query.of(layer, ADMIN).time(time).build())) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }
}
