package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.Chunks;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.nio.charset.StandardCharsets;
import org.locationtech.jts.io.WKTWriter;

/** Features of one type as CSV (RFC 4180): FID, the attributes, the geometry as WKT (x first), valid time. */
public final class CsvFeatureStream implements Chunks {

    private static final int CHUNK = 64 * 1024;

    private final LayerDefinition layer;
    private final FeatureCursor cursor;
    private final WKTWriter wkt = new WKTWriter();
    private final StringBuilder sb = new StringBuilder(CHUNK + 4096);
    private boolean started;
    private boolean finished;

    public CsvFeatureStream(LayerDefinition layer, FeatureCursor cursor) {
        this.layer = layer;
        this.cursor = cursor;
    }

    @Override
    public byte[] next() {
        if (finished) {
            return null;
        }
        try {
            sb.setLength(0);
            if (!started) {
                started = true;
                sb.append("FID");
                for (AttributeDefinition a : layer.attributes()) {
                    sb.append(',').append(a.name());
                }
                sb.append(',').append(layer.geometryColumn());
                if (layer.temporal()) {
                    sb.append(",valid_from,valid_to");
                }
                sb.append("\r\n");
            }
            while (sb.length() < CHUNK) {
                if (!cursor.hasNext()) {
                    finished = true;
                    close();
                    break;
                }
                Feature f = cursor.next();
                sb.append(quote(layer.name() + "." + f.id()));
                for (AttributeDefinition a : layer.attributes()) {
                    sb.append(',');
                    Object v = f.properties().get(a.name());
                    if (v != null) {
                        sb.append(quote(String.valueOf(v)));
                    }
                }
                sb.append(',');
                if (f.geometry() != null) {
                    sb.append(quote(wkt.write(f.geometry())));
                }
                if (layer.temporal()) {
                    sb.append(',').append(f.validFrom() == null ? "" : f.validFrom().toString());
                    sb.append(',').append(f.validTo() == null ? "" : f.validTo().toString());
                }
                sb.append("\r\n");
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        cursor.close();
    }
}
