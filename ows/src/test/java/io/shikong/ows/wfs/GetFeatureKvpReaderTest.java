package io.shikong.ows.wfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.getfeature.GetFeatureKvpReader;
import io.shikong.ows.wfs.getfeature.GetFeatureRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geotools.api.filter.And;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.PropertyIsGreaterThan;
import org.geotools.api.filter.spatial.BBOX;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** Raw KVP to a GetFeature request, and bad values to the right OGC code and locator. */
class GetFeatureKvpReaderTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: lanes, type: integer}, {name: name, type: string}]
              - name: secret
                geometry: Point
                access: restricted
                readRoles: [x]
                attributes: []
            """.getBytes(StandardCharsets.UTF_8)));
    static final CrsService CRS = new CrsService();

    static GetFeatureRequest read(WfsVersion v, String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            params.put(p[0], List.of(p[1]));
        }
        WfsContext ctx = new WfsContext(CATALOG, null, CRS, Caller.ANONYMOUS, v, "http://h/ows", new WfsSettings(100, 1000));
        return new GetFeatureKvpReader(ctx).read(new Kvp(params), false);
    }

    @Test
    void everythingGdalAndQgisSend() {
        GetFeatureRequest r = read(WfsVersion.V2_0_0, "typeNames=shikong:roads&count=10&startIndex=20&sortBy=name DESC"
                + "&srsName=urn:ogc:def:crs:EPSG::4326&resultType=hits&TIME=2020-01-01&PROPERTYNAME=lanes");
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.startIndex()).isEqualTo(20);
        assertThat(r.hits()).isTrue();
        GetFeatureRequest.Query q = r.queries().get(0);
        assertThat(q.layer().name()).isEqualTo("roads");
        assertThat(q.sort()).containsExactly(SortKey.desc("name"));
        assertThat(q.srsName().latFirst()).isTrue();
        assertThat(q.srsName().crs().code()).isEqualTo("EPSG:4326");
        assertThat(q.time()).isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(q.properties()).containsExactly("lanes");
    }

    @Test
    void namesAreCaseInsensitiveAndVersion11UsesMaxFeatures() {
        GetFeatureRequest r = read(WfsVersion.V1_1_0, "TYPENAME=roads&MAXFEATURES=5&SORTBY=lanes D");
        assertThat(r.count()).isEqualTo(5);
        assertThat(r.queries().get(0).sort()).containsExactly(SortKey.desc("lanes"));
        assertThat(r.queries().get(0).srsName().name()).isEqualTo("urn:ogc:def:crs:EPSG::4490");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "41.7,123.3,41.9,123.6|latitude first by default (DefaultCRS is a URN)",
        "41.7,123.3,41.9,123.6,urn:ogc:def:crs:EPSG::4490|URN: EPSG order",
        "123.3,41.7,123.6,41.9,EPSG:4490|EPSG:code: x/y",
    })
    void bboxAxisOrder(String bbox, String why) {
        GetFeatureRequest r = read(WfsVersion.V2_0_0, "typeNames=roads&bbox=" + bbox);
        BBOX f = (BBOX) r.queries().get(0).filter();
        Envelope e = ((Geometry) ((org.geotools.api.filter.expression.Literal) f.getExpression2()).getValue()).getEnvelopeInternal();
        assertThat(new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()}).as(why)
                .containsExactly(new double[] {123.3, 41.7, 123.6, 41.9}, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void filtersCombine() {
        GetFeatureRequest r = read(WfsVersion.V2_0_0, "typeNames=roads&RESOURCEID=roads.a,roads.b&CQL_FILTER=lanes > 2");
        And and = (And) r.queries().get(0).filter();
        assertThat(and.getChildren()).hasSize(2);
        assertThat(((Id) and.getChildren().get(0)).getIDs()).containsExactlyInAnyOrder("a", "b");
        assertThat(and.getChildren().get(1)).isInstanceOf(PropertyIsGreaterThan.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "typeNames=nowhere|InvalidParameterValue|typeNames",
        "typeNames=secret|InvalidParameterValue|typeNames",
        "count=5|MissingParameterValue|typeNames",
        "typeNames=roads&count=1001|InvalidParameterValue|COUNT",
        "typeNames=roads&count=-1|InvalidParameterValue|COUNT",
        "typeNames=roads&startIndex=x|InvalidParameterValue|startIndex",
        "typeNames=roads&resultType=all|InvalidParameterValue|resultType",
        "typeNames=roads&bbox=1,2,3|InvalidParameterValue|bbox",
        "typeNames=roads&bbox=1,2,3,4,EPSG:2154|InvalidParameterValue|bbox",
        "typeNames=roads&srsName=EPSG:99999|InvalidParameterValue|srsName",
        "typeNames=roads&bbox=1,2,3,4&RESOURCEID=roads.a|InvalidParameterValue|filter",
        "typeNames=roads&FILTER=<Filter><Unknown/></Filter>|InvalidParameterValue|filter",
        "typeNames=roads&FILTER=<Filter>|InvalidParameterValue|filter",
        "typeNames=roads&CQL_FILTER=lanes >>> 1|InvalidParameterValue|CQL_FILTER",
        "typeNames=roads&TIME=yesterday|InvalidParameterValue|TIME",
        "typeNames=roads&STOREDQUERY_ID=urn:nope|InvalidParameterValue|STOREDQUERY_ID",
    })
    void badValuesGetTheRightCode(String query, String code, String locator) {
        assertThatThrownBy(() -> read(WfsVersion.V2_0_0, query)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(io.shikong.ows.OwsExceptionReport.code(e)).isEqualTo(code);
            assertThat(e.locator()).isEqualToIgnoringCase(locator);
            assertThat(io.shikong.ows.OwsExceptionReport.status(e)).isEqualTo(400);
        });
    }

    @Test
    void versionNegotiation() {
        assertThat(WfsVersion.negotiate("2.0.0,1.1.0,1.0.0", null)).isEqualTo(WfsVersion.V2_0_0);
        assertThat(WfsVersion.negotiate("1.0.0,1.1.0", null)).isEqualTo(WfsVersion.V1_1_0);
        assertThat(WfsVersion.negotiate(null, "1.1.0")).isEqualTo(WfsVersion.V1_1_0);
        assertThat(WfsVersion.negotiate(null, null)).isEqualTo(WfsVersion.V2_0_0);
        assertThatThrownBy(() -> WfsVersion.negotiate("1.0.0", null)).isInstanceOfSatisfying(ShikongException.class,
                e -> assertThat(e.code()).isEqualTo("VersionNegotiationFailed"));
        assertThatThrownBy(() -> WfsVersion.of("1.0.0")).isInstanceOf(ShikongException.class);
    }
}
