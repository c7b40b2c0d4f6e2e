package io.shikong.api.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.shikong.core.security.AuditEntry;
import io.shikong.core.security.AuditLog;
import io.shikong.core.store.FeatureStore;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries to the {@link AuditLog} on a thread of its own, in batches, so that no request waits
 * for the log's database: a bounded queue ({@code shikong.security.audit.queue-size}); when it is full an
 * entry is dropped and counted (a warning says how many), rather than slowing every request. Every so
 * often the log is pruned to {@code shikong.security.audit.max-entries}.
 *
 * <p>It also learns which layers a request changed: the store tells its listeners of each committed change
 * on the writing thread, inside the request's context, and the layer is noted on that request
 * ({@link #CHANGED}) for {@link AuditFilter}.
 */
// created at start (@Context), not by the first request: its table and first prune then happen before any
// request can have emptied the connection pool, which would have made that request a 500
@Context
public class Auditor {

    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    /** The request attribute holding the layers the request changed. */
    static final String CHANGED = "shikong.audit.changed";
    private static final int BATCH = 500;
    private static final long PRUNE_EVERY = 1000;

    private final AuditLog log;
    private final long maxEntries;
    private final BlockingQueue<AuditEntry> queue;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    public Auditor(AuditLog log, SecurityConfiguration security, FeatureStore store) {
        this.log = log;
        this.maxEntries = security.audit().maxEntries();
        this.queue = new ArrayBlockingQueue<>(security.audit().queueSize());
        store.addChangeListener(event -> {
            if (!event.remote()) {
                ServerRequestContext.currentRequest().ifPresent(r -> changed(r).add(event.layer()));
            }
        });
        this.writer = new Thread(this::run, "shikong-audit");
        writer.setDaemon(true);
        writer.start();
        try {
            log.prune(maxEntries);
        } catch (RuntimeException e) {
            LOG.warn("cannot prune the audit log: {}", e.getMessage());
        }
    }

    /** The layers the request changed so far (a live set the store's listener adds to). */
    @SuppressWarnings("unchecked")
    static Set<String> changed(HttpRequest<?> request) {
        synchronized (request) {
            Set<String> set = request.getAttribute(CHANGED, Set.class).orElse(null);
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                request.setAttribute(CHANGED, set);
            }
            return set;
        }
    }

    /** Queues an entry; never blocks. */
    public void record(AuditEntry entry) {
        if (queue.offer(entry)) {
            enqueued.incrementAndGet();
        } else if (dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("audit queue full (shikong.security.audit.queue-size): {} entries dropped so far", dropped.get());
        }
    }

    /** Waits (at most {@code millis}) until every entry queued before this call is in the log. */
    public void flush(long millis) {
        long target = enqueued.get();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (written) {
            while (written.get() < target && System.nanoTime() < until) {
                try {
                    written.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Entries dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        long sincePrune = 0;
        while (!closing || !queue.isEmpty()) {
            try {
                AuditEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                try {
                    log.append(batch);
                } catch (RuntimeException e) {
                    LOG.warn("cannot write {} audit entries: {}", batch.size(), e.getMessage());
                }
                sincePrune += batch.size();
                synchronized (written) {
                    written.addAndGet(batch.size());
                    written.notifyAll();
                }
                batch.clear();
                if (sincePrune >= PRUNE_EVERY) {
                    sincePrune = 0;
                    try {
                        log.prune(maxEntries);
                    } catch (RuntimeException e) {
                        LOG.warn("cannot prune the audit log: {}", e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        closing = true;
        writer.join(5000);
    }
}
