package io.shikong.ows.wfs.getfeature;

import io.shikong.core.encode.Chunks;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.gml.GmlFeatureWriter;
import io.shikong.ows.gml.GmlGeometryWriter;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.Xml;
import java.time.Instant;
import java.util.Iterator;

/**
 * A wfs:FeatureCollection in GML 3.2 (WFS 2.0) or GML 3.1.1 (WFS 1.1), written feature by feature from
 * the store's cursors into chunks of about 64 KiB. Null values are left out (the schema marks every
 * property nillable with minOccurs 0), which is what GDAL 3.6 needs to keep the schema.
 */
public final class GmlFeatureStream implements Chunks {

    private static final int CHUNK = 64 * 1024;

    private final FeatureStore store;
    private final FeaturePage page;
    private final boolean gml32;
    private final WfsVersion version;
    private final String schemaLocation;
    /** Keeps the chunk in its own buffer until taken. */
    private final Xml x = Xml.chunked(CHUNK + 16384);
    private final Iterator<FeaturePage.Part> parts;
    private FeaturePage.Part part;
    private FeatureCursor cursor;
    private GmlGeometryWriter geometry;
    private boolean started;
    private boolean finished;
    private String lockId;

    public GmlFeatureStream(FeatureStore store, FeaturePage page, WfsVersion version, boolean gml32,
                            String describeUrl, FeatureCursor firstCursor) {
        this.store = store;
        this.page = page;
        this.version = version;
        this.gml32 = gml32;
        this.schemaLocation = WfsContext.NAMESPACE + " " + describeUrl + " " + version.wfsNs + " "
                + (version.v2() ? "http://schemas.opengis.net/wfs/2.0/wfs.xsd" : "http://schemas.opengis.net/wfs/1.1.0/wfs.xsd")
                + (gml32 ? " http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd" : "");
        this.parts = page.parts().iterator();
        this.cursor = firstCursor;
        if (parts.hasNext()) {
            this.part = parts.next();
        }
    }

    /** Puts a lockId on the collection (GetFeatureWithLock); call before the first chunk. */
    public GmlFeatureStream lockId(String lockId) {
        this.lockId = lockId;
        return this;
    }

    @Override
    public byte[] next() {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                start();
            }
            while (x.buffered() < CHUNK) {
                Feature f = nextFeature();
                if (f == null) {
                    x.end();
                    x.close();
                    finished = true;
                    close();
                    break;
                }
                feature(f);
            }
            return x.take();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Feature nextFeature() {
        while (part != null) {
            if (cursor == null) {
                cursor = store.read(part.query());
            }
            if (cursor.hasNext()) {
                if (geometry == null) {
                    geometry = new GmlGeometryWriter(x, gml32, part.srsName().name(), part.srsName().latFirst());
                }
                return cursor.next();
            }
            cursor.close();
            cursor = null;
            geometry = null;
            part = parts.hasNext() ? parts.next() : null;
        }
        return null;
    }

    private void start() {
        String gmlNs = gml32 ? "http://www.opengis.net/gml/3.2" : "http://www.opengis.net/gml";
        x.start("wfs:FeatureCollection").ns("wfs", version.wfsNs).ns("gml", gmlNs)
                .ns(WfsContext.PREFIX, WfsContext.NAMESPACE).ns("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        x.attr("timeStamp", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        if (version.v2()) {
            x.attr("numberMatched", String.valueOf(page.numberMatched()));
            x.attr("numberReturned", String.valueOf(page.numberReturned()));
            x.attr("next", page.next());
            x.attr("previous", page.previous());
        } else {
            x.attr("numberOfFeatures", String.valueOf(page.numberReturned()));
        }
        x.attr("lockId", lockId);
        x.attr("xsi:schemaLocation", schemaLocation);
    }

    private static final Xml.Name MEMBER = Xml.Name.of("wfs:member");
    private static final Xml.Name FEATURE_MEMBER = Xml.Name.of("gml:featureMember");

    private void feature(Feature f) {
        x.start(version.v2() ? MEMBER : FEATURE_MEMBER);
        if (version.v2() && part.state() != null) {
            x.attr("state", part.state().apply(f));
        }
        writeFeature(x, part, f, gml32, false, geometry);
        x.end();
    }

    /** Writes one feature element; {@code standalone} declares the namespaces on it (GetFeatureById). */
    public static void writeFeature(Xml x, FeaturePage.Part part, Feature f, boolean gml32, boolean standalone) {
        writeFeature(x, part, f, gml32, standalone, new GmlGeometryWriter(x, gml32, part.srsName().name(),
                part.srsName().latFirst()));
    }

    private static void writeFeature(Xml x, FeaturePage.Part part, Feature f, boolean gml32, boolean standalone,
                                     GmlGeometryWriter geometry) {
        GmlFeatureWriter.write(x, part.layer(), f, part.versions(), gml32, standalone, geometry);
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
