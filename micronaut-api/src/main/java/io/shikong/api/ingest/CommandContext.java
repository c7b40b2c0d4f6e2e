package io.shikong.api.ingest;

import io.micronaut.context.ApplicationContext;
import io.shikong.core.security.Caller;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The beans of the server without its HTTP layer, for {@code shikong ingest|export}: the same
 * configuration ({@code application.yml}, the {@code SHIKONG_*} variables, {@code -D} properties), so the
 * command line loads into the store the server serves. A store that cannot be opened (the embedded file
 * held by a running server, PostGIS down or refusing the credentials) is a {@link StoreUnavailable} with a
 * message saying which, for exit status 4.
 */
final class CommandContext {

    /**
     * Who the command line loads and exports as: a system caller with the {@code admin} role (whoever may
     * run the command on the machine and read its configuration may already reach the store directly).
     */
    static final Caller CLI = Caller.of("shikong-cli", Caller.ADMIN);

    private CommandContext() {
    }

    /** The store could not be opened. */
    static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Starts the beans; a store that cannot be opened is a {@link StoreUnavailable}. */
    static ApplicationContext start() {
        ApplicationContext ctx = ApplicationContext.builder().build();
        try {
            return ctx.start();
        } catch (RuntimeException e) {
            String kind = ctx.getEnvironment().getProperty("shikong.store.kind", String.class).orElse("embedded");
            String file = ctx.getEnvironment().getProperty("shikong.store.file", String.class).orElse("data/shikong");
            String url = ctx.getEnvironment().getProperty("shikong.store.url", String.class).orElse("");
            try {
                ctx.close();
            } catch (RuntimeException ignored) {
                // closing what did not start
            }
            Optional<SQLException> sql = sqlCause(e);
            if (sql.isEmpty()) {
                throw e;
            }
            SQLException s = sql.get();
            if (kind.trim().equalsIgnoreCase("embedded") && (s.getErrorCode() == 90020
                    || String.valueOf(s.getMessage()).contains("already in use"))) {
                throw new StoreUnavailable("服务正在使用数据文件 " + file + ".mv.db，请先停止服务或改用 PostGIS / the server holds "
                        + "the data file " + file + ".mv.db; stop it or use PostGIS (SHIKONG_STORE=postgis)", e);
            }
            throw new StoreUnavailable("无法打开存储 / the store cannot be opened (" + kind.trim() + (kind.trim()
                    .equalsIgnoreCase("postgis") ? " " + url : " " + file) + "): " + s.getMessage(), e);
        }
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
