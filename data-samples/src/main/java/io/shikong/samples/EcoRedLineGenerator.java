package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.pick;
import static io.shikong.samples.ShenyangGeography.FACTORY;

import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Ecological red-line zones of 0.5–30 km², mostly outside the urban core: the Hun river south of the
 * city, the hills of 棋盘山 and 辉山, 沈北新区, the wetlands of 辽中 and the lakes of 康平. Each is valid
 * from its designation ({@code designated_on}, 1990–2020, twice as many a year since the red-line policy
 * of 2010). About 25% have their boundary redrawn once (scaled 0.8–1.2 about the centroid: a new version
 * with the new geometry, {@code designated_on} the day of the new boundary). Zones may overlap.
 */
final class EcoRedLineGenerator implements LayerGenerator {

    /** A place zones cluster around, with the categories that suit it. */
    private record Anchor(String name, double lon, double lat, double spread, int... categories) {
    }

    static final String[] CATEGORIES = {"water_source", "forest", "wetland", "nature_reserve", "scenic_area"};
    private static final String[][] SUFFIXES = {
        {"水源保护区", "饮用水水源地"}, {"森林保护区", "生态公益林"}, {"湿地公园", "湿地保护区"},
        {"自然保护区"}, {"风景名胜区", "森林公园"},
    };
    private static final Anchor[] ANCHORS = {
        new Anchor("棋盘山", 123.66, 41.93, 0.04, 0, 1, 4),
        new Anchor("辉山", 123.62, 42.01, 0.04, 1, 3, 4),
        new Anchor("浑河", 123.40, 41.70, 0.08, 0, 2),
        new Anchor("蒲河", 123.40, 41.98, 0.06, 0, 2),
        new Anchor("沈北七星山", 123.60, 42.13, 0.05, 1, 3, 4),
        new Anchor("苏家屯", 123.30, 41.58, 0.06, 0, 1),
        new Anchor("辽中", 122.75, 41.50, 0.08, 2, 3),
        new Anchor("康平卧龙湖", 123.35, 42.72, 0.06, 0, 2, 3),
        new Anchor("法库", 123.38, 42.47, 0.06, 1, 3),
        new Anchor("新民", 122.85, 41.99, 0.07, 1, 2),
    };
    /** Designation by era: reserves and water sources first, the ecological red lines since 2010. */
    private static final int[] ERAS = {1990, 2010, 2021};
    private static final int[] PER_YEAR = {1, 2};
    private static final String[] AUTHORITIES = {"辽宁省人民政府", "沈阳市人民政府", "沈阳市自然资源局", "沈阳市生态环境局"};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.ECO_RED_LINES.salt(), index);
        Anchor anchor = ANCHORS[index % ANCHORS.length];
        int category = anchor.categories()[r.nextInt(anchor.categories().length)];
        Coordinate centre = new Coordinate(anchor.lon() + r.nextDouble(-anchor.spread(), anchor.spread()),
                anchor.lat() + r.nextDouble(-anchor.spread(), anchor.spread()));
        MultiPolygon zone = zone(r, centre);
        Instant from = SampleTimes.during(r, SampleTimes.year(r, ERAS, PER_YEAR), SampleTimes.FIRST_END);

        Map<String, Object> p = new LinkedHashMap<>();
        int round = index / ANCHORS.length;
        p.put("zone_name", anchor.name() + pick(r, SUFFIXES[category]) + (round == 0 ? "" : "（" + Names.number(round + 1) + "区）"));
        p.put("category", CATEGORIES[category]);
        p.put("protection_level", r.nextInt(3) == 0 ? "core" : "general");
        p.put("designated_on", SampleTimes.date(from));
        p.put("authority", pick(r, AUTHORITIES));

        Versions versions = new Versions(SampleLayer.ECO_RED_LINES.id(index)).add(from, zone, p);
        if (FeatureRandom.chance(r, 0.25)) {
            Instant at = SampleTimes.later(r, from, 1)[0];
            Map<String, Object> adjusted = new LinkedHashMap<>(p);
            adjusted.put("designated_on", SampleTimes.date(at));
            versions.add(at, scaled(zone, r.nextDouble(0.8, 1.2)), adjusted);
        }
        return versions.current();
    }

    /**
     * A star-shaped polygon: 8–16 vertices at increasing angles around the centre with random radii,
     * scaled to an area drawn log-uniformly from 0.5–30 km². Increasing angles make it simple, hence valid.
     */
    private static MultiPolygon zone(SplittableRandom r, Coordinate centre) {
        int n = 8 + r.nextInt(9);
        double[] east = new double[n];
        double[] north = new double[n];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i + r.nextDouble(0, 0.8)) / n;
            double radius = r.nextDouble(0.6, 1.4);
            east[i] = radius * Math.cos(angle);
            north[i] = radius * Math.sin(angle);
        }
        double unitArea = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            unitArea += east[i] * north[j] - east[j] * north[i];
        }
        unitArea = Math.abs(unitArea) / 2;
        double areaM2 = Math.exp(r.nextDouble(Math.log(0.5e6), Math.log(30e6)));
        double scale = Math.sqrt(areaM2 / unitArea);
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            ring[i] = ShenyangGeography.offset(centre, east[i] * scale, north[i] * scale);
        }
        ring[n] = ring[0].copy();
        return FACTORY.createMultiPolygon(new Polygon[] {FACTORY.createPolygon(ring)});
    }

    /** The zone scaled about its centroid; a similarity, so it stays valid. Coordinates re-rounded. */
    private static MultiPolygon scaled(MultiPolygon zone, double factor) {
        Point c = zone.getCentroid();
        MultiPolygon out = (MultiPolygon) AffineTransformation.scaleInstance(factor, factor, c.getX(), c.getY()).transform(zone);
        out.apply((CoordinateFilter) xy -> {
            xy.x = ShenyangGeography.round(xy.x);
            xy.y = ShenyangGeography.round(xy.y);
        });
        out.geometryChanged();
        out.setSRID(ShenyangGeography.SRID);
        return out;
    }
}
