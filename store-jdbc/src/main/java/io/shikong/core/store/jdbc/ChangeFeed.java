package io.shikong.core.store.jdbc;

import io.shikong.core.store.ChangeEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change log of a database that other processes write (PostGIS): a daemon thread on a dedicated
 * connection, not one of the pool, subscribed to the change notifications ({@code LISTEN shikong_changes}).
 * On a notification, and every half minute in any case, it reads the log rows after the last sequence it
 * saw, oldest first, and hands those other processes wrote to the store as remote events; its own are
 * skipped (the row's origin). When the connection drops it reconnects with a growing pause (0.1 s up to
 * 15 s) and, once listening again, reads everything it missed. When the log was pruned past what it saw,
 * it reports every layer as changed everywhere (no boxes, valid from {@link java.time.Instant#MIN}).
 */
final class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int WAIT_MILLIS = 1000;
    private static final int POLL_EVERY_WAITS = 30;
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 15_000;
    private static final int BATCH = 1000;

    /** Opens the feed's own connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final SqlDialect dialect;
    private final ChangeLog log;
    private final String origin;
    private final Consumer<ChangeEvent> sink;
    private final Supplier<List<String>> layers;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long lastSeen;
    private volatile boolean closed;
    private volatile Connection connection;

    /**
     * @param lastSeen the sequence the store had reached when it started: only later changes are reported
     * @param origin   this store's origin in the log; its rows are skipped
     * @param sink     where remote events go (the store, which tells its listeners)
     * @param layers   every layer name, for the events of a gap in the log
     */
    ChangeFeed(Opener opener, SqlDialect dialect, ChangeLog log, long lastSeen, String origin,
               Consumer<ChangeEvent> sink, Supplier<List<String>> layers) {
        this.opener = opener;
        this.dialect = dialect;
        this.log = log;
        this.lastSeen = lastSeen;
        this.origin = origin;
        this.sink = sink;
        this.layers = layers;
        this.thread = new Thread(this::run, "shikong-change-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** How many times the feed has connected and subscribed (1 after the first connection). */
    int connections() {
        return connections.get();
    }

    /** The newest sequence the feed has read. */
    long lastSeen() {
        return lastSeen;
    }

    /** Stops the thread and closes its connection. */
    void stop() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the change feed connection", e);
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long pause = FIRST_PAUSE_MILLIS;
        while (!closed) {
            Connection c = null;
            try {
                c = opener.open();
                connection = c;
                if (closed) {
                    break;
                }
                c.setAutoCommit(true);
                dialect.listenForChanges(c);
                // subscribed first, then read: nothing committed in between is missed
                catchUp(c);
                if (connections.incrementAndGet() > 1) {
                    LOG.info("change feed: listening again, caught up to change {}", lastSeen);
                }
                pause = FIRST_PAUSE_MILLIS;
                int waits = 0;
                while (!closed) {
                    if (dialect.awaitChanges(c, WAIT_MILLIS) || ++waits >= POLL_EVERY_WAITS) {
                        waits = 0;
                        catchUp(c);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn("change feed: the connection failed ({}); reconnecting in {} ms", e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    if (closed) {
                        break;
                    }
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            } finally {
                connection = null;
                if (c != null) {
                    try {
                        if (!c.isClosed()) {
                            dialect.unlistenForChanges(c);
                        }
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("ending the change feed subscription", e);
                    }
                    try {
                        c.close();
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("closing the change feed connection", e);
                    }
                }
            }
        }
    }

    /** Reads and reports every row after {@link #lastSeen}. */
    private void catchUp(Connection c) throws SQLException {
        while (!closed) {
            long seen = lastSeen;
            List<ChangeLog.Row> rows = log.after(c, seen, BATCH);
            // read after the rows: a pruning that raced the read shows here
            long pruned = log.prunedThrough(c);
            if (pruned > seen) {
                LOG.warn("change feed: the change log was pruned past change {} (now from {}); every layer is "
                        + "reported changed", seen, pruned);
                for (String layer : layers.get()) {
                    sink.accept(new ChangeEvent(pruned, layer, List.of(), Instant.MIN, true));
                }
                seen = pruned;
            }
            for (ChangeLog.Row row : rows) {
                if (row.seq() <= seen) {
                    continue;
                }
                seen = row.seq();
                if (!origin.equals(row.origin())) {
                    sink.accept(row.event(true));
                }
            }
            lastSeen = seen;
            if (rows.size() < BATCH) {
                return;
            }
        }
    }
}
