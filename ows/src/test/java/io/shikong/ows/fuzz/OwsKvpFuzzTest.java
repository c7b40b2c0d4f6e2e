package io.shikong.ows.fuzz;

import static io.shikong.ows.fuzz.OwsFixture.CATALOG;
import static io.shikong.ows.fuzz.OwsFixture.CRS;
import static io.shikong.ows.fuzz.OwsFixture.MAX_PIXELS;

import io.shikong.core.fuzz.Fuzz;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.getfeature.GetFeatureKvpReader;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.ows.wms.getmap.GetMapKvpReader;
import io.shikong.ows.wmts.gettile.GetTileKvpReader;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The KVP readers of WMS (GetMap, GetFeatureInfo's map part), WFS (GetFeature, with FILTER, CQL_FILTER, BBOX,
 * RESOURCEID) and WMTS (GetTile) fuzzed: query strings QGIS, GDAL and OpenLayers send, mutated, and random
 * ones. Each reads or is an OGC exception with a 4xx (501 for an option the service does not have).
 */
class OwsKvpFuzzTest {

    static final List<String> GET_MAP = List.of(
            "LAYERS=roads&STYLES=&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=256&HEIGHT=128&FORMAT=image/png",
            "LAYERS=roads,buildings&STYLES=,&SRS=EPSG:4326&BBOX=123.3,41.7,123.6,41.9&WIDTH=512&HEIGHT=512"
                    + "&FORMAT=image/png8&TRANSPARENT=TRUE&BGCOLOR=0xFFFFFF&TIME=2020-01-01/2021-01-01",
            "LAYERS=buildings&STYLES=&CRS=EPSG:3857&BBOX=13727000,5117000,13760000,5150000&WIDTH=1024&HEIGHT=768"
                    + "&FORMAT=image/jpeg&DPI=180&FORMAT_OPTIONS=dpi:180;antialias:full&MAP_RESOLUTION=96",
            "LAYERS=buildings&STYLES=&CRS=CRS:84&BBOX=123.3,41.7,123.6,41.9&WIDTH=100&HEIGHT=100&FORMAT=image/png"
                    + "&CQL_FILTER=floors > 10 AND name LIKE '沈%'",
            "LAYERS=roads&STYLES=&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=256&HEIGHT=256&FORMAT=image/png"
                    + "&QUERY_LAYERS=roads&INFO_FORMAT=application/json&I=10&J=20&FEATURE_COUNT=5",
            "LAYERS=buildings&CRS=EPSG:4326&BBOX=41.7,123.3,41.9,123.6&WIDTH=64&HEIGHT=64&FORMAT=image/png&SLD_BODY="
                    + "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\"/>");

    static final List<String> GET_FEATURE = List.of(
            "typeNames=shikong:roads&count=10&startIndex=20&sortBy=name DESC&srsName=urn:ogc:def:crs:EPSG::4326"
                    + "&resultType=hits&TIME=2020-01-01&PROPERTYNAME=lanes",
            "typeName=buildings&maxFeatures=5&BBOX=41.7,123.3,41.9,123.6,urn:ogc:def:crs:EPSG::4326&outputFormat=application/json",
            "typeNames=roads&CQL_FILTER=lanes > 2 AND opened AFTER 2020-01-01T00:00:00Z",
            "typeNames=roads,buildings&CQL_FILTER=lanes=1;floors>3",
            "RESOURCEID=roads.1,roads.2&srsName=EPSG:4326",
            "typeNames=roads&FILTER=<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsLike wildCard=\"*\" "
                    + "singleChar=\".\" escapeChar=\"!\"><fes:ValueReference>name</fes:ValueReference><fes:Literal>*街*</fes:Literal>"
                    + "</fes:PropertyIsLike></fes:Filter>",
            "typeNames=roads&FILTER=<Filter><BBOX><PropertyName>geom</PropertyName><gml:Envelope xmlns:gml=\"http://www.opengis.net/gml\" "
                    + "srsName=\"EPSG:4326\"><gml:lowerCorner>123.3 41.7</gml:lowerCorner><gml:upperCorner>123.6 41.9</gml:upperCorner>"
                    + "</gml:Envelope></BBOX></Filter>",
            "typeNames=roads&STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureById&ID=roads.1");

    static final List<String> GET_TILE = List.of(
            "LAYER=buildings&STYLE=default&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=12&TILEROW=1500&TILECOL=3400&FORMAT=image/png",
            "LAYER=roads&STYLE=&TILEMATRIXSET=WorldCRS84Quad&TILEMATRIX=3&TILEROW=2&TILECOL=5"
                    + "&FORMAT=application/vnd.mapbox-vector-tile&TIME=2020-01-01T00:00:00Z");

    @Provide
    Arbitrary<String> getMap() {
        return Fuzz.inputs(GET_MAP);
    }

    @Provide
    Arbitrary<String> getFeature() {
        return Fuzz.inputs(GET_FEATURE);
    }

    @Provide
    Arbitrary<String> getTile() {
        return Fuzz.inputs(GET_TILE);
    }

    @Property
    void wmsGetMapAndGetFeatureInfo(@ForAll("getMap") String query) {
        GetMapKvpReader reader = new GetMapKvpReader(CATALOG, CRS, MAX_PIXELS);
        for (WmsVersion v : WmsVersion.values()) {
            Fuzz.readsOrRefuses(query, () -> reader.read(new Kvp(Fuzz.kvp(query)), v, Caller.ANONYMOUS, false));
        }
        Fuzz.readsOrRefuses(query, () -> reader.read(new Kvp(Fuzz.kvp(query)), WmsVersion.V1_3_0, OwsFixture.EDITOR, true));
    }

    @Property
    void wfsGetFeature(@ForAll("getFeature") String query) {
        for (WfsVersion v : WfsVersion.values()) {
            Fuzz.readsOrRefuses(query, () -> new GetFeatureKvpReader(OwsFixture.wfs(v, Caller.ANONYMOUS))
                    .read(new Kvp(Fuzz.kvp(query)), false));
        }
        Fuzz.readsOrRefuses(query, () -> new GetFeatureKvpReader(OwsFixture.wfs(WfsVersion.V2_0_0, OwsFixture.EDITOR))
                .read(new Kvp(Fuzz.kvp(query)), true));
    }

    @Property
    void wmtsGetTile(@ForAll("getTile") String query) {
        Fuzz.readsOrRefuses(query, () -> GetTileKvpReader.read(new Kvp(Fuzz.kvp(query))));
    }
}
