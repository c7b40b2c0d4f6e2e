package io.shikong.ows.wfs;

/**
 * Limits of the WFS.
 *
 * @param countDefault features returned when a GetFeature names no COUNT/MAXFEATURES (QGIS pages by it)
 * @param maxCount     the largest COUNT a client may ask for; responses are streamed, so this can be large
 * @param maxQueries   the most queries (wfs:Query elements, type names of a KVP request) one GetFeature holds,
 *                     each a count and a read of the store ({@code shikong.wfs.max-queries})
 * @param maxActions   the most actions (Insert, Update, Replace, Delete) one Transaction holds, each filter
 *                     resolved by a read ({@code shikong.wfs.max-actions})
 */
public record WfsSettings(int countDefault, int maxCount, int maxQueries, int maxActions) {

    /** The defaults of {@code application.yml} for queries and actions. */
    public static final int MAX_QUERIES = 100;
    public static final int MAX_ACTIONS = 1000;

    /** With {@link #MAX_QUERIES} and {@link #MAX_ACTIONS}. */
    public WfsSettings(int countDefault, int maxCount) {
        this(countDefault, maxCount, MAX_QUERIES, MAX_ACTIONS);
    }

    /** @throws IllegalArgumentException when a limit is not positive */
    public WfsSettings {
        if (maxQueries < 1 || maxActions < 1) {
            throw new IllegalArgumentException("maxQueries and maxActions must be positive, were " + maxQueries + " and "
                    + maxActions);
        }
    }
}
