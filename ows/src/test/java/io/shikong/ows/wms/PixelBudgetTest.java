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
    void mapsBeyondTheConcurrentLimitWaitTheirTurnThenAreRefusedAsBusy() {
        PixelBudget budget = new PixelBudget(64L * 64 * 100, 2, Duration.ofMillis(20));
        // two small maps are drawn at once although the pixels would hold 100: the third waits, then is busy
        String drawn = budget.draw(64, 64, () -> budget.draw(64, 64, () -> {
            assertThatThrownBy(() -> budget.draw(8, 8, () -> "third")).isInstanceOfSatisfying(ShikongException.class,
                    e -> {
                        assertThat(e.ogcCode()).isEqualTo(OgcCode.SERVER_BUSY);
                        assertThat(e).hasMessageContaining("too many maps at once");
                    });
            return "two";
        }));
        assertThat(drawn).isEqualTo("two");
        // their turns come back, after a failed draw too
        assertThatThrownBy(() -> budget.draw(64, 64, () -> {
            throw new IllegalStateException("renderer failed");
        })).hasMessage("renderer failed");
        assertThat(budget.draw(64, 64, () -> budget.draw(64, 64, () -> "two again"))).isEqualTo("two again");
        assertThatThrownBy(() -> new PixelBudget(100, 0, Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBudgetMustBePositive() {
        assertThatThrownBy(() -> new PixelBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PixelBudget(64L * 1024 * 1024).pixels()).isEqualTo(64L * 1024 * 1024);
    }
}
