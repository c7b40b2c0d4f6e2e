package io.shikong.core.error;

/** A failure inside a store that is not the caller's fault (HTTP 500, {@code NoApplicableCode}). */
public class StoreException extends ShikongException {

    public StoreException(String message, Throwable cause) {
        super(OgcCode.NO_APPLICABLE_CODE, null, message, cause);
    }
}
