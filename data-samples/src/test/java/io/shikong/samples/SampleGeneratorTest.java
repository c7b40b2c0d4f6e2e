package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** Properties every sample layer has: determinism, valid geometry, ids, version chains, schema types. */
class SampleGeneratorTest {

    static final long SEED = 20261124L;
    private static final LayerCatalog CATALOG = SampleCatalog.load();
    private static final Envelope SHENYANG = new Envelope(122.4, 123.8, 41.2, 43.0);
    private static final Instant FIRST_START = Instant.parse("2015-01-01T00:00:00Z");
    private static final Instant FIRST_END = Instant.parse("2024-06-30T00:00:00Z");
    private static final Instant EPOCH = Instant.parse("2025-06-30T00:00:00Z");

    /**
     * Earliest first version: the city's fabric from when it was built (buildings from 1955, pipelines from
     * 1960, red lines from 1990, Shenyang time), records from 2015.
     */
    private static Instant firstStart(String layer) {
        return switch (layer) {
            case "buildings" -> Instant.parse("1954-12-31T16:00:00Z");
            case "pipelines" -> Instant.parse("1959-12-31T16:00:00Z");
            case "eco_red_lines" -> Instant.parse("1989-12-31T16:00:00Z");
            default -> FIRST_START;
        };
    }

    static List<Feature> all(SampleGenerator generator, String layer) {
        List<Feature> out = new ArrayList<>();
        generator.versions(layer).forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void sameSeedAndSizeGiveIdenticalVersions(String layer) {
        List<Feature> a = all(new SampleGenerator(SEED, SampleSize.SMALL), layer);
        List<Feature> b = all(new SampleGenerator(SEED, SampleSize.SMALL), layer);
        assertThat(a).isNotEmpty().isEqualTo(b);
        for (int i = 0; i < a.size(); i++) {
            // Feature.equals compares geometries with equalsExact, which ignores the SRID.
            assertThat(a.get(i).geometry().getSRID()).isEqualTo(b.get(i).geometry().getSRID());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void anotherSeedGivesOtherData(String layer) {
        List<Feature> a = all(new SampleGenerator(SEED, SampleSize.SMALL), layer);
        List<Feature> b = all(new SampleGenerator(SEED + 1, SampleSize.SMALL), layer);
        assertThat(a.get(0).id()).isEqualTo(b.get(0).id());
        assertThat(a.get(0).geometry()).isNotEqualTo(b.get(0).geometry());
        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void aFeatureDoesNotDependOnHowManyOthersThereAre(String layer) {
        List<Feature> small = all(new SampleGenerator(SEED, SampleSize.SMALL), layer);
        Iterator<Feature> larger = new SampleGenerator(SEED, new SampleSize(5000, 5000, 5000, 5000, 100, 5000)).versions(layer);
        for (Feature f : small) {
            assertThat(larger.next()).isEqualTo(f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void geometriesAreValidTypedInShenyangWithSrid4490(String layer) {
        LayerDefinition definition = CATALOG.layer(layer, Caller.of("t", Caller.ADMIN));
        for (Feature f : all(new SampleGenerator(SEED, SampleSize.SMALL), layer)) {
            Geometry g = f.geometry();
            assertThat(definition.geometryType().accepts(g)).as("%s is a %s", f.id(), definition.geometryType()).isTrue();
            assertThat(g.isValid()).as("%s valid: %s", f.id(), g).isTrue();
            assertThat(g.isEmpty()).isFalse();
            assertThat(g.getSRID()).as(f.id()).isEqualTo(4490);
            assertThat(SHENYANG.contains(g.getEnvelopeInternal())).as("%s in Shenyang: %s", f.id(), g).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void idsAreUniqueNcNamesWithALayerPrefix(String layer) {
        SampleGenerator generator = new SampleGenerator(SEED, SampleSize.SMALL);
        Set<String> ids = new HashSet<>();
        String previous = null;
        for (Feature f : all(generator, layer)) {
            assertThat(f.id()).matches("(B|L|POI|SV|ECO|INS)[0-9]{7}");
            if (!f.id().equals(previous)) {
                assertThat(ids.add(f.id())).as("versions of %s are consecutive", f.id()).isTrue();
                previous = f.id();
            }
        }
        assertThat(ids).hasSize(generator.size().count(layer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void versionChainsAreWellFormed(String layer) {
        List<Feature> versions = all(new SampleGenerator(SEED, SampleSize.SMALL), layer);
        for (int i = 0; i < versions.size(); i++) {
            Feature f = versions.get(i);
            boolean last = i + 1 == versions.size() || !versions.get(i + 1).id().equals(f.id());
            assertThat(f.validFrom()).as(f.id()).isNotNull().isBefore(EPOCH);
            if (f.version() == 1) {
                assertThat(f.validFrom()).as(f.id()).isAfterOrEqualTo(firstStart(layer)).isBefore(FIRST_END);
            } else {
                Feature before = versions.get(i - 1);
                assertThat(before.id()).isEqualTo(f.id());
                assertThat(before.version()).isEqualTo(f.version() - 1);
                assertThat(before.validTo()).as("%s v%d ends where the next begins", f.id(), before.version())
                        .isEqualTo(f.validFrom());
            }
            if (!last) {
                assertThat(f.validTo()).as("only the last version of %s may be open", f.id()).isNotNull();
            }
            if (f.validTo() != null) {
                assertThat(f.validTo()).isAfter(f.validFrom()).isBeforeOrEqualTo(EPOCH);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites"})
    void propertiesMatchTheCatalogSchema(String layer) {
        LayerDefinition definition = CATALOG.layer(layer, Caller.of("t", Caller.ADMIN));
        List<String> names = definition.attributes().stream().map(AttributeDefinition::name).toList();
        for (Feature f : all(new SampleGenerator(SEED, SampleSize.SMALL), layer)) {
            assertThat(f.properties().keySet()).as(f.id()).containsExactlyElementsOf(names);
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                Class<?> type = definition.attribute(e.getKey()).orElseThrow().type().javaType();
                assertThat(e.getValue()).as("%s.%s", f.id(), e.getKey()).isNotNull().isInstanceOf(type);
            }
        }
    }

    @Test
    void emptyAndUnknownLayers() {
        SampleGenerator generator = new SampleGenerator(SEED, SampleSize.parse("pois=3"));
        assertThat(generator.layers()).containsExactly("pois");
        assertThat(generator.versions("buildings").hasNext()).isFalse();
        assertThatThrownBy(() -> generator.versions("roads")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roads");
        Iterator<Feature> it = generator.versions("pois");
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        assertThat(n).isBetween(3, 6);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    /** Streaming: 200k buildings pass through without being kept (a list of them would take hundreds of MB). */
    @Test
    void iteratesManyBuildingsWithoutKeepingThem() {
        Iterator<Feature> it = new SampleGenerator(SEED, SampleSize.parse("buildings=200000")).versions("buildings");
        long versions = 0;
        String lastId = null;
        while (it.hasNext()) {
            lastId = it.next().id();
            versions++;
        }
        assertThat(lastId).isEqualTo("B0200000");
        assertThat(versions).isBetween(200_000L, 240_000L);
    }
}
