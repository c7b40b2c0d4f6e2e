package io.shikong.ows.wfs.lock;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The WFS lock table (WFS 2.0, 09-025r2 §12 LockFeature, §13 GetFeatureWithLock, §15.2.3.1 lockId and
 * releaseAction): which features are locked, by which lock, until when. A feature is held by at most one
 * lock; a lock is known by a random UUID, which is all a client needs to use, renew or release it (the id
 * is the credential, so it must be unguessable). Features are named by layer and store id, never by a
 * query: a lock protects exactly the features that matched when it was taken.
 *
 * <p><b>Where locks live.</b> In this process's memory, one table for every request of the process (a
 * singleton of the composition root, {@code CoreFactory}). Locks are lost at restart, and several API
 * nodes behind a load balancer would each keep their own table, so a lock taken through one node would not
 * protect its features from a transaction sent to another. Running several nodes needs this table in
 * PostgreSQL (lock rows with their expiry, checked in the write's own database transaction); that is not
 * built.
 *
 * <p><b>Expiry</b> is checked lazily: every operation first sweeps the locks whose time is up (only when
 * the earliest expiry has passed), so an expired lock never holds a feature, and the ids of the last
 * {@value #REMEMBERED_ENDED_LOCKS} ended locks are remembered to tell "expired" from "never issued".
 *
 * <p><b>Limits.</b> At most {@link #MAX_LOCKS} locks and {@link #MAX_LOCKED_FEATURES} locked features at
 * once, and an expiry of at most {@link #MAX_EXPIRY}; a request that would pass a limit is refused with a
 * 400 and locks nothing.
 *
 * <p><b>Thread safety.</b> The tables are guarded by this object's monitor. Besides, a transaction
 * checks the locks and writes under the read side of a read-write lock, and a lock is taken (its features
 * resolved and recorded) under the write side: no lock is granted on a feature between a transaction's
 * check and its commit, and transactions run concurrently with each other.
 */
public final class LockManager {

    /** WFS 2.0's default lock duration (300 s; WFS 1.1's 5 minutes is the same). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(300);
    /** The longest lock a client gets; a longer expiry is cut to this. */
    public static final Duration MAX_EXPIRY = Duration.ofHours(24);
    /** Locks held at once, every client together. */
    public static final int MAX_LOCKS = 1_000;
    /** Features locked at once, every lock together (about 200 bytes each). */
    public static final int MAX_LOCKED_FEATURES = 100_000;
    /** Ended (expired or released) lock ids remembered for the error a late client gets. */
    static final int REMEMBERED_ENDED_LOCKS = 10_000;

    /** A feature: its layer and its id in the store (the gml:id is {@link #rid()}). */
    public record FeatureKey(String layer, String id) {
        public FeatureKey {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(id, "id");
        }

        /** The resource id WFS writes for the feature (its gml:id), {@code layer.id}. */
        public String rid() {
            return layer + "." + id;
        }
    }

    /**
     * The outcome of taking a lock.
     *
     * @param locked    the features the new lock holds, in request order
     * @param notLocked the features asked for that another lock holds (lockAction SOME only)
     */
    public record Acquired(String lockId, List<FeatureKey> locked, List<FeatureKey> notLocked) {
    }

    private enum Ended { EXPIRED, RELEASED }

    private static final class Lock {
        final String id;
        final Set<FeatureKey> features = new LinkedHashSet<>();
        Duration duration;
        Instant expires;

        Lock(String id, Duration duration, Instant expires) {
            this.id = id;
            this.duration = duration;
            this.expires = expires;
        }
    }

    private final Clock clock;
    private final int maxLocks;
    private final int maxFeatures;
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<FeatureKey, Lock> owners = new HashMap<>();
    private final Map<String, Ended> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
            return size() > REMEMBERED_ENDED_LOCKS;
        }
    };
    /** No lock expires before this; {@code null} when there are no locks. */
    private Instant nextExpiry;

    /** The lock table on the system clock, with the standard limits. */
    public LockManager() {
        this(Clock.systemUTC());
    }

    /** A lock table on the given clock (tests move time forward with it). */
    public LockManager(Clock clock) {
        this(clock, MAX_LOCKS, MAX_LOCKED_FEATURES);
    }

    /** A lock table with other limits (tests). */
    public LockManager(Clock clock, int maxLocks, int maxLockedFeatures) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxLocks < 1 || maxLockedFeatures < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxLocks = maxLocks;
        this.maxFeatures = maxLockedFeatures;
    }

    /** The most features one request can lock (all locks together may not hold more). */
    public int maxLockedFeatures() {
        return maxFeatures;
    }

    /**
     * Takes a new lock on the features {@code features} supplies; the supplier runs while no transaction
     * is between its lock check and its commit, so the features it resolves cannot change until they are
     * locked.
     *
     * @param all    lockAction ALL: every feature or none ({@code CannotLockAllFeatures} when another lock
     *               holds one); SOME: those no other lock holds, the rest reported as not locked
     * @param expiry how long the lock lasts unless released (cut to {@link #MAX_EXPIRY})
     */
    public Acquired lock(Supplier<? extends Collection<FeatureKey>> features, boolean all, Duration expiry) {
        Duration duration = duration(expiry);
        writes.writeLock().lock();
        try {
            Set<FeatureKey> asked = new LinkedHashSet<>(features.get());
            synchronized (this) {
                Instant now = clock.instant();
                sweep(now);
                if (locks.size() >= maxLocks) {
                    throw tooMany(maxLocks + " locks are held, the most this server keeps; release locks or let them expire");
                }
                List<FeatureKey> locked = new ArrayList<>();
                List<FeatureKey> notLocked = new ArrayList<>();
                for (FeatureKey f : asked) {
                    (owners.containsKey(f) ? notLocked : locked).add(f);
                }
                if (all && !notLocked.isEmpty()) {
                    throw new ShikongException(OgcCode.CANNOT_LOCK_ALL_FEATURES, "lockAction", notLocked.size() + " of the "
                            + asked.size() + " features are locked by another lock (e.g. " + notLocked.get(0).rid()
                            + "); lock them later, or with lockAction SOME");
                }
                if (owners.size() + locked.size() > maxFeatures) {
                    throw tooMany("locking " + locked.size() + " more features would pass the " + maxFeatures
                            + " features this server keeps locked; lock fewer features");
                }
                if (locked.isEmpty()) {
                    // nothing to hold: the answer has a lock id, but no lock takes a place in the table
                    // (renewing or using it is then an InvalidLockId)
                    return new Acquired(UUID.randomUUID().toString(), List.of(), List.copyOf(notLocked));
                }
                Lock lock = new Lock(UUID.randomUUID().toString(), duration, now.plus(duration));
                for (FeatureKey f : locked) {
                    lock.features.add(f);
                    owners.put(f, lock);
                }
                locks.put(lock.id, lock);
                nextExpiry = nextExpiry == null || lock.expires.isBefore(nextExpiry) ? lock.expires : nextExpiry;
                return new Acquired(lock.id, List.copyOf(locked), List.copyOf(notLocked));
            }
        } finally {
            writes.writeLock().unlock();
        }
    }

    /**
     * Resets an active lock's expiry (LockFeature with a lockId, §12.2.4.3) to {@code expiry} from now.
     *
     * @return the features the lock holds
     * @throws ShikongException 403 {@code LockHasExpired} when the lock is not active
     */
    public synchronized List<FeatureKey> renew(String lockId, Duration expiry) {
        Duration duration = duration(expiry);
        Instant now = clock.instant();
        sweep(now);
        Lock lock = lockId == null ? null : locks.get(lockId);
        if (lock == null) {
            throw lockHasExpired(lockId);
        }
        lock.duration = duration;
        lock.expires = now.plus(duration);
        nextExpiry = nextExpiry == null || lock.expires.isBefore(nextExpiry) ? lock.expires : nextExpiry;
        return List.copyOf(lock.features);
    }

    /** Whether the lock exists and has not expired or been released. */
    public synchronized boolean active(String lockId) {
        sweep(clock.instant());
        return lockId != null && locks.containsKey(lockId);
    }

    /** The id of the lock that holds the feature, if one does. */
    public synchronized Optional<String> holder(FeatureKey feature) {
        sweep(clock.instant());
        Lock lock = owners.get(feature);
        return lock == null ? Optional.empty() : Optional.of(lock.id);
    }

    /** Releases every feature of a lock and ends it; nothing happens when it is not active. */
    public synchronized void release(String lockId) {
        sweep(clock.instant());
        Lock lock = lockId == null ? null : locks.get(lockId);
        if (lock != null) {
            end(lock, Ended.RELEASED);
        }
    }

    /** Locks held now. */
    public synchronized int lockCount() {
        sweep(clock.instant());
        return locks.size();
    }

    /** Features locked now, every lock together. */
    public synchronized int lockedFeatureCount() {
        sweep(clock.instant());
        return owners.size();
    }

    /**
     * Runs a transaction's write under the lock rules (§15.2.3.1): every feature it updates, replaces or
     * deletes that a lock holds must be held by the transaction's lock, which must be active. After a
     * successful write the lock is released as the releaseAction says: ALL ends it, SOME releases the
     * touched features and gives the rest the lock's full duration again (the lock ends when nothing is
     * left). When the write throws, no lock is released.
     *
     * @param lock        the transaction's lockId (or none) and releaseAction
     * @param touched     the features the transaction updates, replaces or deletes
     * @param releaseOnly the transaction has no actions and only releases its lock: an expired or unknown
     *                    lock is then no error, since there is nothing left to release
     * @param write       the store write; run at most once
     * @throws ShikongException 400 {@code MissingParameterValue} (locator lockId) when a touched feature is
     *                          locked and no lockId is given; 403 {@code LockHasExpired} when the lock
     *                          expired; 400 {@code InvalidLockId} when the server never issued it, it was
     *                          released, or another lock holds a touched feature
     */
    public <T> T write(TransactionLock lock, Collection<FeatureKey> touched, boolean releaseOnly, Supplier<T> write) {
        String lockId = lock.lockId();
        writes.readLock().lock();
        try {
            synchronized (this) {
                sweep(clock.instant());
                Lock held = lockId == null ? null : locks.get(lockId);
                if (lockId != null && held == null && !releaseOnly) {
                    throw inactive(lockId);
                }
                for (FeatureKey f : touched) {
                    Lock owner = owners.get(f);
                    if (owner == null || owner == held) {
                        continue;
                    }
                    if (lockId == null) {
                        throw new ShikongException(OgcCode.MISSING_PARAMETER_VALUE, "lockId", "feature " + f.rid()
                                + " is locked; send the lockId of its lock to change it");
                    }
                    throw new ShikongException(OgcCode.INVALID_LOCK_ID, "lockId", "feature " + f.rid()
                            + " is held by another lock, not by lock " + lockId);
                }
            }
            T result = write.get();
            if (lockId != null) {
                synchronized (this) {
                    Lock held = locks.get(lockId);
                    if (held != null) {
                        if (lock.releaseAll()) {
                            end(held, Ended.RELEASED);
                        } else {
                            for (FeatureKey f : touched) {
                                if (held.features.remove(f)) {
                                    owners.remove(f);
                                }
                            }
                            if (held.features.isEmpty()) {
                                end(held, Ended.RELEASED);
                            } else {
                                held.expires = clock.instant().plus(held.duration);
                            }
                        }
                    }
                }
            }
            return result;
        } finally {
            writes.readLock().unlock();
        }
    }

    /** 403 LockHasExpired: what LockFeature answers for a lock that is not active (§12.2.4.2, Table D.2). */
    public static ShikongException lockHasExpired(String lockId) {
        return new ShikongException(OgcCode.LOCK_HAS_EXPIRED, "lockId", "lock " + lockId
                + " has expired or does not exist");
    }

    /** The error for a transaction naming a lock that is not active. */
    private ShikongException inactive(String lockId) {
        Ended e = ended.get(lockId);
        if (e == Ended.EXPIRED) {
            return new ShikongException(OgcCode.LOCK_HAS_EXPIRED, "lockId", "lock " + lockId + " has expired");
        }
        return new ShikongException(OgcCode.INVALID_LOCK_ID, "lockId", e == Ended.RELEASED
                ? "lock " + lockId + " was released by an earlier transaction"
                : "this server holds no lock " + lockId);
    }

    private static ShikongException tooMany(String message) {
        return new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, "lockId", message);
    }

    private static Duration duration(Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive: " + expiry);
        }
        return expiry.compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : expiry;
    }

    /** Ends the locks whose time is up; cheap when none is. Caller holds the monitor. */
    private void sweep(Instant now) {
        if (nextExpiry == null || now.isBefore(nextExpiry)) {
            return;
        }
        Instant next = null;
        for (Iterator<Lock> it = locks.values().iterator(); it.hasNext(); ) {
            Lock lock = it.next();
            if (!now.isBefore(lock.expires)) {
                it.remove();
                lock.features.forEach(owners::remove);
                ended.put(lock.id, Ended.EXPIRED);
            } else if (next == null || lock.expires.isBefore(next)) {
                next = lock.expires;
            }
        }
        nextExpiry = next;
    }

    /** Removes a lock and frees its features. Caller holds the monitor. */
    private void end(Lock lock, Ended why) {
        locks.remove(lock.id);
        lock.features.forEach(owners::remove);
        ended.put(lock.id, why);
        if (locks.isEmpty()) {
            nextExpiry = null;
        }
    }
}
