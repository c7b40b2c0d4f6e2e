package io.shikong.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.error.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which store failures mean "cannot be reached now" (503) rather than a fault (500). */
class UnavailableTest {

    @Test
    void connectionFailuresAreTheStoreBeingDown() {
        assertThat(Unavailable.storeDown(new StoreException("read failed",
                new SQLTransientConnectionException("shikong-postgis - Connection is not available, request timed out after 2000ms")))).isTrue();
        assertThat(Unavailable.storeDown(new StoreException("read failed", new SQLException("I/O error", "08006")))).isTrue();
        assertThat(Unavailable.storeDown(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Unavailable.storeDown(new StoreException("write failed", new SQLException("Connection is closed")))).isTrue();
        StoreException masked = new StoreException("write failed", new SQLException("relation is busy", "55P03"));
        masked.addSuppressed(new SQLException("connection refused", "08001"));
        assertThat(Unavailable.storeDown(masked)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Unavailable.storeDown(new StoreException("read failed", new SQLException("canceling statement due to statement timeout", "57014")))).isFalse();
        assertThat(Unavailable.storeDown(new StoreException("write failed", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Unavailable.storeDown(new StoreException("write failed", new SQLException("closed")))).isFalse();
        assertThat(Unavailable.storeDown(new IllegalStateException("boom"))).isFalse();
        assertThat(Unavailable.storeDown((Throwable) null)).isFalse();
    }
}
