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
 * Buildings: rotated rectangular footprints 10–80 m a side. About 10% change floors, use or name
 * once or twice; about 2% are demolished (their last version is closed).
 */
final class BuildingGenerator implements LayerGenerator {

    static final String[] USES = {"residential", "commercial", "office", "industrial", "public", "education", "medical"};
    private static final int[] USE_WEIGHTS = {55, 12, 10, 10, 5, 5, 3};
    private static final int[][] FLOORS = {{3, 33}, {1, 8}, {5, 40}, {1, 4}, {2, 8}, {3, 6}, {4, 20}};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.BUILDINGS.salt(), index);
        Coordinate centre = ShenyangGeography.settledLocation(r, 0.8);
        District district = ShenyangGeography.district(centre);
        MultiPolygon footprint = footprint(r, centre);
        Instant from = SampleTimes.first(r);

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
        p.put("built_year", r.nextInt(1955, SampleTimes.year(from) + 1));

        Versions versions = new Versions(SampleLayer.BUILDINGS.id(index)).add(from, footprint, p);
        boolean demolished = chance(r, 0.02);
        int changes = chance(r, 0.10) ? 1 + r.nextInt(2) : 0;
        Instant[] times = SampleTimes.later(r, from, changes + (demolished ? 1 : 0));
        for (int i = 0; i < changes; i++) {
            p = change(r, p, index);
            versions.add(times[i], footprint, p);
        }
        return demolished ? versions.deleted(times[changes]) : versions.current();
    }

    /** One plausible change: storeys added, a change of use, or a new name. */
    private static Map<String, Object> change(SplittableRandom r, Map<String, Object> before, int index) {
        Map<String, Object> p = new LinkedHashMap<>(before);
        switch (r.nextInt(3)) {
            case 0 -> {
                int floors = (Integer) p.get("floors") + 1 + r.nextInt(3);
                p.put("floors", floors);
                p.put("height_m", height(r, floors));
            }
            case 1 -> {
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
