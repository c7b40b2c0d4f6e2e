package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples load into the embedded store as generated: the store's validation accepts every row. */
class SampleLoaderTest {

    private static final Caller ADMIN = Caller.of("samples", Caller.ADMIN);

    @Test
    void loadsEveryLayerAndReadsBackTheSameHistory() {
        SampleGenerator generator = new SampleGenerator(SampleGeneratorTest.SEED, new SampleSize(300, 200, 300, 120, 40, 200));
        try (FeatureStore store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("samples-loader-test"),
                SampleCatalog.load(), new CrsService())) {
            store.initialize();
            Map<String, Long> rows = SampleLoader.load(store, generator, ADMIN);

            assertThat(rows.keySet()).containsExactly("buildings", "pipelines", "pois", "street_view", "eco_red_lines",
                    "inspection_sites");
            for (String layer : rows.keySet()) {
                assertThat(rows.get(layer)).as(layer).isEqualTo((long) SampleGeneratorTest.all(generator, layer).size());
            }
            for (String layer : List.of("buildings", "eco_red_lines", "inspection_sites")) {
                List<Feature> generated = SampleGeneratorTest.all(generator, layer);
                String id = generated.stream().filter(f -> f.version() > 1).findFirst().orElseThrow().id();
                List<Feature> expected = generated.stream().filter(f -> f.id().equals(id)).toList();
                assertThat(history(store, layer, id)).as("%s %s", layer, id).isEqualTo(expected);
            }
        }
    }

    private static List<Feature> history(FeatureStore store, String layer, String id) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor cursor = store.history(layer, id, ADMIN)) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }
}
