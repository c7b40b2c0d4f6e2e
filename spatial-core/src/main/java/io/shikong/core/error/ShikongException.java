package io.shikong.core.error;

/**
 * The root of every error Shikong reports to a caller. It carries the OGC exception code ({@link OgcCode}),
 * the HTTP status and the locator (the parameter or element that was wrong), so that each protocol layer
 * (OGC exception report, problem+json) renders it without guessing. The status is the code's unless the
 * thrower overrides it. Subclasses name the families; the cause is always kept.
 */
public class ShikongException extends RuntimeException {

    private final int status;
    private final OgcCode ogcCode;
    private final String code;
    private final String locator;

    /**
     * An error answered with its code's status.
     *
     * @param code    the OGC exception code
     * @param locator the parameter, property or element at fault; may be {@code null}
     * @param message a message for the caller: what was wrong and, where possible, what is allowed
     */
    public ShikongException(OgcCode code, String locator, String message) {
        this(code, code.status(), locator, message, null);
    }

    /**
     * An error answered with its code's status.
     *
     * @param code    the OGC exception code
     * @param locator the parameter, property or element at fault; may be {@code null}
     * @param message a message for the caller: what was wrong and, where possible, what is allowed
     * @param cause   the underlying cause; may be {@code null}
     */
    public ShikongException(OgcCode code, String locator, String message, Throwable cause) {
        this(code, code.status(), locator, message, cause);
    }

    /**
     * An error with an HTTP status of its own instead of its code's: an HTTP-level refusal (401 bad
     * credentials, 405 method, 413 body too large, 415 body type), which OGC reports keep whatever the
     * code; a 404 for REST where the OGC reports answer with the code's status (an unknown layer); a 400
     * for a caller's mistake under a code whose status is a 5xx (the message is then shown).
     *
     * @param code    the OGC exception code
     * @param status  the HTTP status, overriding {@code code.status()}
     * @param locator the parameter, property or element at fault; may be {@code null}
     * @param message a message for the caller: what was wrong and, where possible, what is allowed
     * @param cause   the underlying cause; may be {@code null}
     */
    public ShikongException(OgcCode code, int status, String locator, String message, Throwable cause) {
        super(message, cause);
        this.ogcCode = java.util.Objects.requireNonNull(code, "code");
        this.code = code.code();
        this.status = status;
        this.locator = locator;
    }

    /**
     * An error with a code given by its spelling.
     *
     * @param status  HTTP status the protocol layer should answer with
     * @param code    OGC exception code, e.g. {@code InvalidParameterValue}; one that is no {@link OgcCode}
     *                is kept as the {@link #code()} and counts as {@link OgcCode#NO_APPLICABLE_CODE}
     * @param locator the parameter, property or element at fault; may be {@code null}
     * @param message a message for the caller: what was wrong and, where possible, what is allowed
     * @param cause   the underlying cause; may be {@code null}
     * @deprecated name the code with {@link OgcCode}: {@link #ShikongException(OgcCode, String, String, Throwable)},
     *             or {@link #ShikongException(OgcCode, int, String, String, Throwable)} where the status must
     *             differ from the code's
     */
    @Deprecated
    public ShikongException(int status, String code, String locator, String message, Throwable cause) {
        super(message, cause);
        this.ogcCode = OgcCode.of(code).orElse(OgcCode.NO_APPLICABLE_CODE);
        this.code = code;
        this.status = status;
        this.locator = locator;
    }

    /** HTTP status, 4xx for the caller's mistakes, 5xx for ours: the code's unless the thrower chose another. */
    public int status() {
        return status;
    }

    /** OGC exception code as the specifications spell it (the {@link #ogcCode()}'s, or the deprecated constructor's). */
    public String code() {
        return code;
    }

    /** The OGC exception code. */
    public OgcCode ogcCode() {
        return ogcCode;
    }

    /** The parameter, property or element at fault, or {@code null}. */
    public String locator() {
        return locator;
    }
}
