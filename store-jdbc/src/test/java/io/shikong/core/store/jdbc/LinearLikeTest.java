package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The embedded store's LIKE: H2's own backtracks without end on {@code %a%a%a…#} against a long text (one row,
 * where no statement timeout reaches); {@link LinearLike} answers the same in time bounded by pattern × value.
 */
class LinearLikeTest {

    @Test
    void manyWildcardsAgainstALongTextAnswerAtOnce() {
        String pattern = "%a%a%a%a%a%a%a%a%a%a%a%a%#";
        assertThat(LinearLike.like("a".repeat(5000), pattern, true))
                .isFalse();
        assertThat(LinearLike.like("a".repeat(5000) + "#", pattern, true)).isTrue();
    }

    @Test
    void sqlLikeSemantics() {
        assertThat(LinearLike.like("Home Office", "%office%", false)).isTrue();
        assertThat(LinearLike.like("Home Office", "%office%", true)).isFalse();
        assertThat(LinearLike.like("office", "of_ice", true)).isTrue();
        assertThat(LinearLike.like("offfice", "of_ice", true)).isFalse();
        assertThat(LinearLike.like("100%", "100\\%", true)).isTrue();
        assertThat(LinearLike.like("1000", "100\\%", true)).isFalse();
        assertThat(LinearLike.like("ab", "a%b", true)).isTrue();
        assertThat(LinearLike.like("a", "a%a", true)).isFalse();
        assertThat(LinearLike.like("", "%", true)).isTrue();
        assertThat(LinearLike.like("", "", true)).isTrue();
        assertThat(LinearLike.like("xabyabab", "%ab%ab", true)).isTrue();
        assertThat(LinearLike.like(null, "%", true)).isNull();
    }
}
