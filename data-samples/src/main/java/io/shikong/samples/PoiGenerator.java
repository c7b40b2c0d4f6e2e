package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.pick;

import io.shikong.core.feature.Feature;
import io.shikong.samples.ShenyangGeography.District;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/** Points of interest; about 5% are renamed once (a new brand or branch name at the same place). */
final class PoiGenerator implements LayerGenerator {

    static final String[] CATEGORIES = {
        "restaurant", "hotel", "school", "hospital", "bank", "supermarket", "shopping_mall", "park",
        "bus_stop", "pharmacy", "gas_station",
    };
    private static final int[] WEIGHTS = {30, 8, 6, 4, 8, 8, 3, 4, 18, 7, 4};

    private static final String[] HOTELS = {"如家酒店", "汉庭酒店", "锦江之星", "全季酒店", "桔子酒店", "喜来登酒店", "盛京大厦酒店"};
    private static final String[] BANKS = {"中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "盛京银行", "交通银行"};
    private static final String[] SUPERMARKETS = {"家乐福", "沃尔玛", "兴隆大家庭超市", "大润发", "地利生鲜", "联华超市"};
    private static final String[] MALLS = {"中街大悦城", "万象城", "太原街万达广场", "兴隆大奥莱", "皇姑万达广场", "K11购物艺术中心", "沈阳卓展购物中心"};
    private static final String[] PARKS = {"北陵公园", "中山公园", "南湖公园", "青年公园", "劳动公园", "万泉公园", "铁西森林公园", "浑河湿地公园"};
    private static final String[] HOSPITALS = {"盛京医院", "中国医科大学附属第一医院", "沈阳市第四人民医院", "辽宁省人民医院", "沈阳市儿童医院"};
    private static final String[] PHARMACIES = {"成大方圆大药房", "国大药房", "天士力大药房", "老百姓大药房"};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.POIS.salt(), index);
        Coordinate c = ShenyangGeography.settledLocation(r, 0.8);
        Point point = ShenyangGeography.point(c);
        District district = ShenyangGeography.district(c);
        String category = CATEGORIES[FeatureRandom.weighted(r, WEIGHTS)];
        Instant from = SampleTimes.first(r);

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name(r, category));
        p.put("category", category);
        p.put("address", Names.address(r, district));
        p.put("district", district.name());
        Versions versions = new Versions(SampleLayer.POIS.id(index)).add(from, point, p);
        if (FeatureRandom.chance(r, 0.05)) {
            Map<String, Object> renamed = new LinkedHashMap<>(p);
            String name = name(r, category);
            renamed.put("name", name.equals(p.get("name")) ? name + "（新店）" : name);
            versions.add(SampleTimes.later(r, from, 1)[0], point, renamed);
        }
        return versions.current();
    }

    /** A name that fits the category, e.g. {@code 老边饺子馆（中街店）}. */
    static String name(SplittableRandom r, String category) {
        return switch (category) {
            case "restaurant" -> pick(r, Names.CHAIN_RESTAURANTS) + Names.branch(r);
            case "hotel" -> pick(r, HOTELS) + Names.branch(r);
            case "school" -> "沈阳市" + pick(r, new String[] {"第" + Names.number(1 + r.nextInt(99)) + "中学",
                    Names.street(r) + "小学", Names.street(r) + "幼儿园"});
            case "hospital" -> r.nextInt(3) == 0 ? pick(r, HOSPITALS) : Names.street(r) + "社区卫生服务中心";
            case "bank" -> pick(r, BANKS) + "（" + Names.street(r) + "支行）";
            case "supermarket" -> pick(r, SUPERMARKETS) + Names.branch(r);
            case "shopping_mall" -> pick(r, MALLS);
            case "park" -> r.nextInt(2) == 0 ? pick(r, PARKS) : Names.street(r) + "街心公园";
            case "bus_stop" -> Names.street(r) + pick(r, new String[] {"", "东", "西", "南", "北"}) + "站";
            case "pharmacy" -> pick(r, PHARMACIES) + Names.branch(r);
            default -> "中国" + pick(r, new String[] {"石化", "石油"}) + "加油站" + Names.branch(r);
        };
    }
}
