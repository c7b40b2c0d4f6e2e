package io.shikong.api.tiles;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.netty.body.AvailableNettyByteBody;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.RoutingInBoundHandler;
import io.micronaut.http.server.netty.handler.OutboundAccess;
import io.micronaut.http.server.netty.handler.PipeliningServerHandler;
import io.micronaut.http.server.netty.handler.RequestHandler;
import io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.security.ApiKeyAuthenticationFetcher;
import io.shikong.api.security.UserDirectory;
import io.shikong.api.server.RequestLimitFilter;
import io.shikong.api.server.SecurityHeadersFilter;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.security.Caller;
import io.shikong.tiles.Tile;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.TileService;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XYZ tiles answered past Micronaut's router and filters: the common request of a web map (GET
 * {@code /tiles/{set}/{z}/{x}/{y}.{mvt|pbf|png|png8|jpg}?layers=...}, anonymous or with Basic credentials the server has
 * checked before) goes from the event loop straight to the blocking executor, to {@link TileService}, and back
 * to the connection. Measured on the tile benchmark's misses, Micronaut's request path (routing, the reactive
 * filter chain, argument binding, two executors' hand-offs through its execution flows) took ~0.35 ms of CPU
 * per tile on the event loop and the executor, as much as PostgreSQL's own statement for a small tile.
 *
 * <p>The answer is the one {@link TilesController} gives, made by the same code: the request read by
 * {@link TilesController#request}, the tile by {@link TilesController#tile}, status and headers by
 * {@link TileResponses#answer}, the security headers of {@link SecurityHeadersFilter}, the request limit of
 * {@link RequestLimitFilter} (a free place or the normal path), the cache writes after the answer as
 * {@link TileWritesAfterAnswer} does them, Micronaut's Date and Server headers; {@code TileFastPathTest}
 * compares both paths' answers, header by header. Whatever is not that common request is handed to Micronaut
 * unchanged, before any work: other methods and paths, percent-encoded or unknown parameters, CORS
 * ({@code Origin}), API keys, bearer tokens and credentials not checked yet, request bodies, {@code Expect},
 * WebSocket upgrades.
 * So is any request the tile service refuses (unknown set or layer, a tile outside the matrix, a bad
 * instant): Micronaut reads it again and answers it with its error handlers and the audit log, as always.
 *
 * <p>How: Micronaut has no public hook in front of its router. Its HTTP/1 pipeline hands each request to a
 * {@code RequestHandler} (an {@code @Internal} interface) through {@link PipeliningServerHandler}, which keeps
 * answers in order on a kept-alive connection and writes them; this class puts itself in front of that
 * handler (a private field of {@link PipeliningServerHandler}, set by reflection when a connection's pipeline
 * is built), so HTTP/1 framing, keep-alive, pipelining and compression stay Micronaut's. Should a Micronaut
 * upgrade rename the field, the server logs it once and every tile takes the normal path
 * ({@code TileFastPathTest} then fails); {@code shikong.tiles.fast-path: false} turns it off. HTTP/2 streams
 * take the normal path.
 */
@Singleton
@Requires(property = "shikong.tiles.fast-path", notEquals = "false")
public class TileFastPath implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(TileFastPath.class);
    /** The query parameters of a tile this path reads (each at most once); any other sends it down the normal path. */
    private static final Set<String> PARAMETERS = Set.of("layers", "asOf", "style");
    private static final Field REQUEST_HANDLER = handlerField();
    private static final ZoneId GMT = ZoneId.of("GMT");

    private final Provider<Services> services;
    private final ExecutorService blocking;
    private final LongAdder answered = new LongAdder();
    private final AtomicBoolean resolving = new AtomicBoolean();
    /** The services once looked up (on the blocking executor, after the first request): until then, the normal path. */
    private volatile Services resolved;

    public TileFastPath(Provider<Services> services, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.services = services;
        this.blocking = blocking;
    }

    /**
     * What answering a tile takes: looked up on the blocking executor after the first request came (not while
     * the server is being built, nor on an event loop: the tile service opens its cache and listens for changes).
     */
    @Singleton
    @Requires(property = "shikong.tiles.fast-path", notEquals = "false")
    record Services(TileService tiles, LayerCatalog catalog, UserDirectory users, RequestLimitFilter limit,
                    SecurityHeadersFilter security, ShikongConfiguration config, HttpServerConfiguration server) {
    }

    /** The services, or {@code null} while they are not looked up yet (the first call starts that). */
    private Services services() {
        Services s = resolved;
        if (s == null && resolving.compareAndSet(false, true)) {
            try {
                blocking.execute(() -> {
                    try {
                        resolved = services.get();
                    } catch (RuntimeException e) {
                        LOG.warn("tile fast path off: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                resolving.set(false);
            }
        }
        return s;
    }

    /** Tiles answered by this path since start. */
    public long answered() {
        return answered.sum();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        if (REQUEST_HANDLER != null) {
            registry.register(new Customizer(null));
        }
        return registry;
    }

    private static Field handlerField() {
        try {
            Field f = PipeliningServerHandler.class.getDeclaredField("requestHandler");
            if (!RequestHandler.class.isAssignableFrom(f.getType())) {
                throw new NoSuchFieldException("requestHandler is a " + f.getType().getName());
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("瓦片快速通道已关闭 tile fast path off: Micronaut's PipeliningServerHandler has changed ({}); "
                    + "every tile takes the normal request path", e.toString());
            return null;
        }
    }

    /** Puts a {@link Handler} in front of the request handler of each HTTP/1 connection. */
    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null || channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
                return; // HTTP/2, or not a connection
            }
            ChannelHandler h = channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND);
            if (h instanceof PipeliningServerHandler pipelining) {
                try {
                    RequestHandler next = (RequestHandler) REQUEST_HANDLER.get(pipelining);
                    // only in front of the router (or the WebSocket upgrade in front of it), never of another
                    // handler, such as the redirect of plain HTTP to HTTPS
                    if (next instanceof RoutingInBoundHandler || next instanceof NettyServerWebSocketUpgradeHandler) {
                        REQUEST_HANDLER.set(pipelining, new Handler(next));
                    }
                } catch (IllegalAccessException e) {
                    LOG.warn("tile fast path not set on a connection: {}", e.toString());
                }
            }
        }
    }

    /** The tile of an accepted request: what it asked, read on the event loop. */
    private record Job(String set, String z, String x, String file, String layers, String asOf, String style,
                       Caller caller, String acceptEncoding, List<String> ifNoneMatch) {
    }

    /** What {@link RequestHandler#responseWritten} gets for a tile of this path: the place and the cache write. */
    private record Answered(Runnable permit, Runnable afterAnswer) {
    }

    /** One connection's request handler: a tile request it can answer, else Micronaut's handler. */
    private final class Handler implements RequestHandler {
        private final RequestHandler next;

        Handler(RequestHandler next) {
            this.next = next;
        }

        @Override
        public void accept(ChannelHandlerContext ctx, HttpRequest request, CloseableByteBody body, OutboundAccess out) {
            Services s = services();
            Job job = s == null ? null : job(request, s);
            Runnable permit = job == null ? null : s.limit().tryAdmit(ctx.channel());
            if (permit == null) { // not a tile of this path, or every place taken: the filters queue or refuse it
                next.accept(ctx, request, body, out);
                return;
            }
            try {
                blocking.execute(() -> answer(ctx, request, body, out, s, job, permit));
            } catch (RejectedExecutionException e) {
                permit.run();
                next.accept(ctx, request, body, out);
            }
        }

        /** On the blocking executor: the tile and its answer, or (refused, failed) the request to Micronaut. */
        private void answer(ChannelHandlerContext ctx, HttpRequest request, CloseableByteBody body, OutboundAccess out,
                            Services s, Job job, Runnable permit) {
            DefaultHttpResponse response;
            ByteBody content;
            Runnable[] afterAnswer = {null};
            try {
                TileRequest r = TilesController.request(s.tiles(), job.set(), job.z(), job.x(), job.file(), job.layers(),
                        job.asOf(), job.style(), job.caller());
                Tile tile = TilesController.tile(s.tiles(), r, task -> afterAnswer[0] = task);
                TileResponses.Answer a = TileResponses.answer(job.acceptEncoding(), job.ifNoneMatch(), tile.body(),
                        tile.mediaType(), tile.etag(),
                        TilesController.cacheControl(s.catalog(), r.layers(), r.asOf(), s.config().tiles()),
                        r.format().vector());
                response = response(request, a, s);
                content = a.notModified() ? AvailableNettyByteBody.empty()
                        : new AvailableNettyByteBody(Unpooled.wrappedBuffer(a.body()));
            } catch (Throwable e) {
                // refused or failed: Micronaut reads the request again and answers it as every other (problem+json,
                // the audit log, 5xx logged); the work is done twice only for such requests
                permit.run();
                ctx.channel().eventLoop().execute(() -> next.accept(ctx, request, body, out));
                return;
            }
            body.close();
            answered.increment();
            ctx.channel().eventLoop().execute(() -> {
                out.attachment(new Answered(permit, afterAnswer[0]));
                out.write(response, content);
            });
        }

        /** The status and headers of an answer, as the normal path writes them (Content-Length is Micronaut's). */
        private DefaultHttpResponse response(HttpRequest request, TileResponses.Answer a, Services s) {
            DefaultHttpResponse r = new DefaultHttpResponse(request.protocolVersion(),
                    a.notModified() ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK);
            HttpHeaders h = r.headers();
            if (!a.notModified()) {
                h.add(HttpHeaderNames.CONTENT_TYPE, a.mediaType());
            }
            a.headers(h::add);
            for (Map.Entry<String, String> e : s.security().headers()) {
                h.add(e.getKey(), e.getValue());
            }
            if (s.server().isDateHeader()) {
                h.add(HttpHeaderNames.DATE, ZonedDateTime.now(GMT).format(DateTimeFormatter.RFC_1123_DATE_TIME));
            }
            s.server().getServerHeader().ifPresent(v -> h.add(HttpHeaderNames.SERVER, v));
            return r;
        }

        /**
         * The tile a request asks for when this path may answer it, else {@code null}: a GET of
         * {@code /tiles/{set}/{z}/{x}/{y}.{ext}} (a tile format's extension) with {@code layers} and perhaps {@code asOf} and {@code style},
         * each once, nothing percent-encoded, no body, no CORS, anonymous or with Basic credentials checked before.
         */
        private Job job(HttpRequest request, Services s) {
            String uri = request.uri();
            if (request.method() != HttpMethod.GET || !uri.startsWith("/tiles/") || uri.indexOf('%') >= 0
                    || uri.indexOf('+') >= 0 || !request.decoderResult().isSuccess()) {
                return null;
            }
            HttpHeaders h = request.headers();
            if (h.contains(HttpHeaderNames.ORIGIN) || h.contains(ApiKeyAuthenticationFetcher.HEADER)
                    || h.contains(HttpHeaderNames.EXPECT) || h.contains(HttpHeaderNames.TRANSFER_ENCODING)
                    || h.containsValue(HttpHeaderNames.UPGRADE, "websocket", true)
                    || (h.contains(HttpHeaderNames.CONTENT_LENGTH) && !"0".equals(h.get(HttpHeaderNames.CONTENT_LENGTH)))) {
                return null;
            }
            QueryStringDecoder q = new QueryStringDecoder(uri);
            String[] path = q.path().split("/", -1); // "", "tiles", set, z, x, file
            if (path.length != 6 || path[2].isEmpty() || path[3].isEmpty() || path[4].isEmpty()) {
                return null;
            }
            String file = path[5];
            int dot = file.lastIndexOf('.');
            if (dot < 0 || TileFormat.find(file.substring(dot + 1)).isEmpty()) {
                return null;
            }
            Map<String, List<String>> params = q.parameters();
            for (Map.Entry<String, List<String>> p : params.entrySet()) {
                if (!PARAMETERS.contains(p.getKey()) || p.getValue().size() != 1) {
                    return null;
                }
            }
            String layers = first(params, "layers");
            Caller caller = caller(h, s);
            if (layers == null || caller == null) {
                return null;
            }
            return new Job(path[2], path[3], path[4], file, layers, first(params, "asOf"), first(params, "style"),
                    caller, h.get(HttpHeaderNames.ACCEPT_ENCODING), h.getAll(HttpHeaderNames.IF_NONE_MATCH));
        }

        /**
         * The caller: anonymous without an Authorization header, the user of {@code Basic} credentials that
         * were checked before ({@link UserDirectory#rememberedBasic}, as {@code BasicAuthenticationProvider} finds
         * them first), else {@code null} (the normal path checks them, and remembers them when right).
         */
        private static Caller caller(HttpHeaders h, Services s) {
            List<String> authorization = h.getAll(HttpHeaderNames.AUTHORIZATION);
            if (authorization.isEmpty()) {
                return Caller.ANONYMOUS;
            }
            String value = authorization.get(0);
            if (authorization.size() > 1 || !value.startsWith("Basic ")) {
                return null;
            }
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = pair.indexOf(':');
            return colon <= 0 ? null : s.users().rememberedBasic(pair.substring(0, colon), pair.substring(colon + 1));
        }

        private static String first(Map<String, List<String>> params, String name) {
            List<String> v = params.get(name);
            return v == null ? null : v.get(0);
        }

        @Override
        public void handleUnboundError(Throwable cause) {
            next.handleUnboundError(cause);
        }

        @Override
        public void responseWritten(Object attachment) {
            if (attachment instanceof Answered a) {
                a.permit().run();
                if (a.afterAnswer() != null) {
                    a.afterAnswer().run();
                }
            } else {
                next.responseWritten(attachment);
            }
        }

        @Override
        public void removed() {
            next.removed();
        }
    }
}
