package io.shikong.core.store;

/**
 * What {@link FeatureStore#merge} did (or, for a dry run, would have done) to a layer.
 *
 * @param inserted  ids that had no current version: a first version (or the next one after a closed
 *                  history) opened
 * @param changed   current features whose attributes or geometry differ: closed, and a new version opened
 * @param unchanged current features loaded again as they are: nothing written
 * @param closed    current features absent from a snapshot load: closed, no new version
 * @param dryRun    true when nothing was kept
 */
public record LoadResult(long inserted, long changed, long unchanged, long closed, boolean dryRun) {

    /** The number of features read from the input: inserted, changed and unchanged. */
    public long loaded() {
        return inserted + changed + unchanged;
    }

    /** Whether the load changes the layer (or, dry, would change it). */
    public boolean changesAnything() {
        return inserted + changed + closed > 0;
    }
}
