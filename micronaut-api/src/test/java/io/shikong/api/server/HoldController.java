package io.shikong.api.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For {@link RequestLimitIT} only ({@code shikong.test.hold-controller}): a request that holds its place
 * until the test lets it go.
 */
@Controller("/test/hold")
@Requires(property = "shikong.test.hold-controller", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HoldController {

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Get(produces = MediaType.TEXT_PLAIN)
    public String hold() throws InterruptedException {
        entered.countDown();
        // a hang guard, not a measurement: the test releases it long before
        if (!release.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return "held";
    }
}
