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

    private static final String[] HOTELS = {"如家酒店", "漢庭酒店", "錦江之星", "全季酒店", "桔子酒店", "喜來登酒店", "盛京大廈酒店"};
    private static final String[] BANKS = {"中國工商銀行", "中國建設銀行", "中國銀行", "中國農業銀行", "盛京銀行", "交通銀行"};
    private static final String[] SUPERMARKETS = {"家樂福", "沃爾瑪", "興隆大家庭超市", "大潤發", "地利生鮮", "聯華超市"};
    private static final String[] MALLS = {"中街大悅城", "萬象城", "太原街萬達廣場", "興隆大奧萊", "皇姑萬達廣場", "K11購物藝術中心", "沈陽卓展購物中心"};
    private static final String[] PARKS = {"北陵公園", "中山公園", "南湖公園", "青年公園", "勞動公園", "萬泉公園", "鐵西森林公園", "渾河濕地公園"};
    private static final String[] HOSPITALS = {"盛京醫院", "中國醫科大學附屬第一醫院", "沈陽市第四人民醫院", "遼寧省人民醫院", "沈陽市兒童醫院"};
    private static final String[] PHARMACIES = {"成大方圓大藥房", "國大藥房", "天士力大藥房", "老百姓大藥房"};

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

    /** A name that fits the category, e.g. {@code 老邊餃子館（中街店）}. */
    static String name(SplittableRandom r, String category) {
        return switch (category) {
            case "restaurant" -> pick(r, Names.CHAIN_RESTAURANTS) + Names.branch(r);
            case "hotel" -> pick(r, HOTELS) + Names.branch(r);
            case "school" -> "沈陽市" + pick(r, new String[] {"第" + Names.number(1 + r.nextInt(99)) + "中學",
                    Names.street(r) + "小學", Names.street(r) + "幼兒園"});
            case "hospital" -> r.nextInt(3) == 0 ? pick(r, HOSPITALS) : Names.street(r) + "社區衛生服務中心";
            case "bank" -> pick(r, BANKS) + "（" + Names.street(r) + "支行）";
            case "supermarket" -> pick(r, SUPERMARKETS) + Names.branch(r);
            case "shopping_mall" -> pick(r, MALLS);
            case "park" -> r.nextInt(2) == 0 ? pick(r, PARKS) : Names.street(r) + "街心公園";
            case "bus_stop" -> Names.street(r) + pick(r, new String[] {"", "東", "西", "南", "北"}) + "站";
            case "pharmacy" -> pick(r, PHARMACIES) + Names.branch(r);
            default -> "中國" + pick(r, new String[] {"石化", "石油"}) + "加油站" + Names.branch(r);
        };
    }
}
