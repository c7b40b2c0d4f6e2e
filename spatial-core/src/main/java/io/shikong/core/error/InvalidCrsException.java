package io.shikong.core.error;

/** A coordinate reference system that is unknown or not served (HTTP 400, {@code InvalidCRS}). */
public class InvalidCrsException extends ShikongException {

    public InvalidCrsException(String locator, String message, Throwable cause) {
        super(OgcCode.INVALID_CRS, locator, message, cause);
    }
}
