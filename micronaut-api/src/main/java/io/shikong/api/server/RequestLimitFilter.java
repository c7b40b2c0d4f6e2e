package io.shikong.api.server;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.rest.root.ApiRootController;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * At most {@code shikong.server.max-concurrent-requests} expensive requests execute at once: maps,
 * features, tiles, red-line checks, every OGC and REST request but the health probes, the API root and
 * OpenAPI documents and CORS preflights. A streamed answer holds its place until its last byte is written
 * or its connection is gone (the client left, or {@code micronaut.server.idle-timeout} closed a stalled
 * one), so on PostGIS, with fewer places than pooled connections, slow readers never hold every
 * connection. Up to {@code max-queued-requests} more wait, each at most {@code queue-timeout}; beyond
 * that the answer is 503 with Retry-After at once: no queue without end.
 *
 * <p>A {@link Semaphore} is the whole mechanism: Micronaut has no concurrency limit of its own, and a
 * library bulkhead would be the same semaphore. A request that finds a free place takes it on the event loop
 * (a {@code tryAcquire}, no thread hand-off: the controller's executor is the request's first and only one);
 * only a request that must wait goes to the blocking executor, which it holds while it waits, so only as
 * many threads as the queue holds, and never an event loop.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLimitFilter implements Ordered {

    static final String PERMIT = "shikong.request-permit";

    private final Semaphore running;
    private final int limit;
    private final int maxQueued;
    private final long queueTimeoutMillis;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final Unavailable unavailable;
    private final Scheduler blocking;

    public RequestLimitFilter(ShikongConfiguration config, Unavailable unavailable,
                              @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.limit = config.server().maxConcurrentRequests();
        this.running = new Semaphore(limit, true);
        this.maxQueued = config.server().maxQueuedRequests();
        this.queueTimeoutMillis = config.server().queueTimeout().toMillis();
        this.unavailable = unavailable;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /** Before authentication and everything else: a refused request costs nothing. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    /** Whether the request is one of the cheap ones that never wait: probes, documents, preflights. */
    static boolean exempt(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getMethod() == HttpMethod.OPTIONS || path.equals("/") || path.equals("/health")
                || path.startsWith("/health/") || path.equals("/api/v1") || path.equals("/api/v1/")
                || path.equals(ApiRootController.OPENAPI_PATH) || path.startsWith("/swagger/");
    }

    /**
     * Admits the request, on the event loop when a place is free (no thread hand-off for the usual case);
     * when every place is taken, the request waits for one on the blocking executor (at most
     * {@code queue-timeout}, at most {@code max-queued-requests} of them), and goes on from there.
     */
    @RequestFilter
    public Publisher<HttpResponse<?>> admit(HttpRequest<?> request, FilterContinuation<Publisher<HttpResponse<?>>> chain) {
        if (exempt(request)) {
            return chain.proceed();
        }
        if (running.tryAcquire()) {
            hold(request);
            return chain.proceed();
        }
        if (waiting.incrementAndGet() > maxQueued) {
            waiting.decrementAndGet();
            refused.incrementAndGet();
            return Mono.just(unavailable.answer(request, "the service is busy: " + limit + " requests are running "
                    + "(shikong.server.max-concurrent-requests) and " + maxQueued + " more are waiting "
                    + "(shikong.server.max-queued-requests); retry in " + unavailable.retryAfter() + " s", null));
        }
        return Mono.fromCallable(() -> Optional.<HttpResponse<?>>ofNullable(await(request)))
                .subscribeOn(blocking)
                .flatMap(refusal -> refusal.isPresent() ? Mono.just(refusal.get()) : Mono.from(chain.proceed()));
    }

    /** Waits for a place (a blocking executor's thread, counted in {@code waiting}): null when admitted, else the 503. */
    private MutableHttpResponse<?> await(HttpRequest<?> request) {
        boolean admitted;
        try {
            admitted = running.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        } finally {
            waiting.decrementAndGet();
        }
        if (!admitted) {
            return refuse(request);
        }
        hold(request);
        return null;
    }

    /** The request holds a place (taken): given back by {@link #release}, or by its connection's close. */
    private void hold(HttpRequest<?> request) {
        Permit permit = new Permit(running);
        request.setAttribute(PERMIT, permit);
        if (request instanceof NettyHttpRequest<?> netty) {
            releaseOnClose(permit, netty.getChannelHandlerContext().channel());
        }
    }

    /**
     * A place for a request answered past the filters ({@code io.shikong.api.tiles.TileFastPath}), taken only
     * when one is free (never waits): the task that gives it back (once, whoever calls it first; the
     * connection's close gives it back too), or {@code null} when every place is taken, for the filters to
     * queue or refuse the request as they do every other.
     */
    public Runnable tryAdmit(io.netty.channel.Channel channel) {
        if (!running.tryAcquire()) {
            return null;
        }
        Permit permit = new Permit(running);
        releaseOnClose(permit, channel);
        return permit::release;
    }

    /**
     * Should the answer never be written (the channel closed before it), the connection's close gives the
     * place back; a kept-alive connection serves many requests, so its listener goes with the place.
     */
    private static void releaseOnClose(Permit permit, io.netty.channel.Channel channel) {
        io.netty.channel.ChannelFuture closed = channel.closeFuture();
        io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<? super Void>> onClose =
                f -> permit.release();
        permit.whenReleased(() -> closed.removeListener(onClose));
        closed.addListener(onClose);
    }

    /** Gives the place back when the answer is whole: a streamed body's end, error or cancel, else now. */
    @ResponseFilter
    public void release(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Permit permit = request.getAttribute(PERMIT, Permit.class).orElse(null);
        if (permit == null) {
            return;
        }
        Object body = response.body();
        if (body instanceof Publisher<?> publisher) {
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
            r.body(Flux.from(publisher).doFinally(signal -> permit.release()));
        } else {
            permit.release();
        }
    }

    private MutableHttpResponse<?> refuse(HttpRequest<?> request) {
        refused.incrementAndGet();
        return unavailable.answer(request, "the service is busy: " + limit + " requests are running "
                + "(shikong.server.max-concurrent-requests) and no place came free within "
                + queueTimeoutMillis + " ms (shikong.server.queue-timeout); retry in " + unavailable.retryAfter()
                + " s", null);
    }

    /** Requests answered 503 because the service was busy, since start. */
    public long refused() {
        return refused.get();
    }

    /** Requests waiting for a place now. */
    public int waiting() {
        return waiting.get();
    }

    /** Requests executing now. */
    public int running() {
        return limit - running.availablePermits();
    }

    /** One request's place, given back once whatever ends it first. */
    static final class Permit {
        private final Semaphore semaphore;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile Runnable then = () -> { };

        Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        void whenReleased(Runnable r) {
            then = r;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
                then.run();
            }
        }
    }
}
