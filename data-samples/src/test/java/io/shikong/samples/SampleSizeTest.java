package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleSizeTest {

    @Test
    void parsesCountsAndDefaultsOthersToZero() {
        SampleSize size = SampleSize.parse("buildings=1000000,pois=5000000");
        assertThat(size).isEqualTo(new SampleSize(1_000_000, 0, 5_000_000, 0, 0, 0));
        assertThat(size.layers()).containsExactly("buildings", "pois");
        assertThat(size.count("pois")).isEqualTo(5_000_000);
    }

    @Test
    void acceptsSpacesUnderscoresZeroAndSmall() {
        assertThat(SampleSize.parse(" street_view = 1_000 , eco_red_lines=0,inspection_sites=9999999"))
                .isEqualTo(new SampleSize(0, 0, 0, 1000, 0, 9_999_999));
        assertThat(SampleSize.parse("small")).isSameAs(SampleSize.SMALL);
        assertThat(SampleSize.parse("SMALL")).isSameAs(SampleSize.SMALL);
        assertThat(SampleSize.SMALL.layers()).hasSize(6);
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> SampleSize.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SampleSize.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleSize.parse("houses=10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("houses");
        assertThatThrownBy(() -> SampleSize.parse("buildings=ten")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buildings").hasMessageContaining("ten");
        assertThatThrownBy(() -> SampleSize.parse("buildings=-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> SampleSize.parse("buildings=10000000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000000");
        assertThatThrownBy(() -> SampleSize.parse("buildings=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buildings");
        assertThatThrownBy(() -> SampleSize.parse("buildings")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'buildings'").hasMessageContaining("layer=count");
        assertThatThrownBy(() -> SampleSize.parse("pois=1,,pipelines=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleSize.parse("pois=1,pois=2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new SampleSize(-1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buildings");
    }

    @Test
    void onlyKeepsTheNamedLayers() {
        assertThat(SampleSize.SMALL.only(Set.of("pois", "pipelines"))).isEqualTo(new SampleSize(0, 800, 2000, 0, 0, 0));
        assertThatThrownBy(() -> SampleSize.SMALL.only(Set.of("roads"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roads");
    }
}
