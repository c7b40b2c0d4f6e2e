package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.chance;
import static io.shikong.samples.FeatureRandom.pick;
import static io.shikong.samples.FeatureRandom.weighted;
import static io.shikong.samples.ShenyangGeography.FACTORY;

import io.shikong.core.feature.Feature;
import io.shikong.samples.ShenyangGeography.District;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Buildings: rotated rectangular footprints 10–80 m a side, each valid from its construction: the first
 * version starts on a day of its {@code built_year} (1955–2024, more every decade, factories early), so
 * the city grows on a time slider. About 10% are renovated once or twice (storeys added, more often than
 * a change of use or a new name: a new version each). Some are demolished (their last version closed, no
 * successor): about 40% of the factories built before 1990, torn down in Tiexi's relocation of industry
 * (2002–2012), 15% of the housing built before 1980 in the redevelopment of old estates (2005–2013), and
 * 2% of the rest at any time after they were built.
 */
final class BuildingGenerator implements LayerGenerator {

    static final String[] USES = {"residential", "commercial", "office", "industrial", "public", "education", "medical"};
    private static final int[] USE_WEIGHTS = {55, 12, 10, 10, 5, 5, 3};
    private static final int[][] FLOORS = {{3, 33}, {1, 8}, {5, 40}, {1, 4}, {2, 8}, {3, 6}, {4, 20}};
    private static final int INDUSTRIAL = 3;
    private static final int RESIDENTIAL = 0;
    /** Construction by era: the planned economy, reform and opening, the boom since the late 1990s. */
    private static final int[] ERAS = {SampleTimes.CITY_FIRST_YEAR, 1978, 1998, 2025};
    private static final int[] PER_YEAR = {1, 2, 4};
    /** Factories: most of Tiexi's were built before reform. */
    private static final int[] FACTORY_ERAS = {SampleTimes.CITY_FIRST_YEAR, 1978, 1990, 2025};
    private static final int[] FACTORY_PER_YEAR = {3, 2, 1};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.BUILDINGS.salt(), index);
        Coordinate centre = ShenyangGeography.settledLocation(r, 0.8);
        District district = ShenyangGeography.district(centre);
        MultiPolygon footprint = footprint(r, centre);

        int use = weighted(r, USE_WEIGHTS);
        int floors = r.nextInt(FLOORS[use][0], FLOORS[use][1] + 1);
        String name = name(r, use, index);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("address", Names.address(r, district));
        p.put("district", district.name());
        p.put("use", USES[use]);
        p.put("floors", floors);
        p.put("height_m", height(r, floors));
        int builtYear = use == INDUSTRIAL ? SampleTimes.year(r, FACTORY_ERAS, FACTORY_PER_YEAR)
                : SampleTimes.year(r, ERAS, PER_YEAR);
        p.put("built_year", builtYear);
        Instant built = SampleTimes.during(r, builtYear, SampleTimes.FIRST_END);

        Versions versions = new Versions(SampleLayer.BUILDINGS.id(index)).add(built, footprint, p);
        int changes = chance(r, 0.10) ? 1 + r.nextInt(2) : 0;
        Instant demolished = redevelopment(r, use, builtYear);
        Instant[] times;
        if (demolished != null) {
            times = SampleTimes.within(r, built, demolished, changes);
        } else if (chance(r, 0.02)) {
            times = SampleTimes.later(r, built, changes + 1);
            demolished = times[changes];
        } else {
            times = SampleTimes.later(r, built, changes);
        }
        for (int i = 0; i < changes; i++) {
            p = change(r, p, index);
            versions.add(times[i], footprint, p);
        }
        return demolished != null ? versions.deleted(demolished) : versions.current();
    }

    /**
     * When the city's two great clear-outs took this building, or {@code null}: old factories in Tiexi's
     * relocation of industry, old housing in the redevelopment of shanty estates.
     */
    private static Instant redevelopment(SplittableRandom r, int use, int builtYear) {
        if (use == INDUSTRIAL && builtYear < 1990 && chance(r, 0.40)) {
            return SampleTimes.during(r, 2002 + r.nextInt(11), SampleTimes.FIRST_END);
        }
        if (use == RESIDENTIAL && builtYear < 1980 && chance(r, 0.15)) {
            return SampleTimes.during(r, 2005 + r.nextInt(9), SampleTimes.FIRST_END);
        }
        return null;
    }

    /** One plausible renovation: storeys added (half the time), a change of use, or a new name. */
    private static Map<String, Object> change(SplittableRandom r, Map<String, Object> before, int index) {
        Map<String, Object> p = new LinkedHashMap<>(before);
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                int floors = (Integer) p.get("floors") + 1 + r.nextInt(3);
                p.put("floors", floors);
                p.put("height_m", height(r, floors));
            }
            case 2 -> {
                int use = r.nextInt(USES.length);
                p.put("use", USES[use]);
                p.put("name", name(r, use, index));
            }
            default -> p.put("name", name(r, List.of(USES).indexOf((String) p.get("use")), index));
        }
        return p;
    }

    private static double height(SplittableRandom r, int floors) {
        return Math.round(floors * r.nextDouble(3.0, 3.3) * 10) / 10.0;
    }

    private static String name(SplittableRandom r, int use, int index) {
        return switch (USES[use]) {
            case "residential" -> Names.estate(r) + (1 + r.nextInt(24)) + "号楼";
            case "commercial" -> pick(r, Names.ESTATES) + pick(r, new String[] {"商场", "购物中心", "商业广场", "百货"});
            case "office" -> pick(r, Names.ESTATES) + pick(r, new String[] {"大厦", "国际中心", "写字楼", "金融中心"});
            case "industrial" -> "沈阳" + pick(r, Names.ESTATES) + pick(r, new String[] {"机械厂", "制药厂", "化工厂", "物流园"})
                    + (1 + r.nextInt(12)) + "号厂房";
            case "public" -> Names.street(r) + pick(r, new String[] {"街道办事处", "社区服务中心", "派出所", "文化馆"});
            case "education" -> "沈阳市第" + Names.number(1 + index % 99) + pick(r, new String[] {"中学", "小学"})
                    + pick(r, new String[] {"教学楼", "实验楼", "综合楼"});
            default -> pick(r, new String[] {"盛京医院", "沈阳市第一人民医院", "中国医科大学附属第一医院", "沈阳市骨科医院"})
                    + pick(r, new String[] {"门诊楼", "住院部", "医技楼"});
        };
    }

    /** A rectangle 10–80 m a side turned by a random angle: always a valid, simple polygon. */
    private static MultiPolygon footprint(SplittableRandom r, Coordinate centre) {
        double w = r.nextDouble(10, 80) / 2;
        double h = r.nextDouble(10, 80) / 2;
        double a = r.nextDouble(Math.PI / 2);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double[][] corners = {{-w, -h}, {w, -h}, {w, h}, {-w, h}};
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0];
            double y = corners[i][1];
            ring[i] = ShenyangGeography.offset(centre, x * cos - y * sin, x * sin + y * cos);
        }
        ring[4] = ring[0].copy();
        Polygon polygon = FACTORY.createPolygon(ring);
        return FACTORY.createMultiPolygon(new Polygon[] {polygon});
    }
}
