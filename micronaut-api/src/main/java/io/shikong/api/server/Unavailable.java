package io.shikong.api.server;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.error.Problems;
import io.shikong.api.ows.OwsErrors;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The 503 answers: the service is busy ({@link RequestLimitFilter}) or its store cannot be reached (the
 * database restarting, the pool empty for {@code shikong.server.connection-wait}). Both carry Retry-After;
 * an OGC exception report on the OGC paths, problem+json elsewhere; never the store's own message.
 */
@Singleton
public class Unavailable {

    private final int retryAfter;
    private final String connectionWait;

    public Unavailable(ShikongConfiguration config) {
        this.retryAfter = config.server().retryAfter();
        this.connectionWait = config.server().connectionWait().toMillis() + " ms";
    }

    /**
     * Whether {@code t} (or a cause) says the store cannot be reached now rather than that something is
     * wrong: no pooled connection within the wait, a refused or broken connection (SQLState class 08), the
     * server shutting down or starting (57P01–57P03).
     */
    public static boolean storeDown(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof java.net.ConnectException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // HikariCP closes a connection whose error said it broke and puts a closed proxy in its place; a
            // later call on it (a rollback or setAutoCommit in a finally, masking the first error) says only this
            if (c instanceof SQLException s && s.getSQLState() == null && "Connection is closed".equals(s.getMessage())) {
                return true;
            }
            for (Throwable suppressed : c.getSuppressed()) {
                if (suppressed != c && storeDown(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 503 of a request that failed because the store cannot be reached. */
    public MutableHttpResponse<?> storeDown(HttpRequest<?> request) {
        return answer(request, "the data store cannot be reached now (no database connection within "
                + "shikong.server.connection-wait, " + connectionWait + "); retry in " + retryAfter + " s", "store");
    }

    /** A 503 with Retry-After saying {@code detail}. */
    public MutableHttpResponse<?> answer(HttpRequest<?> request, String detail, String locator) {
        MutableHttpResponse<?> r;
        if (OwsErrors.isOgcPath(request.getPath())) {
            // the OGC reports hide the message of every 5xx (an internal error's text is not for callers) and log
            // it as a failure; this one is for callers and no failure, so the report is made under WFS 2.0's
            // OperationProcessingFailed (the operation could not be processed now) and answered with 503
            ShikongException e = new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, locator, detail);
            r = OwsErrors.report(request, e).status(HttpStatus.SERVICE_UNAVAILABLE);
        } else {
            r = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problems.PROBLEM_JSON)
                    .body(Problems.problem(503, OgcCode.NO_APPLICABLE_CODE.code(), detail, locator));
        }
        return r.header("Retry-After", Integer.toString(retryAfter));
    }

    /** The Retry-After of the 503s, seconds. */
    public int retryAfter() {
        return retryAfter;
    }
}
