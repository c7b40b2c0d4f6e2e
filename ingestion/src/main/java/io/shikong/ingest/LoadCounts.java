package io.shikong.ingest;

/**
 * What a load did to the layer, as the store's merge reports it.
 *
 * @param inserted  new features (version 1)
 * @param changed   features given a new version
 * @param unchanged features in the input equal to their current version
 * @param closed    current features absent from a snapshot load, closed
 */
public record LoadCounts(long inserted, long changed, long unchanged, long closed) {

    /** Nothing loaded. */
    public static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0);
}
