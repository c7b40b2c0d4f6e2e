package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MvtSettingsTest {

    @Test
    void defaultsStepByZoom() {
        MvtSettings s = MvtSettings.defaults();
        assertThat(s.extent()).isEqualTo(4096);
        assertThat(s.buffer()).isEqualTo(64);
        assertThat(List.of(s.simplifyAt(0), s.simplifyAt(11), s.simplifyAt(12), s.simplifyAt(14), s.simplifyAt(15),
                s.simplifyAt(24))).containsExactly(1.0, 1.0, 0.5, 0.5, 0.0, 0.0);
        assertThat(List.of(s.limitAt(0), s.limitAt(9), s.limitAt(10), s.limitAt(12), s.limitAt(13), s.limitAt(30)))
                .containsExactly(2000, 2000, 10000, 10000, 50000, 50000);
    }

    @Test
    void aZoomBelowTheFirstStepTakesTheFirstValue() {
        MvtSettings s = MvtSettings.defaults().withLimits(new TreeMap<>(Map.of(5, 10, 8, 20)));
        assertThat(s.limitAt(1)).isEqualTo(10);
        assertThat(s.limitAt(8)).isEqualTo(20);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> MvtSettings.defaults().withLimits(new TreeMap<>(Map.of(0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MvtSettings.defaults().withLimits(new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MvtSettings(0, 64, new TreeMap<>(Map.of(0, 0.0)), new TreeMap<>(Map.of(0, 1)), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MvtSettings(4096, 64, new TreeMap<>(Map.of(0, -1.0)), new TreeMap<>(Map.of(0, 1)), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
