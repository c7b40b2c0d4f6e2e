package io.shikong.ows.wms.getmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.wms.WmsExceptions;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.sld.LayerStyles;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Envelope;

/**
 * Raw GetMap KVP (as QGIS and GDAL send it) to a GetMapRequest, and bad values to the WMS exception code
 * and locator: axis order of BBOX per version and CRS, the DPI hints, TIME, sizes and their limit.
 */
class GetMapKvpReaderTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: name, type: string}, {name: lanes, type: integer}]
              - name: buildings
                geometry: MultiPolygon
                attributes: [{name: name, type: string}]
              - name: pipelines
                geometry: LineString
                access: restricted
                readRoles: [engineer]
                attributes: []
            """.getBytes(StandardCharsets.UTF_8)));
    static final CrsService CRS = new CrsService();
    /** SHIKONG_WMS_MAX_SIZE's default, 4096². */
    static final long MAX_PIXELS = 4096L * 4096;

    static final String BASE_13 = "LAYERS=roads&STYLES=&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=256&HEIGHT=128&FORMAT=image/png";
    static final String BASE_11 = "LAYERS=roads&STYLES=&SRS=EPSG:4490&BBOX=123.3,41.7,123.6,41.9&WIDTH=256&HEIGHT=128&FORMAT=image/png";
    static final Envelope CORE = new Envelope(123.3, 123.6, 41.7, 41.9);

    /** The query string as the HTTP layer hands it over: a name given twice keeps both values. */
    static Kvp kvp(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p.length > 1 ? p[1] : "");
        }
        return new Kvp(params);
    }

    static GetMapRequest readRaw(WmsVersion v, String query) {
        return new GetMapKvpReader(CATALOG, CRS, MAX_PIXELS).read(kvp(query), v, Caller.ANONYMOUS, false);
    }

    /**
     * The version's base request with changes: {@code NAME=value} replaces the parameter of that name
     * (any case) or adds it, a bare {@code NAME} removes it.
     */
    static String query(WmsVersion v, String changes) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : (v.v13() ? BASE_13 : BASE_11).split("&")) {
            String[] p = kv.split("=", 2);
            params.put(p[0].toUpperCase(Locale.ROOT), p[1]);
        }
        if (changes != null && !changes.isEmpty()) {
            for (String kv : changes.split("&")) {
                String[] p = kv.split("=", 2);
                if (p.length == 1) {
                    params.remove(p[0].toUpperCase(Locale.ROOT));
                } else {
                    params.put(p[0].toUpperCase(Locale.ROOT), p[1]);
                }
            }
        }
        StringBuilder q = new StringBuilder();
        params.forEach((k, value) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(value));
        return q.toString();
    }

    static GetMapRequest read(WmsVersion v, String changes) {
        return readRaw(v, query(v, changes));
    }

    static double[] corners(Envelope e) {
        return new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
    }

    // ---- what real clients send ----

    @Test
    void gdalSendsLowerCaseNames() {
        GetMapRequest r = readRaw(WmsVersion.V1_3_0, "service=WMS&version=1.3.0&request=GetMap&layers=roads,buildings&styles=,"
                + "&crs=EPSG:4326&bbox=41.7,123.3,41.9,123.6&width=512&height=256&format=image/png&transparent=TRUE&bgcolor=0xFF8800");
        assertThat(r.layers()).extracting(LayerDefinition::name).containsExactly("roads", "buildings");
        assertThat(r.styles()).containsExactly("", "");
        assertThat(r.crs().code()).isEqualTo("EPSG:4326");
        assertThat(r.bbox()).isEqualTo(CORE);
        assertThat(r.width()).isEqualTo(512);
        assertThat(r.height()).isEqualTo(256);
        assertThat(r.format()).isEqualTo(ImageEncoder.Format.PNG);
        assertThat(r.transparent()).isTrue();
        assertThat(r.background()).isEqualTo(new Color(0xFF8800));
        assertThat(r.time()).isEqualTo(TimeSelection.CURRENT);
        assertThat(r.filters()).isNull();
        assertThat(r.sldBody()).isNull();
        assertThat(r.exceptions()).isEqualTo(WmsExceptions.Mode.XML);
        assertThat(r.dpi()).isEqualTo(GetMapRequest.OGC_DPI);
    }

    @Test
    void qgisSendsUpperCaseNamesAndAPrefixedLayer() {
        GetMapRequest r = read(WmsVersion.V1_3_0, "LAYERS=shikong:roads&TRANSPARENT=FALSE&DPI=96&MAP_RESOLUTION=96&FORMAT_OPTIONS=dpi:96");
        assertThat(r.layers()).extracting(LayerDefinition::name).containsExactly("roads");
        assertThat(r.transparent()).isFalse();
        assertThat(r.background()).isEqualTo(Color.WHITE);
        assertThat(r.dpi()).isEqualTo(96);
    }

    // ---- BBOX axis order: EPSG order on 1.3.0 (EPSG: codes included, unlike WFS), x/y on 1.1.1 ----

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = '|', value = {
        "1.3.0|CRS|EPSG:4326|41.7,123.3,41.9,123.6|123.3,41.7,123.6,41.9",
        "1.3.0|CRS|EPSG:4490|41.7,123.3,41.9,123.6|123.3,41.7,123.6,41.9",
        "1.3.0|CRS|urn:ogc:def:crs:EPSG::4490|41.7,123.3,41.9,123.6|123.3,41.7,123.6,41.9",
        "1.3.0|CRS|http://www.opengis.net/def/crs/EPSG/0/4326|41.7,123.3,41.9,123.6|123.3,41.7,123.6,41.9",
        "1.3.0|CRS|EPSG:4529|4620000,41520000,4650000,41550000|41520000,4620000,41550000,4650000",
        "1.3.0|CRS|CRS:84|123.3,41.7,123.6,41.9|123.3,41.7,123.6,41.9",
        "1.3.0|CRS|EPSG:3857|13725000,5120000,13760000,5150000|13725000,5120000,13760000,5150000",
        "1.3.0|CRS|EPSG:900913|13725000,5120000,13760000,5150000|13725000,5120000,13760000,5150000",
        "1.1.1|SRS|EPSG:4326|123.3,41.7,123.6,41.9|123.3,41.7,123.6,41.9",
        "1.1.1|SRS|EPSG:4490|123.3,41.7,123.6,41.9|123.3,41.7,123.6,41.9",
        "1.1.1|SRS|EPSG:4529|41520000,4620000,41550000,4650000|41520000,4620000,41550000,4650000",
        "1.1.1|SRS|EPSG:3857|13725000,5120000,13760000,5150000|13725000,5120000,13760000,5150000",
    })
    void bboxAxisOrder(String version, String crsKey, String crs, String bbox, String expected) {
        WmsVersion v = WmsVersion.negotiate(version);
        GetMapRequest r = read(v, crsKey + "=" + crs + "&BBOX=" + bbox);
        double[] want = java.util.Arrays.stream(expected.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertThat(corners(r.bbox())).containsExactly(want, Offset.offset(1e-9));
    }

    @Test
    void crsAndSrsAreTakenOnEitherVersionTheVersionsOwnNameFirst() {
        // SRS on a 1.3.0 request still means 1.3.0 axis order: the version decides, not the name
        GetMapRequest srsOn13 = read(WmsVersion.V1_3_0, "CRS&SRS=EPSG:4326");
        assertThat(srsOn13.crs().code()).isEqualTo("EPSG:4326");
        assertThat(srsOn13.bbox()).isEqualTo(CORE);
        GetMapRequest crsOn11 = read(WmsVersion.V1_1_1, "SRS&CRS=EPSG:4326");
        assertThat(crsOn11.crs().code()).isEqualTo("EPSG:4326");
        assertThat(crsOn11.bbox()).isEqualTo(CORE);
        assertThat(read(WmsVersion.V1_3_0, "SRS=EPSG:3857").crs().code()).isEqualTo("EPSG:4490");
        assertThat(read(WmsVersion.V1_1_1, "CRS=EPSG:3857").crs().code()).isEqualTo("EPSG:4490");
    }

    @Test
    void anUnknownSrsOn111IsReportedAsInvalidSrs() {
        assertThatThrownBy(() -> read(WmsVersion.V1_1_1, "SRS=EPSG:2154")).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(WmsExceptions.code(e, WmsVersion.V1_1_1)).isEqualTo("InvalidSRS");
            assertThat(e.locator()).isEqualTo("SRS");
        });
    }

    // ---- DPI hints ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DPI=180|180",
        "MAP_RESOLUTION=144|144",
        "FORMAT_OPTIONS=dpi:96|96",
        "format_options=DPI:72|72",
        "FORMAT_OPTIONS=antialias:full;dpi:300|300",
        "DPI=120&MAP_RESOLUTION=120&FORMAT_OPTIONS=dpi:120|120",
        "DPI=150&FORMAT_OPTIONS=dpi:300|150",
        "FORMAT_OPTIONS=antialias:none|90.71428571428571",
        "DPI=|90.71428571428571",
    })
    void dpiHints(String changes, double dpi) {
        assertThat(read(WmsVersion.V1_3_0, changes).dpi()).isCloseTo(dpi, Offset.offset(1e-9));
    }

    @Test
    void withoutDpiHintsTheOgcPixelApplies() {
        GetMapRequest r = read(WmsVersion.V1_3_0, null);
        assertThat(r.dpi()).isEqualTo(GetMapRequest.OGC_DPI);
        assertThat(r.symbolScale()).isEqualTo(1.0);
        assertThat(read(WmsVersion.V1_3_0, "DPI=" + 2 * GetMapRequest.OGC_DPI).symbolScale()).isCloseTo(2.0, Offset.offset(1e-9));
    }

    // ---- TIME ----

    static Stream<Arguments> times() {
        Instant y2019 = Instant.parse("2019-01-01T00:00:00Z");
        return Stream.of(
                arguments("current", TimeSelection.CURRENT),
                arguments("2020-01-01", TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z"))),
                arguments("2020", TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z"))),
                arguments("2020-06-15T08:00:00+08:00", TimeSelection.asOf(Instant.parse("2020-06-15T00:00:00Z"))),
                arguments("2020-06-15T00:00:00Z", TimeSelection.asOf(Instant.parse("2020-06-15T00:00:00Z"))),
                arguments("2019-01-01/2020-06-30", new TimeSelection.Range(y2019, Instant.parse("2020-06-30T00:00:00Z"))),
                arguments("2019-01-01T00:00:00Z/2020-06-30T00:00:00Z/P1D",
                        new TimeSelection.Range(y2019, Instant.parse("2020-06-30T00:00:00Z"))),
                arguments("2019-01-01/..", new TimeSelection.Range(y2019, Instant.parse("9999-12-31T00:00:00Z"))),
                arguments("../2019-01-01", new TimeSelection.Range(Instant.parse("0001-01-01T00:00:00Z"), y2019)));
    }

    @ParameterizedTest(name = "TIME={0}")
    @MethodSource("times")
    void timeInstantRangeAndCurrent(String time, TimeSelection expected) {
        assertThat(read(WmsVersion.V1_3_0, "TIME=" + time).time()).isEqualTo(expected);
    }

    @Test
    void withoutTimeTheCurrentVersionsAreDrawn() {
        assertThat(read(WmsVersion.V1_3_0, "TIME").time()).isEqualTo(TimeSelection.CURRENT);
        assertThat(read(WmsVersion.V1_3_0, "TIME=").time()).isEqualTo(TimeSelection.CURRENT);
    }

    // ---- STYLES ----

    @ParameterizedTest(name = "LAYERS={0} STYLES={1}")
    @CsvSource(delimiter = '|', nullValues = "absent", value = {
        "roads|absent|''",
        "roads,buildings|absent|,",
        "roads,buildings|''|,",
        "roads,buildings|,|,",
        "roads,buildings|default,buildings|default,buildings",
        "roads,buildings| , fancy|,fancy",
        "roads|fancy|fancy",
    })
    void oneStylePerLayerEmptyMeaningTheDefault(String layers, String styles, String expected) {
        GetMapRequest r = read(WmsVersion.V1_3_0, "LAYERS=" + layers + (styles == null ? "&STYLES" : "&STYLES=" + styles));
        assertThat(r.styles()).containsExactly(expected.split(",", -1));
    }

    @Test
    void anUnknownStyleIsKeptByTheReaderAndRefusedAsStyleNotDefined() {
        GetMapRequest r = read(WmsVersion.V1_3_0, "STYLES=fancy");
        assertThat(r.styles()).containsExactly("fancy");
        WmsStyles wms = new WmsStyles(new LayerStyles(CATALOG));
        LayerDefinition roads = r.layers().get(0);
        assertThatThrownBy(() -> wms.style(roads, "fancy", null)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo("StyleNotDefined");
            assertThat(e.locator()).isEqualTo("STYLES");
            assertThat(e.status()).isEqualTo(400);
        });
        for (String known : new String[] {"", "default", "roads"}) {
            assertThat(wms.style(roads, known, null)).as(known).isNotNull();
        }
    }

    // ---- layers, formats, sizes, exceptions ----

    @Test
    void aRestrictedLayerIsDrawnForACallerWithTheRole() {
        GetMapRequest r = new GetMapKvpReader(CATALOG, CRS, MAX_PIXELS).read(kvp(query(WmsVersion.V1_3_0, "LAYERS=pipelines")),
                WmsVersion.V1_3_0, Caller.of("wang", "engineer"), false);
        assertThat(r.layers()).extracting(LayerDefinition::name).containsExactly("pipelines");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "image/png|PNG",
        "IMAGE/PNG|PNG",
        "image/png; mode=8bit|PNG8",
        "image/png8|PNG8",
        "image/jpeg|JPEG",
        "image/jpg|JPEG",
    })
    void formats(String format, ImageEncoder.Format expected) {
        assertThat(read(WmsVersion.V1_3_0, "FORMAT=" + format).format()).isEqualTo(expected);
    }

    @Test
    void getFeatureInfoMayLeaveFormatOut() {
        GetMapRequest r = new GetMapKvpReader(CATALOG, CRS, MAX_PIXELS).read(kvp(query(WmsVersion.V1_3_0, "FORMAT")),
                WmsVersion.V1_3_0, Caller.ANONYMOUS, true);
        assertThat(r.format()).isEqualTo(ImageEncoder.Format.PNG);
    }

    @Test
    void sizesUpToTheLimitAreAccepted() {
        GetMapRequest r = read(WmsVersion.V1_3_0, "WIDTH=4096&HEIGHT=4096");
        assertThat(r.width()).isEqualTo(4096);
        assertThat(r.height()).isEqualTo(4096);
        assertThat(read(WmsVersion.V1_3_0, "WIDTH=1&HEIGHT=1").width()).isEqualTo(1);
        // a long thin map within the pixel budget
        assertThat(read(WmsVersion.V1_3_0, "WIDTH=16384&HEIGHT=1024").width()).isEqualTo(16384);
    }

    @Test
    void theLimitIsTheReadersPixelBudget() {
        GetMapKvpReader small = new GetMapKvpReader(CATALOG, CRS, 256L * 256);
        assertThat(small.read(kvp(query(WmsVersion.V1_3_0, "WIDTH=256&HEIGHT=256")), WmsVersion.V1_3_0, Caller.ANONYMOUS, false)
                .width()).isEqualTo(256);
        assertThatThrownBy(() -> small.read(kvp(query(WmsVersion.V1_3_0, "WIDTH=257&HEIGHT=256")), WmsVersion.V1_3_0,
                Caller.ANONYMOUS, false)).isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.locator()).isEqualTo("WIDTH");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EXCEPTIONS=XML|XML",
        "EXCEPTIONS=INIMAGE|INIMAGE",
        "EXCEPTIONS=application/vnd.ogc.se_inimage|INIMAGE",
        "EXCEPTIONS=BLANK|BLANK",
        "EXCEPTIONS=application/vnd.ogc.se_blank|BLANK",
        "EXCEPTIONS=application/vnd.ogc.se_xml|XML",
    })
    void exceptionModes(String changes, WmsExceptions.Mode mode) {
        assertThat(read(WmsVersion.V1_3_0, changes).exceptions()).isEqualTo(mode);
    }

    @Test
    void cqlFiltersOnePerLayerOrOneForAll() {
        assertThat(read(WmsVersion.V1_3_0, "LAYERS=roads,buildings&CQL_FILTER=name = 'a'").filters()).hasSize(2);
        assertThat(read(WmsVersion.V1_3_0, "LAYERS=roads,buildings&CQL_FILTER=lanes > 1;name = 'a'").filters()).hasSize(2);
    }

    // ---- bad values: code, locator, 400 ----

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // CRS / SRS
        "1.3.0|CRS|MissingParameterValue|CRS",
        "1.1.1|SRS|MissingParameterValue|SRS",
        "1.3.0|CRS=EPSG:2154|InvalidCRS|CRS",
        "1.3.0|CRS=EPSG:banana|InvalidCRS|CRS",
        "1.3.0|CRS=AUTO2:42001,1,123,41|InvalidCRS|CRS",
        "1.1.1|SRS=EPSG:2154|InvalidCRS|SRS",
        // layers and styles
        "1.3.0|LAYERS=nowhere|LayerNotDefined|LAYERS",
        "1.3.0|LAYERS=roads,nowhere|LayerNotDefined|LAYERS",
        "1.3.0|LAYERS=pipelines|LayerNotDefined|LAYERS",
        "1.1.1|LAYERS=nowhere|LayerNotDefined|LAYERS",
        "1.3.0|LAYERS|MissingParameterValue|LAYERS",
        "1.3.0|LAYERS=,|MissingParameterValue|LAYERS",
        "1.3.0|STYLES=a,b|InvalidParameterValue|STYLES",
        "1.3.0|LAYERS=roads,buildings&STYLES=a|InvalidParameterValue|STYLES",
        "1.3.0|LAYERS=roads,buildings&STYLES=a,b,c|InvalidParameterValue|STYLES",
        // format
        "1.3.0|FORMAT=image/svg+xml|InvalidFormat|FORMAT",
        "1.3.0|FORMAT=application/pdf|InvalidFormat|FORMAT",
        "1.3.0|FORMAT=text/html|InvalidFormat|FORMAT",
        "1.3.0|FORMAT|MissingParameterValue|FORMAT",
        // sizes: over the limit, over the hard maximum, zero, negative, not integers
        "1.3.0|WIDTH=4097&HEIGHT=4096|InvalidParameterValue|WIDTH",
        "1.3.0|WIDTH=16385&HEIGHT=1|InvalidParameterValue|WIDTH",
        "1.3.0|HEIGHT=100000|InvalidParameterValue|HEIGHT",
        "1.3.0|WIDTH=99999999999999999999|InvalidParameterValue|WIDTH",
        "1.3.0|WIDTH=0|InvalidParameterValue|WIDTH",
        "1.3.0|WIDTH=-256|InvalidParameterValue|WIDTH",
        "1.3.0|HEIGHT=0|InvalidParameterValue|HEIGHT",
        "1.3.0|HEIGHT=-1|InvalidParameterValue|HEIGHT",
        "1.3.0|WIDTH=256.5|InvalidParameterValue|WIDTH",
        "1.3.0|WIDTH=wide|InvalidParameterValue|WIDTH",
        "1.3.0|WIDTH|MissingParameterValue|WIDTH",
        "1.3.0|HEIGHT|MissingParameterValue|HEIGHT",
        // bbox: inverted, no area, wrong count, a CRS suffix (WFS only), not numbers
        "1.3.0|BBOX=41.9,123.6,41.7,123.3|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=41.7,123.6,41.9,123.3|InvalidParameterValue|BBOX",
        "1.1.1|BBOX=123.6,41.9,123.3,41.7|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=41.7,123.3,41.7,123.6|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=41.7,123.3,41.9,123.3|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=41.7,123.3,41.9|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=41.7,123.3,41.9,123.6,urn:ogc:def:crs:EPSG::4326|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=a,b,c,d|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=NaN,123.3,41.9,123.6|InvalidParameterValue|BBOX",
        "1.3.0|BBOX=-Infinity,123.3,41.9,123.6|InvalidParameterValue|BBOX",
        "1.3.0|BBOX|MissingParameterValue|BBOX",
        // time
        "1.3.0|TIME=yesterday|InvalidParameterValue|TIME",
        "1.3.0|TIME=2021-01-01/2020-01-01|InvalidParameterValue|TIME",
        "1.3.0|TIME=2020-01-01,2021-01-01|InvalidParameterValue|TIME",
        "1.3.0|TIME=2020-01-01/2020-06-01/2021-01-01|InvalidParameterValue|TIME",
        // DPI hints
        "1.3.0|DPI=high|InvalidParameterValue|DPI",
        "1.3.0|DPI=5|InvalidParameterValue|DPI",
        "1.3.0|DPI=5000|InvalidParameterValue|DPI",
        "1.3.0|MAP_RESOLUTION=0|InvalidParameterValue|DPI",
        "1.3.0|FORMAT_OPTIONS=dpi:fast|InvalidParameterValue|DPI",
        // colours and filters
        "1.3.0|BGCOLOR=0xGGHHII|InvalidParameterValue|BGCOLOR",
        "1.3.0|BGCOLOR=red|InvalidParameterValue|BGCOLOR",
        "1.3.0|CQL_FILTER=lanes >>> 1|InvalidParameterValue|CQL_FILTER",
        "1.3.0|LAYERS=roads,buildings&CQL_FILTER=lanes > 1;lanes < 5;lanes = 3|InvalidParameterValue|CQL_FILTER",
    })
    void badValuesGetTheirCodeAndLocator(String version, String changes, String code, String locator) {
        WmsVersion v = WmsVersion.negotiate(version);
        assertThatThrownBy(() -> read(v, changes)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.locator()).isEqualTo(locator);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    // ---- repeated parameters ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "WIDTH=256&width=512|WIDTH",
        "WIDTH=256&WIDTH=512|WIDTH",
        "bbox=41.7,123.3,41.9,123.6&BBOX=41.7,123.3,41.9,123.7|BBOX",
        "LAYERS=roads&layers=buildings|LAYERS",
        "CRS=EPSG:4490&crs=EPSG:4326|CRS",
    })
    void aParameterRepeatedWithAnotherValueIsRefused(String repeated, String locator) {
        String rest = query(WmsVersion.V1_3_0, null).replaceAll("(?i)(^|&)(" + locator + ")=[^&]*", "");
        assertThatThrownBy(() -> readRaw(WmsVersion.V1_3_0, rest + "&" + repeated)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValue");
            assertThat(e.locator()).isEqualTo(locator);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void aParameterRepeatedWithTheSameValueIsAccepted() {
        GetMapRequest r = readRaw(WmsVersion.V1_3_0, query(WmsVersion.V1_3_0, null) + "&width=256&WIDTH=256&layers=roads");
        assertThat(r.width()).isEqualTo(256);
        assertThat(r.layers()).extracting(LayerDefinition::name).containsExactly("roads");
    }
}
