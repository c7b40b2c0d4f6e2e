package io.shikong.ows.wfs.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.ShikongException;
import io.shikong.ows.wfs.lock.LockManager.Acquired;
import io.shikong.ows.wfs.lock.LockManager.FeatureKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The WFS lock table on a clock the test moves: expiry, ALL and SOME, releases, limits. */
class LockManagerTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final LockManager locks = new LockManager(clock);

    static FeatureKey f(String id) {
        return new FeatureKey("pois", id);
    }

    Acquired lock(boolean all, Duration expiry, FeatureKey... features) {
        return locks.lock(() -> List.of(features), all, expiry);
    }

    static void fails(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    static final TransactionLock NONE = TransactionLock.NONE;

    static TransactionLock with(String lockId, boolean releaseAll) {
        return new TransactionLock(lockId, releaseAll);
    }

    @Test
    void aLockHoldsItsFeaturesUntilItExpires() {
        Acquired a = lock(true, Duration.ofSeconds(20), f("1"), f("2"));
        assertThat(a.locked()).containsExactly(f("1"), f("2"));
        assertThat(a.notLocked()).isEmpty();
        assertThat(a.lockId()).matches("[0-9a-f-]{36}");
        assertThat(locks.holder(f("1"))).contains(a.lockId());

        clock.advance(Duration.ofSeconds(19));
        assertThat(locks.active(a.lockId())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(locks.active(a.lockId())).isFalse();
        assertThat(locks.holder(f("1"))).isEmpty();
        assertThat(locks.lockedFeatureCount()).isZero();
        // the features are free for another lock
        assertThat(lock(true, Duration.ofSeconds(20), f("1")).locked()).containsExactly(f("1"));
    }

    @Test
    void renewingResetsTheExpiryAndAGoneLockHasExpired() {
        Acquired a = lock(true, Duration.ofSeconds(60), f("1"));
        clock.advance(Duration.ofSeconds(50));
        assertThat(locks.renew(a.lockId(), Duration.ofSeconds(60))).containsExactly(f("1"));
        clock.advance(Duration.ofSeconds(50));
        assertThat(locks.active(a.lockId())).isTrue();
        clock.advance(Duration.ofSeconds(10));
        fails(() -> locks.renew(a.lockId(), Duration.ofSeconds(60)), 403, "LockHasExpired");
        fails(() -> locks.renew("lock-does-not-exist", Duration.ofSeconds(60)), 403, "LockHasExpired");
    }

    @Test
    void allLocksEveryFeatureOrNothing() {
        Acquired first = lock(true, Duration.ofSeconds(60), f("2"));
        fails(() -> lock(true, Duration.ofSeconds(180), f("1"), f("2"), f("3")), 400, "CannotLockAllFeatures");
        assertThat(locks.holder(f("1"))).isEmpty();
        assertThat(locks.holder(f("3"))).isEmpty();
        assertThat(locks.lockCount()).isEqualTo(1);
        assertThat(locks.holder(f("2"))).contains(first.lockId());
    }

    @Test
    void someLocksWhatIsFreeAndReportsTheRest() {
        Acquired first = lock(true, Duration.ofSeconds(60), f("2"));
        Acquired some = lock(false, Duration.ofSeconds(60), f("1"), f("2"), f("3"), f("1"));
        assertThat(some.locked()).containsExactly(f("1"), f("3"));
        assertThat(some.notLocked()).containsExactly(f("2"));
        assertThat(locks.holder(f("2"))).contains(first.lockId());
        assertThat(locks.holder(f("3"))).contains(some.lockId());
        // nothing free: SOME still answers a lock id, but nothing takes a place in the lock table
        Acquired none = lock(false, Duration.ofSeconds(60), f("2"));
        assertThat(none.locked()).isEmpty();
        assertThat(none.lockId()).isNotBlank();
        assertThat(locks.active(none.lockId())).isFalse();
    }

    @Test
    void locksOfNothingNeverFillTheTable() {
        LockManager small = new LockManager(clock, 2, 3);
        for (int i = 0; i < 10; i++) {
            assertThat(small.lock(() -> List.of(), false, Duration.ofHours(24)).locked()).isEmpty();
        }
        assertThat(small.lock(() -> List.of(f("1")), true, Duration.ofSeconds(60)).locked()).containsExactly(f("1"));
    }

    @Test
    void lockedFeaturesNeedTheirLockIdToChange() {
        Acquired a = lock(true, Duration.ofSeconds(60), f("1"), f("2"));
        Acquired b = lock(true, Duration.ofSeconds(60), f("3"));
        AtomicInteger writes = new AtomicInteger();
        fails(() -> locks.write(NONE, List.of(f("1")), false, writes::incrementAndGet), 400, "MissingParameterValue");
        fails(() -> locks.write(with(b.lockId(), true), List.of(f("1")), false, writes::incrementAndGet), 400, "InvalidLockId");
        fails(() -> locks.write(with("never-issued", true), List.of(f("9")), false, writes::incrementAndGet), 400,
                "InvalidLockId");
        assertThat(writes).hasValue(0);
        // unlocked features need nothing
        assertThat(locks.write(NONE, List.of(f("9")), false, writes::incrementAndGet)).isEqualTo(1);
        assertThat(locks.active(a.lockId())).isTrue();
        assertThat(locks.active(b.lockId())).isTrue();
    }

    @Test
    void releaseAllEndsTheLockAfterASuccessfulWrite() {
        Acquired a = lock(true, Duration.ofSeconds(60), f("1"), f("2"));
        assertThat(locks.write(with(a.lockId(), true), List.of(f("1")), false, () -> "written")).isEqualTo("written");
        assertThat(locks.active(a.lockId())).isFalse();
        assertThat(locks.holder(f("2"))).isEmpty();
        // a released lock is no longer valid for changes
        fails(() -> locks.write(with(a.lockId(), true), List.of(f("2")), false, () -> 1), 400, "InvalidLockId");
    }

    @Test
    void releaseSomeKeepsTheUntouchedFeaturesForAnotherFullPeriod() {
        Acquired a = lock(true, Duration.ofSeconds(60), f("1"), f("2"), f("3"));
        clock.advance(Duration.ofSeconds(50));
        locks.write(with(a.lockId(), false), List.of(f("1"), f("9")), false, () -> null);
        assertThat(locks.holder(f("1"))).isEmpty();
        assertThat(locks.holder(f("2"))).contains(a.lockId());
        clock.advance(Duration.ofSeconds(59));
        assertThat(locks.active(a.lockId())).as("expiry reset by the transaction").isTrue();
        locks.write(with(a.lockId(), false), List.of(f("2"), f("3")), false, () -> null);
        assertThat(locks.active(a.lockId())).as("nothing left to hold").isFalse();
    }

    @Test
    void aFailedWriteReleasesNothing() {
        Acquired a = lock(true, Duration.ofSeconds(60), f("1"), f("2"));
        assertThatThrownBy(() -> locks.write(with(a.lockId(), true), List.of(f("1")), false, () -> {
            throw new IllegalStateException("constraint violated");
        })).hasMessage("constraint violated");
        assertThat(locks.holder(f("1"))).contains(a.lockId());
        assertThat(locks.holder(f("2"))).contains(a.lockId());
    }

    @Test
    void anExpiredLockHasExpiredForChangesButAReleaseOfItIsNoError() {
        Acquired a = lock(true, Duration.ofSeconds(20), f("1"));
        clock.advance(Duration.ofSeconds(34));
        fails(() -> locks.write(with(a.lockId(), true), List.of(f("1")), false, () -> 1), 403, "LockHasExpired");
        assertThat(locks.write(with(a.lockId(), true), List.of(), true, () -> "released")).isEqualTo("released");
        // and a release-only transaction of a live lock releases it
        Acquired b = lock(true, Duration.ofSeconds(20), f("1"));
        locks.write(with(b.lockId(), true), List.of(), true, () -> null);
        assertThat(locks.active(b.lockId())).isFalse();
    }

    @Test
    void expiryIsCutToTheMaximum() {
        Acquired a = lock(true, Duration.ofDays(30), f("1"));
        clock.advance(LockManager.MAX_EXPIRY.minusSeconds(1));
        assertThat(locks.active(a.lockId())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(locks.active(a.lockId())).isFalse();
        assertThatThrownBy(() -> lock(true, Duration.ZERO, f("1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsOnLocksAndLockedFeatures() {
        LockManager small = new LockManager(clock, 2, 3);
        small.lock(() -> List.of(f("1"), f("2")), true, Duration.ofSeconds(60));
        fails(() -> small.lock(() -> List.of(f("3"), f("4")), true, Duration.ofSeconds(60)), 400,
                "OperationProcessingFailed");
        assertThat(small.lockedFeatureCount()).isEqualTo(2);
        small.lock(() -> List.of(f("3")), true, Duration.ofSeconds(60));
        fails(() -> small.lock(() -> List.of(), true, Duration.ofSeconds(60)), 400, "OperationProcessingFailed");
        // expired locks make room again
        clock.advance(Duration.ofSeconds(60));
        assertThat(small.lock(() -> List.of(f("4"), f("5"), f("6")), true, Duration.ofSeconds(60)).locked()).hasSize(3);
    }

    @Test
    void lockIdsAreUnguessable() {
        Acquired a = lock(false, Duration.ofSeconds(60));
        Acquired b = lock(false, Duration.ofSeconds(60));
        assertThat(a.lockId()).isNotEqualTo(b.lockId());
        assertThat(java.util.UUID.fromString(a.lockId()).version()).isEqualTo(4);
    }
}
