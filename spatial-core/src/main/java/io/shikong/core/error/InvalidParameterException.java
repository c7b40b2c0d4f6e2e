package io.shikong.core.error;

/** A parameter has a value that cannot be used (HTTP 400, {@code InvalidParameterValue}). */
public class InvalidParameterException extends ShikongException {

    public InvalidParameterException(String locator, String message) {
        this(locator, message, null);
    }

    public InvalidParameterException(String locator, String message, Throwable cause) {
        super(OgcCode.INVALID_PARAMETER_VALUE, locator, message, cause);
    }
}
