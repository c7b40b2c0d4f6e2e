package io.shikong.ows.wfs.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;

/**
 * Transaction documents as QGIS (WFS 1.1.0 even on 2.0 connections, WFS 1.0 from older versions), GDAL
 * and the OGC suite (WFS 2.0) send them, to typed actions with geometries in the storage CRS; bad
 * documents to the WFS exception code (InvalidValue for unknown types and properties) and locator.
 */
class TransactionXmlReaderTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                transactions: true
                gmlName: name
                gmlDescription: note
                attributes: [{name: name, type: string}, {name: lanes, type: integer}, {name: note, type: string}]
              - name: pois
                geometry: Point
                transactions: true
                attributes: [{name: label, type: string}]
              - name: secret
                geometry: Point
                access: restricted
                readRoles: [x]
                attributes: []
            """.getBytes(StandardCharsets.UTF_8)));
    static final CrsService CRS = new CrsService();
    static final Caller EDITOR = Caller.of("li", Caller.EDITOR);

    static final String NS = "xmlns:shikong=\"" + WfsContext.NAMESPACE + "\"";
    static final String WFS20 = "service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
            + "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\" " + NS;
    static final String WFS11 = "service=\"WFS\" version=\"1.1.0\" xmlns:wfs=\"http://www.opengis.net/wfs\" "
            + "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\" " + NS;
    static final String WFS10 = WFS11.replace("1.1.0", "1.0.0");

    static TransactionRequest read(String xml) {
        WfsContext ctx = new WfsContext(CATALOG, null, CRS, EDITOR, WfsVersion.V2_0_0, "http://h/ows", new WfsSettings(100, 1000));
        return new TransactionXmlReader(ctx).read(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "Transaction")
                .getDocumentElement());
    }

    static String tx20(String actions) {
        return "<wfs:Transaction " + WFS20 + ">" + actions + "</wfs:Transaction>";
    }

    static String delete20(String rid) {
        return "<wfs:Delete typeName=\"shikong:roads\"><fes:Filter><fes:ResourceId rid=\"" + rid + "\"/></fes:Filter></wfs:Delete>";
    }

    static java.util.Set<Object> ids(Filter f) {
        return ((Id) f).getIDs();
    }

    static void assertRefused(String xml, String code, String locator) {
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.locator()).isEqualTo(locator);
            assertThat(OwsExceptionReport.status(e)).isEqualTo(400);
        });
    }

    // ---- edge cases first ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<wfs:Transaction " + WFS20 + "/>",
        "<wfs:Transaction " + WFS20 + " releaseAction=\"ALL\"><wfs:LockId>lock-1</wfs:LockId></wfs:Transaction>",
        "<wfs:Transaction " + WFS11 + "><wfs:LockId>lock-1</wfs:LockId></wfs:Transaction>",
    })
    void anEmptyTransactionIsAllowedItOnlyReleasesLocks(String xml) {
        assertThat(read(xml).actions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<wfs:Delete typeName=\"shikong:roads\"/>",
        "<wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:ValueReference>lanes</wfs:ValueReference>"
                + "<wfs:Value>2</wfs:Value></wfs:Property></wfs:Update>",
    })
    void anActionWithoutAFilterIsRefusedRatherThanAppliedToEveryFeature(String action) {
        assertRefused(tx20(action), "InvalidParameterValue", "Filter");
    }

    @Test
    void moreActionsThanTheLimitAreRefused() {
        StringBuilder limit = new StringBuilder();
        for (int i = 0; i < WfsSettings.MAX_ACTIONS; i++) { // shikong.wfs.max-actions' default
            limit.append(delete20("roads." + i));
        }
        assertThat(read(tx20(limit.toString())).actions()).hasSize(WfsSettings.MAX_ACTIONS);
        assertRefused(tx20(limit + delete20("roads.one-too-many")), "InvalidParameterValue", "Transaction");
    }

    // ---- QGIS: WFS 1.1.0 on a 2.0 connection, WFS 1.0 from older versions ----

    @Test
    void qgisSendsWfs11WithFeatureIdAndPropertyName() {
        TransactionRequest r = read("<Transaction xmlns=\"http://www.opengis.net/wfs\" service=\"WFS\" version=\"1.1.0\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:gml=\"http://www.opengis.net/gml\" " + NS
                + " xsi:schemaLocation=\"" + WfsContext.NAMESPACE + " http://h/ows?SERVICE=WFS&amp;REQUEST=DescribeFeatureType"
                + "&amp;VERSION=1.0.0&amp;TYPENAME=shikong:roads\">"
                + "<Insert><shikong:roads><shikong:geom><gml:LineString srsName=\"urn:ogc:def:crs:EPSG::4326\">"
                + "<gml:posList srsDimension=\"2\">41.8 123.4 41.9 123.5</gml:posList></gml:LineString></shikong:geom>"
                + "<shikong:name>浑南大道</shikong:name><shikong:lanes>6</shikong:lanes></shikong:roads></Insert>"
                + "<Update typeName=\"shikong:roads\"><Property><Name>shikong:lanes</Name><Value>4</Value></Property>"
                + "<Filter xmlns=\"http://www.opengis.net/ogc\"><FeatureId fid=\"roads.42\"/></Filter></Update>"
                + "<Delete typeName=\"shikong:roads\"><Filter xmlns=\"http://www.opengis.net/ogc\"><FeatureId fid=\"roads.7\"/>"
                + "<FeatureId fid=\"roads.8\"/></Filter></Delete></Transaction>");
        assertThat(r.v2()).isFalse();
        assertThat(r.v10()).isFalse();
        assertThat(r.actions()).hasSize(3);
        TransactionRequest.Insert insert = (TransactionRequest.Insert) r.actions().get(0);
        assertThat(insert.layer().name()).isEqualTo("roads");
        Feature f = insert.features().get(0);
        assertThat(f.geometry().toText()).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
        assertThat(f.geometry().getSRID()).isEqualTo(4490);
        assertThat(f.properties()).containsExactly(Map.entry("name", "浑南大道"), Map.entry("lanes", "6"));
        TransactionRequest.Update update = (TransactionRequest.Update) r.actions().get(1);
        assertThat(update.values()).containsExactly(Map.entry("lanes", "4"));
        assertThat(ids(update.filter())).containsExactly("42");
        TransactionRequest.Delete delete = (TransactionRequest.Delete) r.actions().get(2);
        assertThat(ids(delete.filter())).containsExactlyInAnyOrder("7", "8");
    }

    @Test
    void wfs10DocumentsAreGml2WithXyCoordinatesWhateverTheSrsName() {
        TransactionRequest r = read("<wfs:Transaction " + WFS10 + "><wfs:Insert><shikong:roads><shikong:geom>"
                + "<gml:LineString srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:coordinates cs=\",\" ts=\" \">123.4,41.8 123.5,41.9"
                + "</gml:coordinates></gml:LineString></shikong:geom></shikong:roads></wfs:Insert>"
                + "<wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:Name>geom</wfs:Name><wfs:Value>"
                + "<gml:LineString srsName=\"http://www.opengis.net/gml/srs/epsg.xml#4326\"><gml:coordinates>123.4,41.8 123.6,41.95"
                + "</gml:coordinates></gml:LineString></wfs:Value></wfs:Property><ogc:Filter><ogc:FeatureId fid=\"42\"/></ogc:Filter>"
                + "</wfs:Update></wfs:Transaction>");
        assertThat(r.v10()).isTrue();
        assertThat(r.v2()).isFalse();
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features().get(0).geometry().toText())
                .isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
        TransactionRequest.Update update = (TransactionRequest.Update) r.actions().get(1);
        assertThat(((Geometry) update.values().get("geom")).toText()).isEqualTo("LINESTRING (123.4 41.8, 123.6 41.95)");
        assertThat(ids(update.filter())).containsExactly("42");
    }

    @ParameterizedTest(name = "gml:Box[{0}]")
    @ValueSource(strings = {"", " srsName=\"urn:ogc:def:crs:EPSG::4326\"", " srsName=\"EPSG:4326\""})
    void wfs10FiltersAreXyLikeTheirGeometries(String srsName) {
        TransactionRequest r = read("<wfs:Transaction " + WFS10 + "><wfs:Delete typeName=\"shikong:roads\"><ogc:Filter><ogc:BBOX>"
                + "<ogc:PropertyName>geom</ogc:PropertyName><gml:Box" + srsName + "><gml:coordinates>123.3,41.7 123.6,41.9"
                + "</gml:coordinates></gml:Box></ogc:BBOX></ogc:Filter></wfs:Delete></wfs:Transaction>");
        Filter f = ((TransactionRequest.Delete) r.actions().get(0)).filter();
        Geometry box = (Geometry) ((org.geotools.api.filter.expression.Literal) ((org.geotools.api.filter.spatial.BBOX) f)
                .getExpression2()).getValue();
        assertThat(box.toText()).isEqualTo("POLYGON ((123.3 41.7, 123.3 41.9, 123.6 41.9, 123.6 41.7, 123.3 41.7))");
    }

    @Test
    void theSameUrnIsLatitudeFirstInAWfs11Document() {
        TransactionRequest r = read("<wfs:Transaction " + WFS11 + "><wfs:Insert><shikong:roads><shikong:geom>"
                + "<gml:LineString srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:posList>41.8 123.4 41.9 123.5</gml:posList>"
                + "</gml:LineString></shikong:geom></shikong:roads></wfs:Insert></wfs:Transaction>");
        assertThat(r.v10()).isFalse();
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features().get(0).geometry().toText())
                .isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
    }

    @Test
    void insertsInsideAFeatureCollectionAreRead() {
        TransactionRequest r = read("<wfs:Transaction " + WFS10 + "><wfs:Insert><wfs:FeatureCollection><gml:featureMember>"
                + "<shikong:roads><shikong:lanes>2</shikong:lanes></shikong:roads></gml:featureMember><gml:featureMember>"
                + "<shikong:roads><shikong:lanes>3</shikong:lanes></shikong:roads></gml:featureMember></wfs:FeatureCollection>"
                + "</wfs:Insert></wfs:Transaction>");
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features()).extracting(f -> f.get("lanes"))
                .containsExactly("2", "3");
    }

    // ---- WFS 2.0 ----

    @Test
    void wfs20InsertUpdateReplaceDeleteInDocumentOrder() {
        TransactionRequest r = read(tx20("<wfs:Insert handle=\"new roads\">"
                + "<shikong:roads gml:id=\"roads.client-1\"><shikong:geom><gml:LineString gml:id=\"g1\" srsName=\"urn:ogc:def:crs:EPSG::4490\">"
                + "<gml:posList>41.8 123.4 41.9 123.5</gml:posList></gml:LineString></shikong:geom><shikong:name>青年大街</shikong:name>"
                + "<shikong:lanes>8</shikong:lanes></shikong:roads>"
                + "<shikong:roads gml:id=\"roads.client-2\"><shikong:lanes>2</shikong:lanes></shikong:roads></wfs:Insert>"
                + "<wfs:Update typeName=\"shikong:roads\">"
                + "<wfs:Property><wfs:ValueReference>shikong:lanes</wfs:ValueReference><wfs:Value>4</wfs:Value></wfs:Property>"
                + "<wfs:Property><wfs:ValueReference>geom</wfs:ValueReference><wfs:Value><gml:LineString gml:id=\"g2\" "
                + "srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\"><gml:posList>41.8 123.4 41.95 123.6</gml:posList>"
                + "</gml:LineString></wfs:Value></wfs:Property>"
                + "<wfs:Property><wfs:ValueReference>note</wfs:ValueReference></wfs:Property>"
                + "<fes:Filter><fes:ResourceId rid=\"roads.42\"/></fes:Filter></wfs:Update>"
                + "<wfs:Replace><shikong:roads gml:id=\"roads.42\"><shikong:geom><gml:LineString gml:id=\"g3\" srsName=\"EPSG:4490\">"
                + "<gml:posList>123.4 41.8 123.5 41.9</gml:posList></gml:LineString></shikong:geom><shikong:lanes>1</shikong:lanes>"
                + "</shikong:roads><fes:Filter><fes:ResourceId rid=\"roads.42\"/></fes:Filter></wfs:Replace>"
                + delete20("roads.7")));
        assertThat(r.v2()).isTrue();
        assertThat(r.v10()).isFalse();
        assertThat(r.actions()).extracting(a -> a.getClass().getSimpleName()).containsExactly("Insert", "Update", "Replace", "Delete");

        TransactionRequest.Insert insert = (TransactionRequest.Insert) r.actions().get(0);
        assertThat(insert.handle()).isEqualTo("new roads");
        assertThat(insert.features()).hasSize(2);
        Feature first = insert.features().get(0);
        // without idgen="UseExisting" the service names new features, whatever gml:id the client wrote
        assertThat(first.id()).isNotIn("client-1", "roads.client-1");
        assertThat(UUID.fromString(first.id())).isNotNull();
        assertThat(first.geometry().toText()).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
        assertThat(first.properties()).containsExactly(Map.entry("name", "青年大街"), Map.entry("lanes", "8"));
        assertThat(insert.features().get(1).geometry()).isNull();

        TransactionRequest.Update update = (TransactionRequest.Update) r.actions().get(1);
        assertThat(update.values()).containsOnlyKeys("lanes", "geom", "note");
        assertThat(update.values().get("lanes")).isEqualTo("4");
        assertThat(((Geometry) update.values().get("geom")).toText()).isEqualTo("LINESTRING (123.4 41.8, 123.6 41.95)");
        assertThat(((Geometry) update.values().get("geom")).getSRID()).isEqualTo(4490);
        assertThat(update.values().get("note")).as("a Property without a Value clears it").isNull();
        assertThat(ids(update.filter())).containsExactly("42");

        TransactionRequest.Replace replace = (TransactionRequest.Replace) r.actions().get(2);
        assertThat(replace.layer().name()).isEqualTo("roads");
        assertThat(replace.feature().id()).isEqualTo("42");
        assertThat(replace.feature().geometry().toText()).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
        assertThat(ids(replace.filter())).containsExactly("42");

        assertThat(ids(((TransactionRequest.Delete) r.actions().get(3)).filter())).containsExactly("7");
    }

    @Test
    void useExistingKeepsTheClientsIdsWithoutTheTypePrefix() {
        TransactionRequest r = read(tx20("<wfs:Insert idgen=\"UseExisting\"><shikong:roads gml:id=\"roads.client-1\"/>"
                + "<shikong:roads gml:id=\"plain-2\"/><shikong:roads/></wfs:Insert>"));
        var features = ((TransactionRequest.Insert) r.actions().get(0)).features();
        assertThat(features.get(0).id()).isEqualTo("client-1");
        assertThat(features.get(1).id()).isEqualTo("plain-2");
        assertThat(UUID.fromString(features.get(2).id())).as("no gml:id: one is generated").isNotNull();
    }

    @Test
    void geometriesAreTransformedToTheStorageCrs() {
        // an Insert's srsName applies to its geometries without one; a Gauss-Krüger zone is northing first under a URN
        TransactionRequest r = read(tx20("<wfs:Insert srsName=\"urn:ogc:def:crs:EPSG::4529\"><shikong:pois><shikong:geom>"
                + "<gml:Point gml:id=\"p\"><gml:pos>4629511.995 41535737.204</gml:pos></gml:Point></shikong:geom></shikong:pois>"
                + "</wfs:Insert>"));
        Geometry g = ((TransactionRequest.Insert) r.actions().get(0)).features().get(0).geometry();
        assertThat(g.getSRID()).isEqualTo(4490);
        assertThat(g.getCoordinate().x).isCloseTo(123.43, Offset.offset(1e-7));
        assertThat(g.getCoordinate().y).isCloseTo(41.80, Offset.offset(1e-7));
    }

    @Test
    void aBlankSrsNameOnTheActionMeansTheStorageCrs() {
        TransactionRequest r = read(tx20("<wfs:Insert srsName=\"\"><shikong:pois><shikong:geom><gml:Point gml:id=\"p\">"
                + "<gml:pos>41.8 123.4</gml:pos></gml:Point></shikong:geom></shikong:pois></wfs:Insert>"
                + "<wfs:Update typeName=\"shikong:pois\" srsName=\" \"><wfs:Property><wfs:ValueReference>geom</wfs:ValueReference>"
                + "<wfs:Value><gml:Point gml:id=\"q\"><gml:pos>41.9 123.5</gml:pos></gml:Point></wfs:Value></wfs:Property>"
                + "<fes:Filter><fes:ResourceId rid=\"pois.1\"/></fes:Filter></wfs:Update>"));
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features().get(0).geometry().toText()).isEqualTo("POINT (123.4 41.8)");
        assertThat(((Geometry) ((TransactionRequest.Update) r.actions().get(1)).values().get("geom")).toText())
                .isEqualTo("POINT (123.5 41.9)");
    }

    @Test
    void nilAndEmptyValuesAreNull() {
        TransactionRequest r = read(tx20("<wfs:Insert><shikong:roads xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<shikong:name xsi:nil=\"true\"/><shikong:note></shikong:note><shikong:lanes> 3 </shikong:lanes></shikong:roads>"
                + "</wfs:Insert>"));
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", null);
        expected.put("note", null);
        expected.put("lanes", "3");
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features().get(0).properties()).isEqualTo(expected);
    }

    // ---- GML standard properties ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<wfs:ValueReference>gml:name</wfs:ValueReference>",
        "<wfs:ValueReference>gml:name[1]</wfs:ValueReference>",
        "<wfs:ValueReference xmlns:g=\"http://www.opengis.net/gml/3.2\">g:name</wfs:ValueReference>",
        "<wfs:ValueReference>name</wfs:ValueReference>",
        "<wfs:ValueReference>shikong:name</wfs:ValueReference>",
    })
    void anUpdateOfGmlNameChangesTheAttributeTheCatalogMapsItTo(String reference) {
        TransactionRequest r = read(tx20("<wfs:Update typeName=\"shikong:roads\"><wfs:Property>" + reference
                + "<wfs:Value>中山路</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>"));
        assertThat(((TransactionRequest.Update) r.actions().get(0)).values()).containsExactly(Map.entry("name", "中山路"));
    }

    @Test
    void anInsertsGmlNameAndDescriptionWinOverTheirAttributes() {
        TransactionRequest r = read(tx20("<wfs:Insert><shikong:roads><gml:boundedBy><gml:Envelope><gml:lowerCorner>0 0</gml:lowerCorner>"
                + "<gml:upperCorner>1 1</gml:upperCorner></gml:Envelope></gml:boundedBy><gml:description>新修</gml:description>"
                + "<gml:identifier codeSpace=\"x\">R-1</gml:identifier><gml:name>和平大街</gml:name><gml:name>second name</gml:name>"
                + "<shikong:name>overridden</shikong:name><shikong:lanes>4</shikong:lanes></shikong:roads></wfs:Insert>"));
        assertThat(((TransactionRequest.Insert) r.actions().get(0)).features().get(0).properties())
                .containsOnly(Map.entry("name", "和平大街"), Map.entry("note", "新修"), Map.entry("lanes", "4"));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource(delimiter = '|', value = {
        "roads|gml:boundedBy",
        "roads|gml:boundedBy[1]",
        "roads|gml:identifier",
        "pois|gml:name",
        "roads|colour",
        "roads|shikong:colour",
        "roads|valid_from",
        "roads|id",
        "pois|lanes",
    })
    void anUpdateOfAPropertyThatCannotChangeIsAnInvalidValue(String type, String reference) {
        assertRefused(tx20("<wfs:Update typeName=\"shikong:" + type + "\"><wfs:Property><wfs:ValueReference>" + reference
                + "</wfs:ValueReference><wfs:Value>x</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"" + type
                + ".1\"/></fes:Filter></wfs:Update>"), "InvalidValue", reference);
    }

    // ---- bad documents ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shikong:rivers", "rivers", "shikong:secret"})
    void anInsertOfAnUnknownOrInvisibleTypeIsAnInvalidValue(String type) {
        assertRefused(tx20("<wfs:Insert><" + type + " " + NS + "><shikong:lanes>1</shikong:lanes></" + type + "></wfs:Insert>"),
                "InvalidValue", "Insert");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // type names
        "<wfs:Delete typeName=\"shikong:rivers\"><fes:Filter><fes:ResourceId rid=\"rivers.1\"/></fes:Filter></wfs:Delete>|InvalidParameterValue|typeName",
        "<wfs:Delete typeName=\"shikong:secret\"><fes:Filter><fes:ResourceId rid=\"secret.1\"/></fes:Filter></wfs:Delete>|InvalidParameterValue|typeName",
        "<wfs:Delete><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Delete>|InvalidParameterValue|typeName",
        "<wfs:Update typeName=\" \"><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>|InvalidParameterValue|typeName",
        "<wfs:Replace><shikong:rivers/><fes:Filter><fes:ResourceId rid=\"rivers.1\"/></fes:Filter></wfs:Replace>|InvalidParameterValue|typeName",
        // a resource id of another type the caller can see
        "<wfs:Delete typeName=\"shikong:roads\"><fes:Filter><fes:ResourceId rid=\"pois.3\"/></fes:Filter></wfs:Delete>|InvalidParameterValue|ResourceId",
        // inserts
        "<wfs:Insert/>|InvalidParameterValue|Insert",
        "<wfs:Insert><shikong:roads/><shikong:pois/></wfs:Insert>|InvalidParameterValue|Insert",
        // updates
        "<wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:Value>4</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>|InvalidParameterValue|Update",
        "<wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:ValueReference>lanes</wfs:ValueReference><wfs:Value><x/></wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>|InvalidParameterValue|lanes",
        "<wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:ValueReference>geom</wfs:ValueReference><wfs:Value><gml:LineString><gml:posList>1 2 3</gml:posList></gml:LineString></wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>|InvalidParameterValue|geom",
        "<wfs:Update typeName=\"shikong:roads\" srsName=\"EPSG:2154\"><wfs:Property><wfs:ValueReference>lanes</wfs:ValueReference><wfs:Value>1</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Update>|InvalidCRS|srsName",
        // replace, filters, unknown actions
        "<wfs:Replace><fes:Filter><fes:ResourceId rid=\"roads.1\"/></fes:Filter></wfs:Replace>|InvalidParameterValue|Replace",
        "<wfs:Delete typeName=\"shikong:roads\"><fes:Filter><fes:Fancy/></fes:Filter></wfs:Delete>|InvalidParameterValue|Filter",
        "<wfs:Delete typeName=\"shikong:roads\"><fes:Filter/></wfs:Delete>|InvalidParameterValue|Filter",
        "<wfs:Upsert typeName=\"shikong:roads\"/>|InvalidParameterValue|Transaction",
    })
    void badActionsGetTheirCodeAndLocator(String action, String code, String locator) {
        assertRefused(tx20(action), code, locator);
    }

    @Test
    void nativeActionsAreNotSupported() {
        assertThatThrownBy(() -> read(tx20("<wfs:Native vendorId=\"x\" safeToIgnore=\"false\">VACUUM</wfs:Native>")))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("OperationNotSupported");
                    assertThat(e.locator()).isEqualTo("Native");
                    assertThat(OwsExceptionReport.status(e)).isEqualTo(501);
                });
    }
}
