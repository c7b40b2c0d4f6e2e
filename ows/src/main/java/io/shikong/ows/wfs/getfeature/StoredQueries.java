package io.shikong.ows.wfs.getfeature;

/** The one stored query every WFS 2.0 server has. */
public final class StoredQueries {

    public static final String GET_FEATURE_BY_ID = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
    /** The id some clients still send (from the WFS 2.0 drafts). */
    public static final String GET_FEATURE_BY_ID_OLD = "urn:ogc:def:storedQuery:OGC-WFS::GetFeatureById";

    private StoredQueries() {
    }
}
