package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.pick;

import io.shikong.samples.ShenyangGeography.District;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Chinese names and addresses that read like Shenyang's, in the traditional characters of the catalog. */
final class Names {

    static final String[] STREETS = {
        "青年大街", "北京街", "中山路", "太原街", "黃河大街", "北陵大街", "崇山路", "市府大路", "南京街",
        "十一緯路", "北站路", "文化路", "三好街", "長白路", "建設大路", "興華街", "沈遼路", "北二路",
        "小北關街", "大西路", "小西路", "中街路", "東陵路", "渾河大街", "泰山路", "昆山路", "望花街",
        "和平大街", "勝利大街", "保工街", "重工街", "雲峰街", "滂江街", "萬柳塘路", "長江街", "嵩山路",
        "沈北路", "道義大街", "蒲河路", "楓楊路", "渾南大道", "創新路", "沈中大街", "雪松路", "迎賓路",
    };

    /** First halves of compound and company names. */
    static final String[] ESTATES = {
        "萬科", "華潤", "保利", "金地", "綠地", "中海", "陽光", "錦繡", "北陵", "長白", "渾河", "鳳凰",
        "雅居", "金廈", "盛京", "華府", "紫薇", "丁香", "櫻花", "碧桂園", "恒大", "龍湖", "富力", "興隆",
        "奧體", "世紀", "濱河", "天地", "翰林", "怡景", "明珠", "東方", "春天", "青年", "和平", "五里河",
    };

    static final String[] ESTATE_SUFFIXES = {"小區", "花園", "家園", "新城", "公館", "府", "苑", "名邸"};

    static final String[] CHAIN_RESTAURANTS = {
        "老邊餃子館", "馬家燒麥", "李連貴熏肉大餅", "西塔大冷面", "鹿鳴春飯店", "沈陽回頭", "那家老院子",
        "老四季抻面", "楊家吊爐餅", "張氏餛飩", "小放牛飯店", "雙興飯店", "梁記燒烤", "東北大院",
    };

    private static final Pattern STREET_SUFFIX = Pattern.compile("(大街|大路|大道|路|街)$");

    private Names() {
    }

    /** A street address in a district, e.g. {@code 沈河區青年大街286號}. */
    static String address(SplittableRandom r, District district) {
        return district.name() + street(r) + (1 + r.nextInt(r.nextInt(4) == 0 ? 999 : 299)) + "號";
    }

    static String street(SplittableRandom r) {
        return pick(r, STREETS);
    }

    /** A residential compound, e.g. {@code 萬科翰林花園}. */
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
