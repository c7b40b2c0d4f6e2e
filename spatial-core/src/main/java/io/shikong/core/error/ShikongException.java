package io.shikong.core.error;

/**
 * The root of every error Shikong reports to a caller. It carries the HTTP status, the OGC exception
 * code and the locator (the parameter or element that was wrong), so that each protocol layer (OGC
 * exception report, problem+json) renders it without guessing. Subclasses name the families; the cause
 * is always kept.
 */
public class ShikongException extends RuntimeException {

    private final int status;
    private final String code;
    private final String locator;

    /**
     * @param status  HTTP status the protocol layer should answer with
     * @param code    OGC exception code, e.g. {@code InvalidParameterValue}
     * @param locator the parameter, property or element at fault; may be {@code null}
     * @param message a message for the caller: what was wrong and, where possible, what is allowed
     * @param cause   the underlying cause; may be {@code null}
     */
    public ShikongException(int status, String code, String locator, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.locator = locator;
    }

    /** HTTP status, 4xx for the caller's mistakes, 5xx for ours. */
    public int status() {
        return status;
    }

    /** OGC exception code. */
    public String code() {
        return code;
    }

    /** The parameter, property or element at fault, or {@code null}. */
    public String locator() {
        return locator;
    }
}
