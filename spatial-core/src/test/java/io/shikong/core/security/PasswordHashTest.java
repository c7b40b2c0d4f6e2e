package io.shikong.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {

    @Test
    void aHashChecksItsPasswordAndNoOther() {
        String h = PasswordHash.hash("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS);
        assertThat(h).startsWith("pbkdf2-sha256$10000$").doesNotContain("s3cret").doesNotContain(":").doesNotContain(",");
        assertThat(PasswordHash.problem(h)).isNull();
        assertThat(PasswordHash.verify(h, "s3cret".toCharArray())).isTrue();
        assertThat(PasswordHash.verify(h, "s3cret ".toCharArray())).isFalse();
        assertThat(PasswordHash.verify(h, "".toCharArray())).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String a = PasswordHash.hash("same".toCharArray(), PasswordHash.MIN_ITERATIONS);
        String b = PasswordHash.hash("same".toCharArray(), PasswordHash.MIN_ITERATIONS);
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHash.verify(a, "same".toCharArray())).isTrue();
        assertThat(PasswordHash.verify(b, "same".toCharArray())).isTrue();
    }

    @Test
    void anEmptyPasswordIsAPasswordLikeAnyOther() {
        String h = PasswordHash.hash(new char[0], PasswordHash.MIN_ITERATIONS);
        assertThat(PasswordHash.verify(h, new char[0])).isTrue();
        assertThat(PasswordHash.verify(h, "x".toCharArray())).isFalse();
    }

    @Test
    void theDefaultIterationsAreOwasps() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void theIterationsAreTheStringsOwn() {
        // a hash made with more iterations is still checked: the count travels in the string
        String h = PasswordHash.hash("pw".toCharArray(), 20_000);
        assertThat(h).startsWith("pbkdf2-sha256$20000$");
        assertThat(PasswordHash.verify(h, "pw".toCharArray())).isTrue();
        // and changing it breaks the hash
        assertThat(PasswordHash.verify(h.replace("$20000$", "$20001$"), "pw".toCharArray())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cret", "", "pbkdf2-sha256$", "pbkdf2-sha256$abc$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "pbkdf2-sha256$100$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "pbkdf2-sha256$99999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "pbkdf2-sha256$10000$***$aGFzaGhhc2hoYXNoaGFzaA", "pbkdf2-sha256$10000$c2FsdHNhbHQ$aGFzaA",
        "pbkdf2-sha1$10000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"})
    void aMalformedOrCheapStoredValueIsNamedAndNeverMatches(String stored) {
        assertThat(PasswordHash.problem(stored)).isNotNull();
        assertThat(PasswordHash.verify(stored, "s3cret".toCharArray())).isFalse();
    }

    @Test
    void tooFewOrTooManyIterationsAreRefused() {
        assertThatThrownBy(() -> PasswordHash.hash("pw".toCharArray(), 9_999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
        assertThatThrownBy(() -> PasswordHash.hash("pw".toCharArray(), 10_000_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
