package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.pick;

import io.shikong.samples.ShenyangGeography.District;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Chinese names and addresses that read like Shenyang's, in the simplified characters of the catalog. */
final class Names {

    static final String[] STREETS = {
        "青年大街", "北京街", "中山路", "太原街", "黄河大街", "北陵大街", "崇山路", "市府大路", "南京街",
        "十一纬路", "北站路", "文化路", "三好街", "长白路", "建设大路", "兴华街", "沈辽路", "北二路",
        "小北关街", "大西路", "小西路", "中街路", "东陵路", "浑河大街", "泰山路", "昆山路", "望花街",
        "和平大街", "胜利大街", "保工街", "重工街", "云峰街", "滂江街", "万柳塘路", "长江街", "嵩山路",
        "沈北路", "道义大街", "蒲河路", "枫杨路", "浑南大道", "创新路", "沈中大街", "雪松路", "迎宾路",
    };

    /** First halves of compound and company names. */
    static final String[] ESTATES = {
        "万科", "华润", "保利", "金地", "绿地", "中海", "阳光", "锦绣", "北陵", "长白", "浑河", "凤凰",
        "雅居", "金厦", "盛京", "华府", "紫薇", "丁香", "樱花", "碧桂园", "恒大", "龙湖", "富力", "兴隆",
        "奥体", "世纪", "滨河", "天地", "翰林", "怡景", "明珠", "东方", "春天", "青年", "和平", "五里河",
    };

    static final String[] ESTATE_SUFFIXES = {"小区", "花园", "家园", "新城", "公馆", "府", "苑", "名邸"};

    static final String[] CHAIN_RESTAURANTS = {
        "老边饺子馆", "马家烧麦", "李连贵熏肉大饼", "西塔大冷面", "鹿鸣春饭店", "沈阳回头", "那家老院子",
        "老四季抻面", "杨家吊炉饼", "张氏馄饨", "小放牛饭店", "双兴饭店", "梁记烧烤", "东北大院",
    };

    private static final Pattern STREET_SUFFIX = Pattern.compile("(大街|大路|大道|路|街)$");

    private Names() {
    }

    /** A street address in a district, e.g. {@code 沈河区青年大街286号}. */
    static String address(SplittableRandom r, District district) {
        return district.name() + street(r) + (1 + r.nextInt(r.nextInt(4) == 0 ? 999 : 299)) + "号";
    }

    static String street(SplittableRandom r) {
        return pick(r, STREETS);
    }

    /** A residential compound, e.g. {@code 万科翰林花园}. */
    static String estate(SplittableRandom r) {
        String a = pick(r, ESTATES);
        String b = pick(r, ESTATES);
        return (a.equals(b) ? a : a + b) + pick(r, ESTATE_SUFFIXES);
    }

    /** A branch name from a street, e.g. {@code （太原街店）}. */
    static String branch(SplittableRandom r) {
        String street = street(r);
        return "（" + STREET_SUFFIX.matcher(street).replaceFirst("") + "店）";
    }

    /** A Chinese numeral for 1..99; larger numbers (benchmark-size sets) in Arabic digits. */
    static String number(int n) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n >= 100 || n < 1) {
            return String.valueOf(n);
        }
        if (n < 10) {
            return digits[n];
        }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10];
    }
}
