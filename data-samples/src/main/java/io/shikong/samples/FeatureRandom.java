package io.shikong.samples;

import java.util.SplittableRandom;

/**
 * Random streams seeded per layer and per feature index, so a feature's data depends only on the seed,
 * its layer and its index: never on how many features are generated or in which order.
 */
final class FeatureRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private FeatureRandom() {
    }

    /** The stream of one feature (or, with another {@code salt}, of one group such as a street-view sequence). */
    static SplittableRandom of(long seed, int salt, long index) {
        return new SplittableRandom(mix(mix(seed ^ (salt * GOLDEN)) + index * GOLDEN));
    }

    /** One uniformly chosen element. */
    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** An index chosen with the given relative weights. */
    static int weighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** True with the given probability. */
    static boolean chance(SplittableRandom r, double probability) {
        return r.nextDouble() < probability;
    }

    // Stafford variant 13 (the SplitMix64 finaliser): neighbouring indexes get unrelated seeds.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
