package io.shikong.ows;

import io.shikong.core.error.ShikongException;
import java.util.Objects;

/**
 * A failed OGC request as {@link OwsDispatcher} reports it: the error (its OGC code, locator, status and
 * message, unchanged) and the {@link ErrorContext} its exception report is written for, so the HTTP layer
 * renders it without reading the request again.
 */
public final class OwsException extends ShikongException {

    private final ShikongException error;
    private final transient ErrorContext context;

    public OwsException(ShikongException error, ErrorContext context) {
        super(error.ogcCode(), error.status(), error.locator(), error.getMessage(), error);
        this.error = error;
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The error as thrown, to be reported (its code may be one {@link io.shikong.core.error.OgcCode} does not know). */
    public ShikongException error() {
        return error;
    }

    /** The service, version and exception format of the report. */
    public ErrorContext context() {
        return context;
    }
}
