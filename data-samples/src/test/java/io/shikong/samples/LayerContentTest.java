package io.shikong.samples;

import static io.shikong.samples.SampleGeneratorTest.SEED;
import static io.shikong.samples.SampleGeneratorTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;

/** Layer by layer: the content is plausible and the histories have the agreed shape. */
class LayerContentTest {

    private static final SampleSize SIZE = new SampleSize(5000, 2000, 4000, 1000, 200, 1000);
    private static final SampleGenerator GENERATOR = new SampleGenerator(SEED, SIZE);
    private static final Envelope CORE = new Envelope(123.3, 123.6, 41.7, 41.9);
    private static final List<String> DISTRICTS = List.of("和平区", "沈河区", "皇姑区", "大东区", "铁西区", "浑南区",
            "于洪区", "沈北新区", "苏家屯区");

    @Test
    void buildings() {
        List<Feature> versions = all(GENERATOR, "buildings");
        Map<String, List<Feature>> byId = byId(versions);
        for (Feature f : versions) {
            int floors = (Integer) f.get("floors");
            double height = (Double) f.get("height_m");
            assertThat(height).as(f.id()).isBetween(floors * 3.0 - 0.05, floors * 3.3 + 0.05);
            assertThat(f.get("use")).isIn("residential", "commercial", "office", "industrial", "public", "education", "medical");
            assertThat(f.get("district")).isIn(DISTRICTS);
            assertThat((String) f.get("address")).startsWith((String) f.get("district")).endsWith("号");
            assertThat((String) f.get("name")).isNotBlank();
            // valid from its construction: the first version starts in the year it was built
            assertThat((Integer) f.get("built_year")).isBetween(1955, 2024).isEqualTo(year(byId.get(f.id()).get(0).validFrom()));
            Envelope e = f.geometry().getEnvelopeInternal();
            assertThat(e.getWidth() * 111_000 * Math.cos(Math.toRadians(e.getMinY()))).isBetween(5.0, 120.0);
            assertThat(f.geometry().getNumGeometries()).isEqualTo(1);
        }
        assertThat(share(byId, h -> h.size() > 1 && h.get(h.size() - 1).current())).isBetween(0.06, 0.14);
        // demolished: old factories and old housing in the two clear-outs, 2% of the rest
        assertThat(share(byId, h -> !h.get(h.size() - 1).current())).isBetween(0.035, 0.075);
        assertThat(share(byId, h -> !h.get(h.size() - 1).current() && h.get(0).get("use").equals("industrial")
                && year(h.get(h.size() - 1).validTo()) >= 2002 && year(h.get(h.size() - 1).validTo()) <= 2012)).isGreaterThan(0.015);
        // the city grows: each era adds more buildings a year than the one before
        double before1978 = share(byId, h -> (Integer) h.get(0).get("built_year") < 1978) / 23;
        double before1998 = share(byId, h -> (Integer) h.get(0).get("built_year") >= 1978 && (Integer) h.get(0).get("built_year") < 1998) / 20;
        double since1998 = share(byId, h -> (Integer) h.get(0).get("built_year") >= 1998) / 27;
        assertThat(before1978).isPositive().isLessThan(before1998);
        assertThat(before1998).isLessThan(since1998);
        // renovations: storeys added in a new version
        assertThat(share(byId, h -> h.size() > 1 && (Integer) h.get(h.size() - 1).get("floors") > (Integer) h.get(0).get("floors")))
                .isBetween(0.03, 0.10);
        assertThat(share(byId, h -> h.size() > 3)).isZero();
        assertThat(share(byId, h -> CORE.contains(h.get(0).geometry().getEnvelopeInternal()))).isBetween(0.75, 0.86);
    }

    @Test
    void pipelines() {
        Map<String, List<Feature>> byId = byId(all(GENERATOR, "pipelines"));
        for (List<Feature> history : byId.values()) {
            for (Feature f : history) {
                LineString line = (LineString) f.geometry();
                assertThat(line.getNumPoints()).isBetween(2, 8);
                assertThat(line.isSimple()).as(f.id()).isTrue();
                assertThat(metres(line)).as(f.id()).isBetween(45.0, 850.0);
                assertThat(f.get("network")).isIn("water_supply", "drainage", "heating", "gas");
                assertThat(f.get("status")).isIn("in_service", "abandoned", "planned");
                assertThat(f.get("risk_grade")).isIn("A", "B", "C", "D");
                assertThat((Double) f.get("depth_m")).isBetween(0.8, 6.0);
                assertThat(f.geometry()).isEqualTo(history.get(0).geometry());
                assertThat(f.get("install_year")).isEqualTo(history.get(history.size() - 1).get("install_year"));
            }
            Feature first = history.get(0);
            if (first.get("status").equals("planned")) {
                // planned: recorded 2015 on, to be installed a year or two later
                assertThat(year(first.validFrom())).isBetween(2015, 2024);
                assertThat((Integer) first.get("install_year")).isGreaterThan(year(first.validFrom()));
                if (history.size() > 1) {
                    assertThat(history.get(1).get("status")).isEqualTo("in_service");
                    assertThat(year(history.get(1).validFrom())).isEqualTo(first.get("install_year"));
                }
            } else {
                // valid from its installation
                assertThat(first.get("status")).isEqualTo("in_service");
                assertThat((Integer) first.get("install_year")).isBetween(1960, 2024).isEqualTo(year(first.validFrom()));
            }
        }
        assertThat(share(byId, h -> h.get(0).get("status").equals("in_service")
                && h.get(h.size() - 1).get("status").equals("abandoned"))).isGreaterThan(0.01);
        assertThat(share(byId, h -> !h.get(0).get("risk_grade").equals(h.get(h.size() - 1).get("risk_grade")))).isGreaterThan(0.01);
        assertThat(share(byId, h -> !h.get(h.size() - 1).current())).isZero();
    }

    @Test
    void pois() {
        Map<String, List<Feature>> byId = byId(all(GENERATOR, "pois"));
        assertThat(share(byId, h -> h.size() == 2 && !h.get(0).get("name").equals(h.get(1).get("name")))).isBetween(0.03, 0.07);
        assertThat(share(byId, h -> h.size() > 2)).isZero();
        assertThat(byId.values().stream().map(h -> h.get(0).get("category")).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(byId.values()).allSatisfy(h -> assertThat(h.get(0).get("district")).isIn(DISTRICTS));
    }

    @Test
    void streetViewSequences() {
        List<Feature> captures = all(GENERATOR, "street_view");
        assertThat(captures).hasSize(1000).allSatisfy(f -> {
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.validFrom()).isEqualTo(f.get("captured_at"));
            assertThat((Double) f.get("heading_deg")).isGreaterThanOrEqualTo(0.0).isLessThan(360.0);
            assertThat((Double) f.get("pitch_deg")).isBetween(-5.0, 5.0);
            assertThat((String) f.get("image_uri")).startsWith("https://").endsWith(f.id() + ".jpg");
        });
        Map<Object, Long> perSequence = captures.stream().collect(Collectors.groupingBy(f -> f.get("sequence_id"), Collectors.counting()));
        assertThat(perSequence).hasSize(20).allSatisfy((sequence, n) -> assertThat(n).isEqualTo(50L));
        for (int i = 1; i < captures.size(); i++) {
            Feature a = captures.get(i - 1);
            Feature b = captures.get(i);
            if (a.get("sequence_id").equals(b.get("sequence_id"))) {
                assertThat((Instant) b.get("captured_at")).isAfter((Instant) a.get("captured_at"))
                        .isBefore(((Instant) a.get("captured_at")).plusSeconds(10));
                assertThat(metres(((Point) a.geometry()).getCoordinate(), ((Point) b.geometry()).getCoordinate()))
                        .as("%s to %s", a.id(), b.id()).isBetween(6.0, 11.5);
            }
        }
    }

    @Test
    void ecoRedLines() {
        Map<String, List<Feature>> byId = byId(all(GENERATOR, "eco_red_lines"));
        for (List<Feature> history : byId.values()) {
            for (Feature f : history) {
                assertThat(areaKm2(f.geometry())).as(f.id()).isBetween(0.5 * 0.8 * 0.8 * 0.98, 30 * 1.2 * 1.2 * 1.02);
                assertThat(f.get("category")).isIn("water_source", "forest", "wetland", "nature_reserve", "scenic_area");
                assertThat(f.get("protection_level")).isIn("core", "general");
                assertThat(f.get("designated_on")).isEqualTo(date(f.validFrom()));
                assertThat((String) f.get("zone_name")).matches(".*(区|地|林|园).*");
            }
            if (history.size() == 2) {
                double ratio = areaKm2(history.get(1).geometry()) / areaKm2(history.get(0).geometry());
                assertThat(ratio).isBetween(0.8 * 0.8 - 0.01, 1.2 * 1.2 + 0.01);
            }
        }
        assertThat(share(byId, h -> h.size() == 2)).isBetween(0.15, 0.35);
        // valid from designation, 1990 to 2020
        assertThat(byId.values()).allSatisfy(h -> assertThat(year(h.get(0).validFrom())).isBetween(1990, 2020));
        assertThat(share(byId, h -> h.size() > 2)).isZero();
        assertThat(share(byId, h -> CORE.contains(h.get(0).geometry().getCentroid().getCoordinate()))).isLessThan(0.3);
    }

    @Test
    void inspectionSites() {
        Map<String, List<Feature>> byId = byId(all(GENERATOR, "inspection_sites"));
        for (List<Feature> history : byId.values()) {
            assertThat(history).hasSizeBetween(1, 4);
            for (Feature f : history) {
                assertThat(f.get("last_inspected_on")).isEqualTo(date(f.validFrom()));
                assertThat(f.get("last_result")).isIn("pass", "rectify", "fail");
                assertThat(f.get("risk_level")).isIn("A", "B", "C", "D");
                assertThat(f.get("site_type")).isIn("restaurant", "food_producer", "pharmacy", "drug_wholesaler", "medical_device");
                assertThat((String) f.get("license_no")).matches("(JY|SC)[0-9]{14}|辽.*");
                assertThat(f.get("license_no")).isEqualTo(history.get(0).get("license_no"));
                assertThat(f.geometry()).isEqualTo(history.get(0).geometry());
            }
        }
        for (int n = 1; n <= 4; n++) {
            int size = n;
            assertThat(share(byId, h -> h.size() == size)).as("%d inspections", n).isBetween(0.18, 0.32);
        }
    }

    private static Map<String, List<Feature>> byId(List<Feature> versions) {
        return versions.stream().collect(Collectors.groupingBy(Feature::id, LinkedHashMap::new, Collectors.toList()));
    }

    private static double share(Map<String, List<Feature>> byId, Predicate<List<Feature>> p) {
        return byId.values().stream().filter(p).count() / (double) byId.size();
    }

    private static int year(Instant t) {
        return t.atOffset(ZoneOffset.ofHours(8)).getYear();
    }

    private static LocalDate date(Instant t) {
        return t.atOffset(ZoneOffset.ofHours(8)).toLocalDate();
    }

    private static double metres(Coordinate a, Coordinate b) {
        double dx = (b.x - a.x) * 111_000 * Math.cos(Math.toRadians(a.y));
        double dy = (b.y - a.y) * 111_000;
        return Math.hypot(dx, dy);
    }

    private static double metres(LineString line) {
        double sum = 0;
        for (int i = 1; i < line.getNumPoints(); i++) {
            sum += metres(line.getCoordinateN(i - 1), line.getCoordinateN(i));
        }
        return sum;
    }

    /** Area on a local equirectangular projection: precise enough for zones a few km across. */
    private static double areaKm2(Geometry g) {
        double k = Math.cos(Math.toRadians(g.getCentroid().getY()));
        return g.getArea() * 111_000 * 111_000 * k / 1e6;
    }
}
