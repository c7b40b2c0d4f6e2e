package io.shikong.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mutations themselves: chained repeats stay within what a String can hold. */
class FuzzMutationTest {

    @Test
    void fiveChainedRepeatsOfAWholeInputStayBounded() {
        Fuzz.Mutation repeatAll = new Fuzz.Mutation(7, 0, 1, "", 200, new String[] {"(", ")"});
        // 200^5 copies of 1,000 characters would be 3.2e14 characters; before the bound String.repeat threw
        // OutOfMemoryError ("Required length exceeds implementation limit") at the third
        String s = Fuzz.apply("x".repeat(1000), Collections.nCopies(5, repeatAll));
        assertThat(s.length()).isLessThanOrEqualTo(Fuzz.MAX_REPEATED);
        assertThat(s).matches("x+");
    }

    @Test
    void aShortPartIsStillRepeatedAsOftenAsAsked() {
        Fuzz.Mutation m = new Fuzz.Mutation(7, 0, 1, "", 150, new String[] {"(", ")"});
        assertThat(Fuzz.apply("ab", List.of(m))).isEqualTo("ab".repeat(150));
        assertThat(new Fuzz.Mutation(7, 0, 1, "", 5000, new String[] {"(", ")"}).repeats(2)).isEqualTo(200);
        assertThat(m.repeats(0)).isEqualTo(150);
    }
}
