package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.filter.Ecql;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sample city's story in valid time, read back from the store as {@code make run} serves it (the
 * small size, the default seed): buildings exist from their construction, some are demolished, some
 * renovated; red lines are designated and redrawn; inspection sites re-inspected; the city grows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleHistoryTest {

    private static final Caller ADMIN = Caller.of("samples", Caller.ADMIN);
    private static final ZoneOffset SHENYANG = ZoneOffset.ofHours(8);
    /** A building the web page's browser test slides past: near the centre, built in {@value #BUILT}. */
    static final String NEW_BUILDING = "B0000782";
    static final int BUILT = 2014;

    private final SampleGenerator generator = new SampleGenerator(SampleGeneratorTest.SEED, SampleSize.SMALL);
    private FeatureStore store;

    @BeforeAll
    void load() {
        store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("sample-history-test"), SampleCatalog.load(),
                new CrsService());
        store.initialize();
        SampleLoader.load(store, generator, ADMIN);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void theCityGrowsFromItsFirstBuildings() {
        assertThat(count("buildings", startOf(1955).minusSeconds(1))).isZero();
        assertThat(count("pipelines", startOf(1960).minusSeconds(1))).isZero();
        assertThat(count("eco_red_lines", startOf(1990).minusSeconds(1))).isZero();
        assertThat(count("pois", Instant.parse("2014-12-31T00:00:00Z"))).isZero();
        long previous = 0;
        for (int year : new int[] {1960, 1980, 2000, 2010, 2020}) {
            long n = count("buildings", startOf(year));
            assertThat(n).as("buildings standing on New Year %d", year).isGreaterThan(previous);
            previous = n;
        }
        assertThat(count("pipelines", startOf(1990))).isLessThan(count("pipelines", startOf(2010)));
        assertThat(count("eco_red_lines", startOf(2005))).isPositive().isLessThan(count("eco_red_lines", startOf(2021)));
    }

    @Test
    void aBuildingIsAbsentBeforeItsConstructionAndPresentAfter() {
        Feature now = one(at("buildings", null, NEW_BUILDING));
        assertThat(now.get("built_year")).isEqualTo(BUILT);
        assertThat(now.version()).isEqualTo(1);
        assertThat(at("buildings", startOf(BUILT).minusSeconds(1), NEW_BUILDING)).isEmpty();
        assertThat(at("buildings", startOf(BUILT + 1), NEW_BUILDING)).hasSize(1);
        // and so for every building standing today: nothing of it before the year it was built
        List<Feature> standing = read(Query.of("buildings", ADMIN).limit(300).build());
        for (Feature f : standing) {
            int built = (Integer) f.get("built_year");
            assertThat(at("buildings", startOf(built).minusSeconds(1), f.id())).as(f.id()).isEmpty();
            List<Feature> first = history(f.id()).subList(0, 1);
            assertThat(year(first.get(0).validFrom())).as(f.id()).isEqualTo(built);
        }
    }

    @Test
    void aDemolishedBuildingIsGoneWithNoSuccessor() {
        Map<String, List<Feature>> byId = byId(generated("buildings"));
        List<List<Feature>> demolished = byId.values().stream().filter(h -> !h.get(h.size() - 1).current()).toList();
        assertThat(demolished).hasSizeGreaterThan(50);
        for (List<Feature> h : demolished.subList(0, 20)) {
            String id = h.get(0).id();
            Instant end = h.get(h.size() - 1).validTo();
            assertThat(history(id)).isEqualTo(h);
            assertThat(at("buildings", end.minusSeconds(1), id)).as(id).hasSize(1);
            assertThat(at("buildings", end, id)).as(id).isEmpty();
            assertThat(at("buildings", null, id)).as(id).isEmpty();
        }
        // Tiexi's relocation of industry: factories came down between 2002 and 2012
        assertThat(demolished).anySatisfy(h -> {
            assertThat(h.get(0).get("use")).isEqualTo("industrial");
            assertThat(year(h.get(h.size() - 1).validTo())).isBetween(2002, 2012);
        });
    }

    @Test
    void aRenovatedBuildingHasTwoVersionsWhoseFloorsDiffer() {
        List<Feature> h = byId(generated("buildings")).values().stream()
                .filter(v -> v.size() >= 2 && !v.get(0).get("floors").equals(v.get(1).get("floors")))
                .findFirst().orElseThrow();
        String id = h.get(0).id();
        assertThat(history(id)).isEqualTo(h);
        Feature before = one(at("buildings", h.get(1).validFrom().minusSeconds(1), id));
        Feature after = one(at("buildings", h.get(1).validFrom(), id));
        assertThat(before.version()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(2);
        assertThat((Integer) after.get("floors")).isGreaterThan((Integer) before.get("floors"));
        assertThat(after.get("built_year")).isEqualTo(before.get("built_year"));
        assertThat(after.geometry()).isEqualTo(before.geometry());
    }

    @Test
    void aRedrawnRedLineHasAnotherBoundaryAtTwoInstants() {
        List<Feature> h = byId(generated("eco_red_lines")).values().stream().filter(v -> v.size() == 2)
                .findFirst().orElseThrow();
        String id = h.get(0).id();
        Instant redrawn = h.get(1).validFrom();
        assertThat(at("eco_red_lines", h.get(0).validFrom().minusSeconds(1), id)).as("before designation").isEmpty();
        Feature first = one(at("eco_red_lines", redrawn.minusSeconds(86_400), id));
        Feature second = one(at("eco_red_lines", redrawn, id));
        assertThat(second.geometry().equalsExact(first.geometry())).isFalse();
        assertThat(second.geometry().getArea()).isNotEqualTo(first.geometry().getArea());
        assertThat(first.get("zone_name")).isEqualTo(second.get("zone_name"));
        assertThat(second.get("designated_on")).isEqualTo(redrawn.atOffset(SHENYANG).toLocalDate());
        assertThat((LocalDate) first.get("designated_on")).isBefore((LocalDate) second.get("designated_on"));
    }

    @Test
    void reInspectionsAreNewVersionsOfTheSite() {
        List<Feature> h = byId(generated("inspection_sites")).values().stream().filter(v -> v.size() >= 3)
                .findFirst().orElseThrow();
        String id = h.get(0).id();
        assertThat(history(id)).isEqualTo(h);
        List<Object> dates = new ArrayList<>();
        for (Feature v : h) {
            dates.add(one(at("inspection_sites", v.validFrom(), id)).get("last_inspected_on"));
        }
        assertThat(dates).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> ((LocalDate) a).compareTo((LocalDate) b));
    }

    /** The same seed and size make the same city on every machine: counts of this one pinned. */
    @Test
    void theSmallCityIsTheSameOnEveryRun() {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String layer : generator.layers()) {
            versions.put(layer, (long) generated(layer).size());
        }
        assertThat(versions).containsExactly(Map.entry("buildings", 2278L), Map.entry("pipelines", 1035L),
                Map.entry("pois", 2107L), Map.entry("street_view", 1000L), Map.entry("eco_red_lines", 47L),
                Map.entry("inspection_sites", 1264L));
        assertThat(count("buildings", null)).isEqualTo(1891L);
        assertThat(count("buildings", startOf(2000))).isEqualTo(882L);
    }

    private long count(String layer, Instant t) {
        return store.count(Query.of(layer, ADMIN).time(t == null ? TimeSelection.CURRENT : TimeSelection.asOf(t)).build());
    }

    /** The feature {@code id} as it stood at {@code t} (now when null): none or one. */
    private List<Feature> at(String layer, Instant t, String id) {
        return read(Query.of(layer, ADMIN).filter(Ecql.parse("IN ('" + id + "')", "test"))
                .time(t == null ? TimeSelection.CURRENT : TimeSelection.asOf(t)).build());
    }

    private List<Feature> read(Query q) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor cursor = store.read(q)) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    private List<Feature> history(String id) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor cursor = store.history(id.startsWith("B") ? "buildings" : id.startsWith("ECO") ? "eco_red_lines"
                : "inspection_sites", id, ADMIN)) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    private List<Feature> generated(String layer) {
        return SampleGeneratorTest.all(generator, layer);
    }

    private static Feature one(List<Feature> features) {
        assertThat(features).hasSize(1);
        return features.get(0);
    }

    private static Map<String, List<Feature>> byId(List<Feature> versions) {
        return versions.stream().collect(Collectors.groupingBy(Feature::id, LinkedHashMap::new, Collectors.toList()));
    }

    private static Instant startOf(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay().toInstant(SHENYANG);
    }

    private static int year(Instant t) {
        return t.atOffset(SHENYANG).getYear();
    }
}
