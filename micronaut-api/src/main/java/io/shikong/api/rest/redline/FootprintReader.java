package io.shikong.api.rest.redline;

import io.micronaut.json.JsonMapper;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Reads the footprints of a check request (GeoJSON geometry, Feature, FeatureCollection or WKT) into the storage CRS. */
final class FootprintReader {

    static final int MAX_FOOTPRINTS = 1000;

    private FootprintReader() {
    }

    static List<Geometry> read(RedLineCheckRequest r, JsonMapper json, CrsService crsService, Crs storage) {
        if (r.footprint() == null && (r.wkt() == null || r.wkt().isBlank())) {
            throw new MissingParameterException("footprint");
        }
        if (r.footprint() != null && r.wkt() != null) {
            throw new InvalidParameterException("footprint", "give the footprint as GeoJSON or as WKT, not both");
        }
        List<Geometry> raw = new ArrayList<>();
        if (r.wkt() != null) {
            try {
                raw.add(new WKTReader().read(r.wkt()));
            } catch (ParseException | RuntimeException e) {
                throw new InvalidParameterException("wkt", "not valid WKT: " + e.getMessage(), e);
            }
        } else if (r.footprint() instanceof Map<?, ?> m) {
            Object type = m.get("type");
            if ("FeatureCollection".equals(type)) {
                if (!(m.get("features") instanceof List<?> features)) {
                    throw new InvalidParameterException("footprint", "a FeatureCollection needs a features array");
                }
                for (Object f : features) {
                    raw.add(feature(f, json));
                }
            } else if ("Feature".equals(type)) {
                raw.add(feature(m, json));
            } else {
                raw.add(geometry(m, json));
            }
        } else {
            throw new InvalidParameterException("footprint", "footprint must be a GeoJSON object");
        }
        if (raw.size() > MAX_FOOTPRINTS) {
            throw new InvalidParameterException("footprint", raw.size() + " footprints; at most " + MAX_FOOTPRINTS + " per check");
        }
        Crs crs = io.shikong.core.params.Params.crs(crsService, r.crs(), "crs", crsService.resolve("CRS84"));
        List<Geometry> out = new ArrayList<>();
        for (Geometry g : raw) {
            Geometry t = crs.equals(storage) ? g : crsService.transform(g, crs, storage);
            t.setSRID(storage.epsg());
            out.add(t);
        }
        return out;
    }

    private static Geometry feature(Object f, JsonMapper json) {
        if (!(f instanceof Map<?, ?> m) || !"Feature".equals(m.get("type")) || !(m.get("geometry") instanceof Map)) {
            throw new InvalidParameterException("footprint", "every feature needs a geometry");
        }
        return geometry((Map<?, ?>) m.get("geometry"), json);
    }

    private static Geometry geometry(Map<?, ?> m, JsonMapper json) {
        try {
            Geometry g = new GeoJsonReader().read(json.writeValueAsString(m));
            if (g == null) {
                throw new InvalidParameterException("footprint", "no geometry");
            }
            return g;
        } catch (ParseException | IOException | RuntimeException e) {
            if (e instanceof InvalidParameterException ipe) {
                throw ipe;
            }
            throw new InvalidParameterException("footprint", "not a valid GeoJSON geometry: " + e.getMessage(), e);
        }
    }
}
