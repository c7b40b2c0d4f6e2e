package io.shikong.core.error;

/** The caller is known but lacks the role an operation needs (HTTP 403, {@code OperationNotPermitted}). */
public class AccessDeniedException extends ShikongException {

    public AccessDeniedException(String locator, String message) {
        super(OgcCode.OPERATION_NOT_PERMITTED, locator, message);
    }
}
