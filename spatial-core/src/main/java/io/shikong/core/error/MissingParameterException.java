package io.shikong.core.error;

/** A required parameter is absent (HTTP 400, {@code MissingParameterValue}). */
public class MissingParameterException extends ShikongException {

    public MissingParameterException(String locator) {
        super(400, "MissingParameterValue", locator, "Missing required parameter '" + locator + "'", null);
    }
}
