package io.shikong.core.store;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Reads the pipe-separated fixture files: attributes in schema order, then time, version, WKT. */
public final class Fixtures {

    private Fixtures() {
    }

    public static List<Feature> read(String resource, LayerDefinition layer) {
        List<Feature> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Fixtures.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                int i = 0;
                String id = f[i++];
                Map<String, Object> props = new LinkedHashMap<>();
                for (AttributeDefinition a : layer.attributes()) {
                    String v = f[i++];
                    props.put(a.name(), v.isEmpty() ? null : Values.convert(v, a.type(), a.name()));
                }
                Instant from = Instant.parse(f[i++]);
                String to = f[i++];
                int version = Integer.parseInt(f[i++]);
                out.add(new Feature(id, wkt(f[i]), props, from, to.isEmpty() ? null : Instant.parse(to), version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Geometry wkt(String wkt) {
        try {
            Geometry g = new WKTReader().read(wkt);
            g.setSRID(4490);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }
}
