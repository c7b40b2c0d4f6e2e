package io.shikong.api.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.shikong.api.rest.model.GeometryDoc;
import io.shikong.core.crs.CrsService;
import io.shikong.core.fuzz.Fuzz;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The REST geometry reader fuzzed: GeoJSON geometries, Features and FeatureCollections (spatial and sector
 * queries, red-line footprints) and WKT footprints, mutated and random. Text the JSON parser refuses is the
 * HTTP layer's 400 (FuzzIT sends such bodies); what it binds, the reader reads or refuses with a 400.
 */
class GeoJsonFuzzTest {

    static final CrsService CRS = new CrsService();
    static final JsonMapper JSON = JsonMapper.createDefault();
    static final GeoJsonGeometryReader READER = new GeoJsonGeometryReader(JSON, CRS, 10_000, 50);

    static final List<String> GEOJSON = List.of(
            "{\"type\":\"Point\",\"coordinates\":[123.4,41.8]}",
            "{\"type\":\"LineString\",\"coordinates\":[[123.4,41.8],[123.5,41.9,10]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[123.3,41.7],[123.6,41.7],[123.6,41.9],[123.3,41.9],[123.3,41.7]],"
                    + "[[123.4,41.75],[123.5,41.75],[123.5,41.8],[123.4,41.75]]]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}",
            "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4]]}",
            "{\"type\":\"MultiLineString\",\"coordinates\":[[[1,2],[3,4]],[[5,6],[7,8]]]}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                    + "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}]}",
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.4,41.8]}}",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[123.3,41.7],[123.6,41.7],[123.6,41.9],[123.3,41.7]]]}},{\"type\":\"Feature\","
                    + "\"geometry\":null}]}");

    static final List<String> WKT = List.of("POINT (123.4 41.8)", "LINESTRING (0 0, 1 1, 2 0)",
            "POLYGON ((123.3 41.7, 123.6 41.7, 123.6 41.9, 123.3 41.7), (123.4 41.75, 123.5 41.75, 123.5 41.8, 123.4 41.75))",
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))", "POINT Z (1 2 3)", "POINT EMPTY",
            "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))", "MULTIPOINT ((1 2), (3 4))", "LINEARRING (0 0, 1 0, 1 1, 0 0)");

    static final List<String> CRSS = List.of("EPSG:4326", "EPSG:4490", "EPSG:3857", "CRS84", "GCJ02", "BD09", "EPSG:4528");

    static final List<String[]> JSON_NESTING = List.of(new String[] {"[", "]"}, new String[] {"{\"a\":", "}"},
            new String[] {"{\"type\":\"GeometryCollection\",\"geometries\":[", "]}"},
            new String[] {"{\"type\":\"Feature\",\"geometry\":", "}"});
    static final List<String[]> WKT_NESTING = List.of(new String[] {"(", ")"}, new String[] {"GEOMETRYCOLLECTION (", ")"},
            new String[] {"GEOMETRYCOLLECTION (POINT (1 2), ", ")"});

    @Provide
    Arbitrary<String> geojson() {
        return Fuzz.inputs(GEOJSON, JSON_NESTING);
    }

    @Provide
    Arbitrary<String> wkt() {
        return Fuzz.inputs(WKT, WKT_NESTING);
    }

    @Provide
    Arbitrary<String> crs() {
        return Fuzz.inputs(CRSS);
    }

    /** The body as Micronaut binds it, or null where its JSON parser refuses the text (a 400 of the HTTP layer). */
    static <T> T bind(String text, Argument<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Property
    void queryGeometries(@ForAll("geojson") String text) {
        Object map = bind(text, Argument.OBJECT_ARGUMENT);
        if (map != null) {
            Fuzz.readsOrRefuses(text, () -> READER.geometry(map, "geometry"));
        }
        GeometryDoc doc = bind(text, Argument.of(GeometryDoc.class));
        if (doc != null) {
            Fuzz.readsOrRefuses(text, () -> READER.geometry(doc, "geometry"));
        }
    }

    @Property
    void footprints(@ForAll("geojson") String text, @ForAll("crs") String crs) {
        Object map = bind(text, Argument.OBJECT_ARGUMENT);
        if (map != null) {
            Fuzz.readsOrRefuses(text, () -> READER.footprints(map, null, crs, CRS.storage()));
        }
    }

    @Property
    void wktFootprints(@ForAll("wkt") String wkt, @ForAll("crs") String crs) {
        Fuzz.readsOrRefuses(wkt, () -> READER.footprints(null, wkt, crs, CRS.storage()));
    }
}
