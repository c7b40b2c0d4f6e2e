package io.shikong.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Waiting in tests for what a server does after its answer (a place given back, a file written). */
public final class Await {

    private Await() {
    }

    /** Waits for the condition, polling; the bound (600 polls) is a hang guard, not a measurement. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
