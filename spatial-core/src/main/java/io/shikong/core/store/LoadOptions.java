package io.shikong.core.store;

import java.time.Instant;

/**
 * How {@link FeatureStore#merge} loads a dataset into a layer.
 *
 * @param snapshot  true when the input is the whole layer: current features whose id is absent from it are
 *                  closed at {@code validFrom}; false leaves them as they are
 * @param validFrom the instant the loaded state starts (new versions begin, replaced and absent ones end);
 *                  {@code null} means now, taken once the load holds the layer's load lock
 * @param dryRun    true to compute the counts only: the load runs and is rolled back, nothing is kept and
 *                  no change event goes out
 */
public record LoadOptions(boolean snapshot, Instant validFrom, boolean dryRun) {

    /** An incremental load (absent features untouched), valid from now, written. */
    public static final LoadOptions INCREMENTAL = new LoadOptions(false, null, false);

    /** A full-snapshot load (absent features closed), valid from now, written. */
    public static final LoadOptions SNAPSHOT = new LoadOptions(true, null, false);
}
