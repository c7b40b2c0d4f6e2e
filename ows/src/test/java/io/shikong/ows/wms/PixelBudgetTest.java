package io.shikong.ows.wms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pixels maps being drawn share: a map that does not fit waits, then is refused as busy; pixels come back. */
class PixelBudgetTest {

    @Test
    void mapsShareTheBudgetAndGiveTheirPixelsBack() {
        PixelBudget budget = new PixelBudget(64 * 64 * 2, Duration.ofMillis(20));
        // two 64×64 maps fit at once; a third does not while they are drawn
        String drawn = budget.draw(64, 64, () -> budget.draw(64, 64, () -> {
            assertThatThrownBy(() -> budget.draw(64, 64, () -> "third")).isInstanceOfSatisfying(ShikongException.class,
                    e -> assertThat(e.ogcCode()).isEqualTo(OgcCode.SERVER_BUSY));
            return "two";
        }));
        assertThat(drawn).isEqualTo("two");
        // and once they are done, the whole budget is there again
        assertThat(budget.draw(128, 64, () -> "one large")).isEqualTo("one large");
    }

    @Test
    void aFailedDrawGivesItsPixelsBackToo() {
        PixelBudget budget = new PixelBudget(100 * 100, Duration.ofMillis(20));
        assertThatThrownBy(() -> budget.draw(100, 100, () -> {
            throw new IllegalStateException("renderer failed");
        })).hasMessage("renderer failed");
        assertThat(budget.draw(100, 100, () -> "drawn")).isEqualTo("drawn");
    }

    @Test
    void theBudgetMustBePositive() {
        assertThatThrownBy(() -> new PixelBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PixelBudget(64L * 1024 * 1024).pixels()).isEqualTo(64L * 1024 * 1024);
    }
}
