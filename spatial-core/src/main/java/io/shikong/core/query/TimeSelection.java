package io.shikong.core.query;

import java.time.Instant;
import java.util.Objects;

/**
 * Which versions of features a query sees, on valid time. Valid time is half-open:
 * a version is valid at {@code t} when {@code valid_from <= t < valid_to} (or {@code valid_to} is
 * empty). Layers without time ignore the selection: all their rows are current.
 */
public sealed interface TimeSelection {

    /** Current versions only (the default). */
    record Current() implements TimeSelection {
    }

    /** The versions valid at one instant: the data as it stood then. */
    record AsOf(Instant instant) implements TimeSelection {
        public AsOf {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /**
     * Every version valid at some moment of {@code [from, to]} (both inclusive), several per feature
     * when it changed in the range.
     */
    record Range(Instant from, Instant to) implements TimeSelection {
        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("time range ends before it starts: " + from + "/" + to);
            }
        }
    }

    /** Every version ever stored. */
    record All() implements TimeSelection {
    }

    TimeSelection CURRENT = new Current();
    TimeSelection ALL = new All();

    static TimeSelection asOf(Instant instant) {
        return new AsOf(instant);
    }
}
