package io.shikong.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.JsonMapper;
import io.shikong.api.rest.model.GeometryDoc;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.ShikongException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** The one reader of request geometries: what spatial queries, sector queries and red-line footprints accept and refuse. */
class GeoJsonGeometryReaderTest {

    static final CrsService CRS = new CrsService();
    final GeoJsonGeometryReader reader = new GeoJsonGeometryReader(JsonMapper.createDefault(), CRS);

    static List<Object> ring(double... xy) {
        List<Object> ring = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            ring.add(List.of(xy[i], xy[i + 1]));
        }
        return ring;
    }

    static final GeometryDoc SQUARE = new GeometryDoc("Polygon", List.of(ring(123.40, 41.80, 123.41, 41.80, 123.41, 41.81,
            123.40, 41.81, 123.40, 41.80)));
    static final GeometryDoc BOWTIE = new GeometryDoc("Polygon", List.of(ring(123.40, 41.80, 123.41, 41.81, 123.41, 41.80,
            123.40, 41.81, 123.40, 41.80)));

    static void refused(Runnable call, String parameter, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.locator()).isEqualTo(parameter);
            assertThat(e).hasMessageContaining(message);
        });
    }

    @Test
    void aQueryGeometryFromTheModelOrAMap() {
        Geometry g = reader.geometry(SQUARE, "geometry");
        assertThat(g).isInstanceOf(Polygon.class);
        assertThat(g.getSRID()).isZero();
        assertThat(g.getCoordinate().x).isEqualTo(123.40);
        Geometry line = reader.geometry(Map.of("type", "LineString", "coordinates", ring(123.4, 41.8, 123.5, 41.9)), "route");
        assertThat(line).isInstanceOf(LineString.class);
    }

    @Test
    void queryGeometryMistakesAre400sNamingTheParameter() {
        assertThatThrownBy(() -> reader.geometry(null, "geometry")).isInstanceOfSatisfying(MissingParameterException.class,
                e -> assertThat(e.locator()).isEqualTo("geometry"));
        refused(() -> reader.geometry(BOWTIE, "geometry"), "geometry", "Self-intersection");
        refused(() -> reader.geometry(BOWTIE, "geometry"), "geometry", "invalid geometry");
        refused(() -> reader.geometry(new GeometryDoc("Polygon", List.of(1, 2)), "geometry"), "geometry", "not a valid GeoJSON geometry");
        refused(() -> reader.geometry(new GeometryDoc("Feature", null), "geometry"), "geometry", "'Feature' is not a geometry type");
        refused(() -> reader.geometry(new GeometryDoc(null, List.of(1, 2)), "geometry"), "geometry", "no type");
        refused(() -> reader.geometry(new GeometryDoc("Point", null), "geometry"), "geometry", "a Point needs its coordinates");
        refused(() -> reader.geometry(new GeometryDoc("Point", List.of()), "geometry"), "geometry", "the geometry is empty");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= GeoJsonGeometryReader.MAX_VERTICES; i++) {
            many.add(List.of(123 + i * 1e-6, 41.8));
        }
        refused(() -> reader.geometry(new GeometryDoc("LineString", many), "geometry"), "geometry", "at most 100000");
        refused(() -> reader.geometry(Map.of("type", "Polygon", "coordinates", BOWTIE.coordinates()), "route"), "route",
                "Self-intersection");
    }

    @Test
    void crsAndStorage() {
        assertThat(reader.crs(null).code()).isEqualTo(CRS.resolve("CRS84").code());
        assertThatThrownBy(() -> reader.crs("EPSG:2154")).isInstanceOfSatisfying(InvalidCrsException.class,
                e -> assertThat(e.locator()).isEqualTo("crs"));
        Geometry g = reader.geometry(Map.of("type", "Point", "coordinates", List.of(13_737_000.0, 5_130_000.0)), "geometry");
        Geometry inStorage = reader.toStorage(g, reader.crs("EPSG:3857"), CRS.storage());
        assertThat(inStorage.getSRID()).isEqualTo(4490);
        assertThat(inStorage.getCoordinate().x).isCloseTo(123.40, within(0.01));
        assertThat(g.getSRID()).as("the input is not changed").isZero();
    }

    @Test
    void footprintsAsGeometryFeatureCollectionOrWkt() {
        Map<String, Object> square = Map.of("type", "Polygon", "coordinates", SQUARE.coordinates());
        assertThat(reader.footprints(square, null, null, CRS.storage())).singleElement()
                .satisfies(g -> assertThat(g.getSRID()).isEqualTo(4490));
        Map<String, Object> feature = Map.of("type", "Feature", "properties", Map.of(), "geometry", square);
        assertThat(reader.footprints(feature, null, null, CRS.storage())).hasSize(1);
        assertThat(reader.footprints(Map.of("type", "FeatureCollection", "features", List.of(feature, feature)), null, null,
                CRS.storage())).hasSize(2);
        assertThat(reader.footprints(null, "POINT(123.4 41.8)", null, CRS.storage())).singleElement()
                .satisfies(g -> assertThat(g.getSRID()).isEqualTo(4490));
        // validity is the checker's: it can repair when asked
        Map<String, Object> bowtie = Map.of("type", "Polygon", "coordinates", BOWTIE.coordinates());
        assertThat(reader.footprints(bowtie, null, null, CRS.storage()).get(0).isValid()).isFalse();
    }

    @Test
    void footprintMistakesAre400sNamingTheParameter() {
        assertThatThrownBy(() -> reader.footprints(null, null, null, CRS.storage()))
                .isInstanceOfSatisfying(MissingParameterException.class, e -> assertThat(e.locator()).isEqualTo("footprint"));
        Map<String, Object> point = Map.of("type", "Point", "coordinates", List.of(123.4, 41.8));
        refused(() -> reader.footprints(point, "POINT(1 2)", null, CRS.storage()), "footprint", "not both");
        refused(() -> reader.footprints(null, "not wkt", null, CRS.storage()), "wkt", "not valid WKT");
        refused(() -> reader.footprints("POINT(1 2)", null, null, CRS.storage()), "footprint", "must be a GeoJSON object");
        refused(() -> reader.footprints(Map.of("type", "FeatureCollection"), null, null, CRS.storage()), "footprint", "features array");
        refused(() -> reader.footprints(Map.of("type", "Feature"), null, null, CRS.storage()), "footprint", "every feature needs a geometry");
        refused(() -> reader.footprints(Map.of("type", "Polygon", "coordinates", List.of(1, 2)), null, null, CRS.storage()),
                "footprint", "not a valid GeoJSON geometry");
        List<Object> features = new ArrayList<>();
        for (int i = 0; i <= GeoJsonGeometryReader.MAX_FOOTPRINTS; i++) {
            features.add(Map.of("type", "Feature", "geometry", point));
        }
        refused(() -> reader.footprints(Map.of("type", "FeatureCollection", "features", features), null, null, CRS.storage()),
                "footprint", "at most 1000");
        assertThatThrownBy(() -> reader.footprints(point, null, "EPSG:2154", CRS.storage()))
                .isInstanceOfSatisfying(InvalidCrsException.class, e -> assertThat(e.locator()).isEqualTo("crs"));
    }

    /** Found by GeoJsonFuzzTest: nested GEOMETRYCOLLECTIONs overflowed the stack of JTS' WKT reader (a 500). */
    @Test
    void wktNestedDeeperThanTheLimitIsA400() {
        String deep = "GEOMETRYCOLLECTION (".repeat(20_000) + "POINT (1 2)" + ")".repeat(20_000);
        assertThatThrownBy(() -> reader.footprints(null, deep, null, CRS.storage()))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.locator()).isEqualTo("wkt");
                    assertThat(e.getMessage()).isEqualTo("not valid WKT: parentheses nested deeper than 64 levels "
                            + "(shikong.query.max-filter-depth)");
                });
        String ok = "GEOMETRYCOLLECTION (".repeat(63) + "POINT (1 2)" + ")".repeat(63);
        assertThat(reader.footprints(null, ok, null, CRS.storage())).singleElement()
                .satisfies(g -> assertThat(g.getNumPoints()).isEqualTo(1));
    }
}
