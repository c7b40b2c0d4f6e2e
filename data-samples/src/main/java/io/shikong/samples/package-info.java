/**
 * Synthetic but plausible sample data for Shenyang: the sample catalog of the six entity layers
 * ({@link io.shikong.samples.SampleCatalog}), a deterministic streaming generator of feature versions
 * at any size ({@link io.shikong.samples.SampleGenerator}, {@link io.shikong.samples.SampleSize}), and
 * a loader into any {@link io.shikong.core.store.FeatureStore} ({@link io.shikong.samples.SampleLoader},
 * {@link io.shikong.samples.SamplesCli} for benchmarks).
 *
 * <p>Same seed and size, same data: ids, geometries, attributes and valid times never depend on the
 * clock, and one feature's data does not depend on how many others are generated.
 */
package io.shikong.samples;
