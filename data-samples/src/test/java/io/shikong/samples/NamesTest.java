package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void numbersForAnySize() {
        assertThat(Names.number(1)).isEqualTo("一");
        assertThat(Names.number(12)).isEqualTo("十二");
        assertThat(Names.number(45)).isEqualTo("四十五");
        assertThat(Names.number(99)).isEqualTo("九十九");
        assertThat(Names.number(100)).isEqualTo("100");
        assertThat(Names.number(2501)).isEqualTo("2501");
    }

    @Test
    void tenThousandRedLineZonesGenerate() {
        var it = new SampleGenerator(7, SampleSize.parse("eco_red_lines=10000")).versions("eco_red_lines");
        int n = 0;
        while (it.hasNext()) {
            assertThat(it.next().get("zone_name")).isNotNull();
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(10000);
    }
}
