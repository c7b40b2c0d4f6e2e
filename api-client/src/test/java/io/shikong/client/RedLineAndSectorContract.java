package io.shikong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.client.api.RedlineApi;
import io.shikong.client.api.SectorApi;
import io.shikong.client.model.BuildingSummary;
import io.shikong.client.model.Feature;
import io.shikong.client.model.FeatureCollection;
import io.shikong.client.model.Geometry;
import io.shikong.client.model.RedLineCheck;
import io.shikong.client.model.RedLineCheckRequest;
import io.shikong.client.model.RedLineFootprint;
import io.shikong.client.model.RedLineZone;
import io.shikong.client.model.SectorQuery;
import io.shikong.core.crs.CrsService;
import java.awt.image.BufferedImage;
import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Red-line compliance checks and the sector queries end to end through the generated client; expected
 * answers come from the sample generator (the server loaded the same data).
 */
abstract class RedLineAndSectorContract extends RestApiContract {

    static final GeometryFactory GF = new GeometryFactory();

    static Geometry geojson(org.locationtech.jts.geom.Geometry g) {
        if (g instanceof org.locationtech.jts.geom.Point p) {
            return new Geometry().type("Point").coordinates(List.of(p.getX(), p.getY()));
        }
        if (g instanceof org.locationtech.jts.geom.LineString l) {
            List<Object> cs = new ArrayList<>();
            for (Coordinate c : l.getCoordinates()) {
                cs.add(List.of(c.x, c.y));
            }
            return new Geometry().type("LineString").coordinates(cs);
        }
        Polygon p = (Polygon) g;
        List<Object> ring = new ArrayList<>();
        for (Coordinate c : p.getExteriorRing().getCoordinates()) {
            ring.add(List.of(c.x, c.y));
        }
        return new Geometry().type("Polygon").coordinates(List.of(ring));
    }

    static Map<String, Object> footprint(org.locationtech.jts.geom.Geometry g) {
        Geometry d = geojson(g);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", d.getType());
        m.put("coordinates", d.getCoordinates());
        return m;
    }

    /** A small square (side 2·r degrees) around a point. */
    static Polygon square(Coordinate c, double r) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(c.x - r, c.y - r), new Coordinate(c.x + r, c.y - r),
                new Coordinate(c.x + r, c.y + r), new Coordinate(c.x - r, c.y + r), new Coordinate(c.x - r, c.y - r)});
    }

    // --- red lines ------------------------------------------------------------------------------------

    @Test
    void aFootprintInsideAZoneOverlapsItAndTheReportComesBackAsJsonPngAndPdf() throws Exception {
        var zone = expected("eco_red_lines", null).get(0);
        Coordinate inside = zone.geometry().getInteriorPoint().getCoordinate();
        RedlineApi api = new RedlineApi(anonymous);
        RedLineCheck check = api.createRedLineCheck(new RedLineCheckRequest().footprint(footprint(square(inside, 0.0005)))
                .bufferMeters(100.0));
        RedLineFootprint f = check.getFootprints().get(0);
        assertThat(f.getVerdict()).isEqualTo(RedLineFootprint.VerdictEnum.OVERLAPS);
        RedLineZone hit = f.getZones().stream().filter(z -> z.getId().equals(zone.id())).findFirst().orElseThrow();
        assertThat(hit.getName()).isEqualTo(zone.get("zone_name"));
        assertThat(hit.getShareOfFootprint()).isGreaterThan(0.99);
        assertThat(hit.getOverlapM2()).isCloseTo(f.getAreaM2(), org.assertj.core.data.Offset.offset(f.getAreaM2() * 0.01));
        assertThat(f.getAreaM2()).isBetween(5_000.0, 20_000.0); // ~111 m × 83 m at 42°N
        assertThat(check.getMethod()).contains("Gauss-Krüger");
        assertThat(check.getInputHash()).hasSize(64);

        RedLineCheck again = api.getRedLineCheck(check.getId());
        assertThat(again.getFootprints()).isEqualTo(check.getFootprints());
        assertThat(again.getRedLineVersion()).isEqualTo(check.getRedLineVersion());

        File png = api.getRedLineCheckMap(check.getId(), 640, 480);
        BufferedImage image = ImageIO.read(png);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < 640; x += 7) {
            for (int y = 0; y < 480; y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).as("not blank").hasSizeGreaterThan(10);
        // the footprint is in the middle of the map and lies inside the zone: its overlap is filled red there
        // (just off the centre, where the zone's name is written)
        java.awt.Color centre = new java.awt.Color(image.getRGB(320 - 40, 240 + 40));
        assertThat(centre.getRed()).as("overlap red at the centre: " + centre).isGreaterThan(180);
        assertThat(centre.getGreen()).isLessThan(90);

        File pdf = api.getRedLineCheckReport(check.getId());
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(check.getId()).contains("OVERLAPS").contains((String) zone.get("zone_name"));
        }
    }

    @Test
    void aClearFootprintGetsTheNearestZoneAndItsDistance() throws Exception {
        // far from every zone: the north-west corner of the sample extent
        RedLineCheck check = new RedlineApi(anonymous).createRedLineCheck(new RedLineCheckRequest()
                .wkt("POLYGON((122.401 42.990, 122.402 42.990, 122.402 42.991, 122.401 42.991, 122.401 42.990))"));
        RedLineFootprint f = check.getFootprints().get(0);
        assertThat(f.getVerdict()).isEqualTo(RedLineFootprint.VerdictEnum.CLEAR);
        assertThat(f.getZones()).isEmpty();
        assertThat(f.getNearest()).isNotNull();
        assertThat(f.getNearest().getDistanceM()).isPositive();
        // the nearest zone really is nearest: measured from the generator's zones, none is closer
        var crs = new CrsService();
        var zone = crs.gaussKrugerZone(122.4015);
        var fp = crs.transform(new org.locationtech.jts.io.WKTReader().read(
                "POLYGON((122.401 42.990, 122.402 42.990, 122.402 42.991, 122.401 42.991, 122.401 42.990))"), crs.storage(), zone);
        double closest = expected("eco_red_lines", null).stream()
                .mapToDouble(z -> crs.transform(z.geometry(), crs.storage(), zone).distance(fp)).min().orElseThrow();
        assertThat(f.getNearest().getDistanceM()).isCloseTo(closest, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void asOfBeforeABoundaryChangeUsesTheOldBoundary() throws Exception {
        // a zone with two versions, and a point inside exactly one of them
        var versions = new LinkedHashMap<String, List<io.shikong.core.feature.Feature>>();
        generator.versions("eco_red_lines").forEachRemaining(v -> versions.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v));
        var changed = versions.values().stream().filter(v -> v.size() == 2).findFirst().orElseThrow();
        var v1 = changed.get(0);
        var v2 = changed.get(1);
        org.locationtech.jts.geom.Geometry onlyOne = v2.geometry().symDifference(v1.geometry());
        Coordinate p = onlyOne.getInteriorPoint().getCoordinate();
        boolean inNew = v2.geometry().contains(GF.createPoint(p));
        RedlineApi api = new RedlineApi(anonymous);
        RedLineCheck now = api.createRedLineCheck(new RedLineCheckRequest().footprint(footprint(GF.createPoint(p))));
        RedLineCheck before = api.createRedLineCheck(new RedLineCheckRequest().footprint(footprint(GF.createPoint(p)))
                .asOf(v2.validFrom().minusSeconds(1).toString()));
        List<String> hitNow = now.getFootprints().get(0).getZones().stream().map(z -> z.getId() + "@" + z.getVersion()).toList();
        List<String> hitBefore = before.getFootprints().get(0).getZones().stream().map(z -> z.getId() + "@" + z.getVersion()).toList();
        if (inNew) {
            assertThat(hitNow).contains(v2.id() + "@2");
            assertThat(hitBefore).doesNotContain(v1.id() + "@1");
        } else {
            assertThat(hitNow).doesNotContain(v2.id() + "@2");
            assertThat(hitBefore).contains(v1.id() + "@1");
        }
        assertThat(Instant.parse(before.getRedLineVersion())).isBefore(v2.validFrom());
    }

    @Test
    void badFootprintsAre400AndRepairIsReported() throws Exception {
        RedlineApi api = new RedlineApi(anonymous);
        String bowtie = "POLYGON((123.41 41.805, 123.43 41.815, 123.43 41.805, 123.41 41.815, 123.41 41.805))";
        assertThatThrownBy(() -> api.createRedLineCheck(new RedLineCheckRequest().wkt(bowtie)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("Self-intersection").contains("repair=true");
                });
        RedLineCheck repaired = api.createRedLineCheck(new RedLineCheckRequest().wkt(bowtie).repair(true));
        assertThat(repaired.getFootprints().get(0).getRepaired()).isTrue();
        assertThat(api.getRedLineCheckMap(repaired.getId(), 200, 200)).isNotNull();
        for (RedLineCheckRequest bad : List.of(
                new RedLineCheckRequest().wkt("POLYGON EMPTY"),
                new RedLineCheckRequest().wkt("not wkt"),
                new RedLineCheckRequest(),
                new RedLineCheckRequest().wkt("POINT(123.4 41.8)").crs("EPSG:2154"),
                new RedLineCheckRequest().wkt("POLYGON((100 20, 130 20, 130 50, 100 50, 100 20))"),
                new RedLineCheckRequest().wkt("POINT(123.4 41.8)").bufferMeters(-5.0),
                new RedLineCheckRequest().wkt("POINT(123.4 41.8)").asOf("someday"),
                new RedLineCheckRequest().footprint(Map.of("type", "Polygon", "coordinates", List.of(1, 2))))) {
            assertThatThrownBy(() -> api.createRedLineCheck(bad)).as(bad.toString())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        }
        assertThatThrownBy(() -> api.getRedLineCheck("nope")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void footprintsInGcj02AreChecked() throws Exception {
        var zone = expected("eco_red_lines", null).get(1);
        Coordinate c = zone.geometry().getInteriorPoint().getCoordinate();
        var crs = new CrsService();
        double[] gcj = crs.transform(c.x, c.y, crs.storage(), crs.resolve("GCJ02"));
        RedLineCheck check = new RedlineApi(anonymous).createRedLineCheck(new RedLineCheckRequest()
                .footprint(Map.of("type", "Feature", "properties", Map.of(), "geometry",
                        footprint(GF.createPoint(new Coordinate(gcj[0], gcj[1]))))).crs("GCJ02"));
        assertThat(check.getFootprints().get(0).getZones()).extracting(RedLineZone::getId).contains(zone.id());
    }

    // --- sector queries -------------------------------------------------------------------------------

    @Test
    void pipelinesNearAreNearestFirstWithinTheDistanceAndRestricted() throws Exception {
        var pipe = expected("pipelines", null).get(0);
        Coordinate c = pipe.geometry().getCoordinate();
        SectorQuery q = new SectorQuery().geometry(geojson(GF.createPoint(c))).distance(300.0);
        FeatureCollection near = new SectorApi(analyst).pipelinesNear(q);
        List<Double> d = near.getFeatures().stream().map(Feature::getDistance).toList();
        assertThat(d).isNotEmpty().isSorted().allSatisfy(x -> assertThat(x).isBetween(0.0, 300.0));
        assertThat(near.getFeatures().get(0).getId()).isEqualTo(pipe.id());
        assertThat(d.get(0)).isLessThan(0.01);
        String network = (String) pipe.get("network");
        FeatureCollection filtered = new SectorApi(analyst).pipelinesNear(q.networks(List.of(network)));
        assertThat(filtered.getFeatures()).isNotEmpty().allSatisfy(f -> assertThat(f.getProperties().get("network")).isEqualTo(network));
        FeatureCollection under = new SectorApi(analyst).pipelinesUnder(new SectorQuery()
                .geometry(geojson(square(c, 0.0002))));
        assertThat(under.getFeatures()).extracting(Feature::getId).contains(pipe.id());
        assertThatThrownBy(() -> new SectorApi(anonymous).pipelinesNear(q)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> new SectorApi(analyst).pipelinesNear(new SectorQuery().geometry(geojson(GF.createPoint(c)))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    @Test
    void streetViewNearestAndAlongARoute() throws Exception {
        List<io.shikong.core.feature.Feature> captures = expected("street_view", null);
        String sequence = (String) captures.get(0).get("sequence_id");
        List<io.shikong.core.feature.Feature> seq = captures.stream().filter(f -> sequence.equals(f.get("sequence_id"))).toList();
        Coordinate first = seq.get(0).geometry().getCoordinate();
        FeatureCollection nearest = new SectorApi(anonymous).streetViewNearest(new SectorQuery()
                .geometry(geojson(GF.createPoint(first))));
        assertThat(nearest.getFeatures()).hasSize(1);
        assertThat(nearest.getFeatures().get(0).getDistance()).isLessThan(0.01);
        Instant takenAt = (Instant) seq.get(0).get("captured_at");
        FeatureCollection older = new SectorApi(anonymous).streetViewNearest(new SectorQuery()
                .geometry(geojson(GF.createPoint(first))).before(takenAt.toString()));
        assertThat(older.getFeatures()).hasSizeLessThanOrEqualTo(1);
        older.getFeatures().forEach(f -> assertThat(Instant.parse((String) f.getProperties().get("captured_at"))).isBefore(takenAt));

        Coordinate[] route = seq.stream().map(f -> f.geometry().getCoordinate()).toArray(Coordinate[]::new);
        FeatureCollection along = new SectorApi(anonymous).streetViewAlong(new SectorQuery()
                .geometry(geojson(GF.createLineString(route))).distance(5.0));
        List<Double> positions = along.getFeatures().stream().map(f -> ((Number) f.getProperties().get("along_m")).doubleValue()).toList();
        assertThat(positions).isSorted();
        assertThat(along.getFeatures()).extracting(Feature::getId).containsAll(seq.stream().map(f -> f.id()).toList());
        assertThatThrownBy(() -> new SectorApi(anonymous).streetViewAlong(new SectorQuery().geometry(geojson(GF.createPoint(first)))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    @Test
    void inspectionSitesByDistrictDueAndHistory() throws Exception {
        List<io.shikong.core.feature.Feature> sites = expected("inspection_sites", null);
        String district = (String) sites.get(0).get("district");
        long inDistrictA = sites.stream().filter(s -> district.equals(s.get("district")) && "A".equals(s.get("risk_level"))).count();
        FeatureCollection byDistrict = new SectorApi(anonymous).inspectionSites(district, "A", null);
        assertThat(byDistrict.getFeatures()).hasSize((int) inDistrictA);

        LocalDate on = LocalDate.of(2025, 1, 1);
        // D is the highest risk in the sample catalog: inspected every 90 days; A the lowest: every 730
        Map<String, Integer> interval = Map.of("D", 90, "C", 180, "B", 365, "A", 730);
        Instant endOfDay = on.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        long due = expected("inspection_sites", endOfDay).stream().filter(s -> {
            LocalDate last = (LocalDate) s.get("last_inspected_on");
            return last == null || last.isBefore(on.minusDays(interval.get((String) s.get("risk_level"))));
        }).count();
        assertThat(new SectorApi(anonymous).inspectionSitesDue(on.toString()).getFeatures()).hasSize((int) due);

        var versions = new LinkedHashMap<String, Integer>();
        generator.versions("inspection_sites").forEachRemaining(v -> versions.merge(v.id(), 1, Integer::sum));
        var many = versions.entrySet().stream().filter(e -> e.getValue() > 2).findFirst().orElseThrow();
        FeatureCollection history = new SectorApi(anonymous).inspectionSiteHistory(many.getKey());
        assertThat(history.getFeatures()).hasSize(many.getValue());
        assertThatThrownBy(() -> new SectorApi(anonymous).inspectionSiteHistory("nope"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void buildingsInAPolygonWithTotals() throws Exception {
        Polygon area = square(new Coordinate(123.45, 41.80), 0.02);
        List<io.shikong.core.feature.Feature> inside = expected("buildings", null).stream()
                .filter(b -> b.geometry().intersects(area)).toList();
        BuildingSummary s = new SectorApi(anonymous).buildingsSummary(new SectorQuery().geometry(geojson(area)));
        assertThat(s.getCount()).isEqualTo(inside.size()).isPositive();
        var crs = new CrsService();
        var zone = crs.gaussKrugerZone(123.45);
        double expectedArea = inside.stream().mapToDouble(b -> crs.transform(b.geometry(), crs.storage(), zone).getArea()
                * (b.get("floors") == null ? 1 : (Integer) b.get("floors"))).sum();
        assertThat(s.getFloorAreaM2()).isCloseTo(expectedArea, org.assertj.core.data.Offset.offset(expectedArea * 1e-6 + 1));
        assertThat(s.getCountByUse().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(inside.size());
        assertThat(s.getFloorAreaM2ByUse().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(s.getFloorAreaM2(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(s.getFloorAreaM2()).isPositive();
        assertThat(s.getMethod()).contains("Gauss-Krüger");
    }
}
