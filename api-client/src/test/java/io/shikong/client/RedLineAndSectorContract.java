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
        // true square metres (~111 m × 83 m at 42°N), not degrees or Web Mercator (which would be ~1.8 times too
        // large here): GeographicLib's geodesic area on the CGCS2000 ellipsoid of the footprint and of its
        // intersection with the zone, taken by JTS in longitude/latitude
        double footprintArea = Reference.geodesicArea(square(inside, 0.0005));
        double overlapArea = Reference.geodesicArea(square(inside, 0.0005).intersection(zone.geometry()));
        assertThat(overlapArea).isPositive();
        assertThat(f.getAreaM2()).isCloseTo(footprintArea, org.assertj.core.data.Offset.offset(footprintArea * 0.005));
        assertThat(hit.getOverlapM2()).isCloseTo(overlapArea, org.assertj.core.data.Offset.offset(overlapArea * 0.005));
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
        // the nearest zone really is nearest: geodesic distances (GeographicLib, CGCS2000) to the generator's
        // zones; none is closer. The server measures in a Gauss-Krüger zone (scale error ~1e-5 here), so they
        // agree to 5e-5 (~4 m at the ~77 km of this footprint); Web Mercator or a neighbouring zone would not
        var fp = new org.locationtech.jts.io.WKTReader().read(
                "POLYGON((122.401 42.990, 122.402 42.990, 122.402 42.991, 122.401 42.991, 122.401 42.990))");
        Map<String, Double> geodesic = new LinkedHashMap<>();
        expected("eco_red_lines", null).forEach(z -> geodesic.put(z.id(), Reference.geodesicDistance(fp, z.geometry())));
        double closest = geodesic.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        var tolerance = org.assertj.core.data.Offset.offset(closest * 5e-5);
        assertThat(f.getNearest().getDistanceM()).isCloseTo(closest, tolerance);
        assertThat(geodesic).containsKey(f.getNearest().getId());
        assertThat(geodesic.get(f.getNearest().getId())).as("the zone named nearest").isCloseTo(closest, tolerance);
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
        // Two 100 m squares at a zone's edge on the side the GCJ-02 offset points to: one just inside (10 m or
        // more from the edge all round), one across the edge. Sent in GCJ-02 (published forward formula, not the
        // server's), they must come back where they were: the first overlapping entirely, the second by the
        // share JTS and GeographicLib give it (1 m of error moves that share by 1 %). Read as CGCS2000 the same
        // numbers lie some 500 m further on, clear of every zone: without the conversion both are clear.
        List<io.shikong.core.feature.Feature> zones = expected("eco_red_lines", null);
        io.shikong.core.feature.Feature zone = null;
        Polygon[] cgcs = null;
        org.locationtech.jts.geom.Geometry[] gcj = null;
        for (var z : zones) {
            Polygon[] candidate = atTheEdgeTowardsTheGcjOffset(z.geometry());
            if (candidate == null) {
                continue;
            }
            var shifted = new org.locationtech.jts.geom.Geometry[] {Reference.wgs84ToGcj02(candidate[0]),
                    Reference.wgs84ToGcj02(candidate[1])};
            if (zones.stream().allMatch(o -> Reference.geodesicDistance(shifted[0], o.geometry()) > 50
                    && Reference.geodesicDistance(shifted[1], o.geometry()) > 50)) {
                zone = z;
                cgcs = candidate;
                gcj = shifted;
                break;
            }
        }
        assertThat(zone).as("a zone with room for the footprints").isNotNull();
        assertThat(zone.geometry().contains(cgcs[0])).isTrue();
        assertThat(Reference.geodesicDistance(cgcs[0], zone.geometry().getBoundary())).isBetween(10.0, 40.0);
        double offset = Reference.CGCS2000.Inverse(cgcs[0].getCentroid().getY(), cgcs[0].getCentroid().getX(),
                gcj[0].getCentroid().getY(), gcj[0].getCentroid().getX()).s12;
        assertThat(offset).isBetween(300.0, 700.0);
        double insideArea = Reference.geodesicArea(cgcs[0]);
        double acrossArea = Reference.geodesicArea(cgcs[1]);
        double acrossOverlap = Reference.geodesicArea(cgcs[1].intersection(zone.geometry()));
        assertThat(acrossOverlap / acrossArea).isBetween(0.2, 0.8);

        RedlineApi api = new RedlineApi(anonymous);
        Map<String, Object> collection = Map.of("type", "FeatureCollection", "features", List.of(
                Map.of("type", "Feature", "properties", Map.of(), "geometry", footprint(gcj[0])),
                Map.of("type", "Feature", "properties", Map.of(), "geometry", footprint(gcj[1]))));
        List<RedLineFootprint> checked = api.createRedLineCheck(new RedLineCheckRequest().footprint(collection).crs("GCJ02"))
                .getFootprints();
        assertThat(checked).hasSize(2);
        String zoneId = zone.id();
        RedLineFootprint inside = checked.get(0);
        assertThat(inside.getVerdict()).isEqualTo(RedLineFootprint.VerdictEnum.OVERLAPS);
        RedLineZone insideHit = inside.getZones().stream().filter(z -> z.getId().equals(zoneId)).findFirst().orElseThrow();
        assertThat(insideHit.getShareOfFootprint()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(inside.getAreaM2()).isCloseTo(insideArea, org.assertj.core.data.Offset.offset(insideArea * 0.005));
        RedLineFootprint across = checked.get(1);
        assertThat(across.getVerdict()).isEqualTo(RedLineFootprint.VerdictEnum.OVERLAPS);
        RedLineZone acrossHit = across.getZones().stream().filter(z -> z.getId().equals(zoneId)).findFirst().orElseThrow();
        assertThat(acrossHit.getOverlapM2()).as("overlap of the square across the edge")
                .isCloseTo(acrossOverlap, org.assertj.core.data.Offset.offset(acrossArea * 0.01));
        assertThat(acrossHit.getShareOfFootprint()).isCloseTo(acrossOverlap / acrossArea, org.assertj.core.data.Offset.offset(0.01));

        // the same coordinates without crs are taken as CGCS2000: elsewhere, and clear
        List<RedLineFootprint> asStorage = api.createRedLineCheck(new RedLineCheckRequest().footprint(collection)).getFootprints();
        assertThat(asStorage).hasSize(2).allSatisfy(f -> {
            assertThat(f.getVerdict()).isEqualTo(RedLineFootprint.VerdictEnum.CLEAR);
            assertThat(f.getZones()).isEmpty();
            assertThat(f.getNearest().getDistanceM()).isGreaterThan(50.0);
        });
    }

    /**
     * From the zone's interior point towards the GCJ-02 offset, in 10 m steps: the last 100 m square whose
     * 120 m square around it still lies in the zone, and the 100 m square around the first point outside the
     * zone; null when even the first square does not fit.
     */
    static Polygon[] atTheEdgeTowardsTheGcjOffset(org.locationtech.jts.geom.Geometry zone) {
        Coordinate c = zone.getInteriorPoint().getCoordinate();
        double[] g = Reference.wgs84ToGcj02(c.x, c.y);
        double azimuth = Reference.CGCS2000.Inverse(c.y, c.x, g[1], g[0]).azi1;
        Polygon inside = null;
        for (double s = 0; s < 20_000; s += 10) {
            var p = Reference.CGCS2000.Direct(c.y, c.x, azimuth, s);
            if (inside == null || zone.contains(metreSquare(p.lon2, p.lat2, 60))) {
                if (!zone.contains(metreSquare(p.lon2, p.lat2, 60))) {
                    return null;
                }
                inside = metreSquare(p.lon2, p.lat2, 50);
            } else if (!zone.contains(GF.createPoint(new Coordinate(p.lon2, p.lat2)))) {
                return new Polygon[] {inside, metreSquare(p.lon2, p.lat2, 50)};
            }
        }
        return null;
    }

    /** A longitude/latitude square of side 2·half metres (geodesically, along the meridian and the parallel). */
    static Polygon metreSquare(double lon, double lat, double half) {
        double dLat = Reference.CGCS2000.Direct(lat, lon, 0, half).lat2 - lat;
        double dLon = Reference.CGCS2000.Direct(lat, lon, 90, half).lon2 - lon;
        return GF.createPolygon(new Coordinate[] {new Coordinate(lon - dLon, lat - dLat), new Coordinate(lon + dLon, lat - dLat),
                new Coordinate(lon + dLon, lat + dLat), new Coordinate(lon - dLon, lat + dLat), new Coordinate(lon - dLon, lat - dLat)});
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
        // footprints by GeographicLib's geodesic area (CGCS2000) × floors; the server's Gauss-Krüger areas are
        // ~3.5e-5 larger here, a neighbouring zone's would be ~1e-3 off, Web Mercator's ~80 %
        double expectedArea = inside.stream().mapToDouble(b -> Reference.geodesicArea(b.geometry())
                * (b.get("floors") == null ? 1 : (Integer) b.get("floors"))).sum();
        assertThat(s.getFloorAreaM2()).isCloseTo(expectedArea, org.assertj.core.data.Offset.offset(expectedArea * 1e-4));
        assertThat(s.getCountByUse().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(inside.size());
        assertThat(s.getFloorAreaM2ByUse().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(s.getFloorAreaM2(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(s.getFloorAreaM2()).isPositive();
        assertThat(s.getMethod()).contains("Gauss-Krüger");
    }
}
