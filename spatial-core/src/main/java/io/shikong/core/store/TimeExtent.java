package io.shikong.core.store;

import java.time.Instant;

/**
 * The valid time a layer covers: from the earliest start to the latest change ({@code end} is
 * {@code null} while some version is current, i.e. the extent is open to "now").
 */
public record TimeExtent(Instant start, Instant end) {
}
