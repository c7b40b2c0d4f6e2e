package io.shikong.core.error;

/** A write that contradicts the stored state, e.g. inserting an id that exists (HTTP 409). */
public class ConflictException extends ShikongException {

    public ConflictException(String locator, String message) {
        super(OgcCode.CONFLICT, locator, message);
    }
}
