package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.pick;
import static io.shikong.samples.FeatureRandom.weighted;

import io.shikong.core.feature.Feature;
import io.shikong.samples.ShenyangGeography.District;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Food and drug supervision sites. Each has 1–4 versions, one per inspection: the date, the result and
 * the risk level it led to (a failed inspection raises the risk level, a pass may lower it).
 */
final class InspectionSiteGenerator implements LayerGenerator {

    static final String[] SITE_TYPES = {"restaurant", "food_producer", "pharmacy", "drug_wholesaler", "medical_device"};
    static final String[] RESULTS = {"pass", "rectify", "fail"};
    private static final String[] RISK = {"A", "B", "C", "D"};
    private static final String[] COMPANY_WORDS = {"华康", "天宝", "盛世", "康源", "福瑞", "瑞达", "鑫源", "仁和", "北方", "东瑞"};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.INSPECTION_SITES.salt(), index);
        Coordinate c = ShenyangGeography.settledLocation(r, 0.8);
        Point point = ShenyangGeography.point(c);
        District district = ShenyangGeography.district(c);
        int type = weighted(r, 55, 10, 25, 4, 6);
        String name = name(r, type);
        String license = license(r, type, district, index);
        int risk = weighted(r, 40, 35, 20, 5);

        int inspections = 1 + r.nextInt(4);
        Instant first = SampleTimes.first(r);
        Instant[] later = SampleTimes.later(r, first, inspections - 1);
        Versions versions = new Versions(SampleLayer.INSPECTION_SITES.id(index));
        for (int i = 0; i < inspections; i++) {
            Instant at = i == 0 ? first : later[i - 1];
            int result = weighted(r, 75, 20, 5);
            if (result == 2) {
                risk = Math.min(3, risk + 1);
            } else if (result == 0 && i > 0 && r.nextInt(3) == 0) {
                risk = Math.max(0, risk - 1);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("site_type", SITE_TYPES[type]);
            p.put("license_no", license);
            p.put("risk_level", RISK[risk]);
            p.put("last_inspected_on", SampleTimes.date(at));
            p.put("last_result", RESULTS[result]);
            p.put("district", district.name());
            versions.add(at, point, p);
        }
        return versions.current();
    }

    private static String name(SplittableRandom r, int type) {
        return switch (type) {
            case 0 -> pick(r, Names.CHAIN_RESTAURANTS) + Names.branch(r);
            case 1 -> "沈阳" + pick(r, COMPANY_WORDS) + pick(r, new String[] {"食品", "乳业", "肉制品", "糕点"}) + "有限公司";
            case 2 -> pick(r, new String[] {"成大方圆大药房", "国大药房", "天士力大药房", "老百姓大药房"}) + Names.branch(r);
            case 3 -> "辽宁" + pick(r, COMPANY_WORDS) + "医药有限公司";
            default -> "沈阳" + pick(r, COMPANY_WORDS) + "医疗器械有限公司";
        };
    }

    /**
     * A licence number in the style of its register: JY (food business) and SC (food production) are
     * followed by 14 digits with the district code; the serial is the index, so numbers are unique.
     */
    private static String license(SplittableRandom r, int type, District district, int index) {
        String serial = String.format(Locale.ROOT, "%07d", index + 1);
        return switch (type) {
            case 0 -> "JY3" + "2101" + district.code() + serial;
            case 1 -> "SC1" + (r.nextInt(2) == 0 ? "04" : "06") + "2101" + district.code() + serial.substring(2);
            case 2 -> "JY1" + "2101" + district.code() + serial;
            case 3 -> "辽AA" + "024" + serial;
            default -> "辽沈药监械经营许" + (2015 + r.nextInt(10)) + serial.substring(2) + "号";
        };
    }
}
