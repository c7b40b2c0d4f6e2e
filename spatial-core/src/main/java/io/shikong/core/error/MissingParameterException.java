package io.shikong.core.error;

/** A required parameter is absent (HTTP 400, {@code MissingParameterValue}). */
public class MissingParameterException extends ShikongException {

    public MissingParameterException(String locator) {
        super(OgcCode.MISSING_PARAMETER_VALUE, locator, "Missing required parameter '" + locator + "'");
    }
}
