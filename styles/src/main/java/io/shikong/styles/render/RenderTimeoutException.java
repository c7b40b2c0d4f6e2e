package io.shikong.styles.render;

import java.time.Duration;

/** Drawing did not finish within the budget given to {@link MapRenderer#deadline}; the image is discarded. */
public final class RenderTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration budget;

    public RenderTimeoutException(Duration budget) {
        super("drawing took longer than its budget of " + budget.toMillis() + " ms");
        this.budget = budget;
    }

    /** The budget that was spent. */
    public Duration budget() {
        return budget;
    }
}
