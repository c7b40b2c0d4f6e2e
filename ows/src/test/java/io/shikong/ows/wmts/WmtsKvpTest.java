package io.shikong.ows.wmts;

import static io.shikong.ows.wmts.WmtsFixture.DISPATCHER;
import static io.shikong.ows.wmts.WmtsFixture.bytes;
import static io.shikong.ows.wmts.WmtsFixture.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shikong.core.security.Caller;
import io.shikong.ows.ErrorContext;
import io.shikong.ows.OwsException;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * WMTS by KVP through the dispatcher: names in any case, the tile with its ETag, and each refusal with
 * WMTS's code, its parameter as locator, its status and an OWS 1.1 report.
 */
class WmtsKvpTest {

    static final String TILE = "SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=buildings&STYLE=default"
            + "&FORMAT=image/png&TILEMATRIXSET=CGCS2000Quad&TILEMATRIX=1&TILEROW=0&TILECOL=1";

    static OwsResponse get(String query) {
        return DISPATCHER.kvp("/wmts", params(query), Caller.ANONYMOUS, "http://h");
    }

    static OwsException failure(String query) {
        OwsException e = catchThrowableOfType(() -> get(query), OwsException.class);
        assertThat(e).as(query).isNotNull();
        assertThat(e.context()).isEqualTo(ErrorContext.wmts());
        return e;
    }

    static void refused(String query, String code, String locator, int status) {
        OwsException e = failure(query);
        assertThat(WmtsExceptions.code(e.error())).as(query).isEqualTo(code);
        assertThat(e.error().locator()).as(query).isEqualTo(locator);
        assertThat(WmtsExceptions.status(e.error())).as(query).isEqualTo(status);
    }

    @Test
    void aTileByKvpWithLowerCaseNamesCarriesItsEtag() throws IOException {
        OwsResponse r = get(TILE.toLowerCase());
        assertThat(r.contentType()).isEqualTo("image/png");
        assertThat(r.etag()).startsWith("\"").endsWith("\"");
        var image = ImageIO.read(new ByteArrayInputStream(bytes(r)));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);

        OwsResponse mvt = get(TILE.replace("image/png", "application/vnd.mapbox-vector-tile") + "&TIME=2021-06-01");
        assertThat(mvt.contentType()).isEqualTo("application/vnd.mapbox-vector-tile");
        // the alias Tianditu's clients use, and the default style left empty
        assertThat(get(TILE.replace("CGCS2000Quad", "c").replace("STYLE=default", "STYLE=")).contentType())
                .isEqualTo("image/png");
    }

    @Test
    void missingParametersAreNamed() {
        refused(TILE.replace("&LAYER=buildings", ""), "MissingParameterValue", "Layer", 400);
        refused(TILE.replace("&FORMAT=image/png", ""), "MissingParameterValue", "Format", 400);
        refused(TILE.replace("&TILEMATRIXSET=CGCS2000Quad", ""), "MissingParameterValue", "TileMatrixSet", 400);
        refused(TILE.replace("&TILEROW=0", ""), "MissingParameterValue", "TileRow", 400);
        refused("SERVICE=WMTS&VERSION=1.0.0", "MissingParameterValue", "Request", 400);
    }

    @Test
    void unknownValuesAreInvalidParameterValues() {
        refused(TILE.replace("LAYER=buildings", "LAYER=nope"), "InvalidParameterValue", "Layer", 400);
        // a restricted layer answers as one that does not exist
        refused(TILE.replace("LAYER=buildings", "LAYER=pipelines"), "InvalidParameterValue", "Layer", 400);
        refused(TILE.replace("STYLE=default", "STYLE=fancy"), "InvalidParameterValue", "Style", 400);
        refused(TILE.replace("FORMAT=image/png", "FORMAT=image/gif"), "InvalidParameterValue", "Format", 400);
        refused(TILE.replace("TILEMATRIXSET=CGCS2000Quad", "TILEMATRIXSET=EPSG:2000"), "InvalidParameterValue",
                "TileMatrixSet", 400);
        refused(TILE.replace("TILEMATRIX=1", "TILEMATRIX=0"), "InvalidParameterValue", "TileMatrix", 400);
        refused(TILE.replace("TILEROW=0", "TILEROW=first"), "InvalidParameterValue", "TileRow", 400);
        refused(TILE + "&TIME=2020-01-01/2021-01-01", "InvalidParameterValue", "Time", 400);
        refused(TILE.replace("VERSION=1.0.0", "VERSION=2.0.0"), "InvalidParameterValue", "Version", 400);
        refused(TILE.replace("REQUEST=GetTile", "REQUEST=GetMap"), "OperationNotSupported", "Request", 501);
        refused("SERVICE=WMTS&REQUEST=GetCapabilities&ACCEPTVERSIONS=2.0.0", "VersionNegotiationFailed",
                "AcceptVersions", 400);
    }

    @Test
    void aTileOutsideItsMatrixIsTileOutOfRange() {
        // level 1 of Tianditu's set is 2×1
        refused(TILE.replace("TILEROW=0", "TILEROW=1"), "TileOutOfRange", "TileRow", 400);
        refused(TILE.replace("TILECOL=1", "TILECOL=2"), "TileOutOfRange", "TileCol", 400);
        refused(TILE.replace("TILECOL=1", "TILECOL=-1"), "TileOutOfRange", "TileCol", 400);

        OwsException e = failure(TILE.replace("TILEROW=0", "TILEROW=1"));
        Element report = SecureXml.parse(WmtsExceptions.xml(e.error()).getBytes(StandardCharsets.UTF_8), "report")
                .getDocumentElement();
        assertThat(report.getNamespaceURI()).isEqualTo("http://www.opengis.net/ows/1.1");
        assertThat(report.getAttribute("version")).isEqualTo("1.0.0");
        Element exception = (Element) report.getElementsByTagNameNS("http://www.opengis.net/ows/1.1", "Exception").item(0);
        assertThat(exception.getAttribute("exceptionCode")).isEqualTo("TileOutOfRange");
        assertThat(exception.getAttribute("locator")).isEqualTo("TileRow");
        assertThat(exception.getTextContent()).contains("TileRow 1");
    }

    @Test
    void getFeatureInfoIsWmssAnswerForThePixel() {
        String info = TILE.replace("REQUEST=GetTile", "REQUEST=GetFeatureInfo") + "&I=10&J=20&INFOFORMAT=text/plain";
        OwsResponse r = get(info);
        assertThat(r.contentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(new String(bytes(r), StandardCharsets.UTF_8)).isEqualTo("no features were found\n");
        assertThat(get(info.replace("text/plain", "application/json")).contentType()).isEqualTo("application/json");

        refused(info.replace("&I=10", ""), "MissingParameterValue", "I", 400);
        refused(info.replace("&INFOFORMAT=text/plain", ""), "MissingParameterValue", "InfoFormat", 400);
        refused(info.replace("I=10", "I=256"), "PointIJOutOfRange", "I", 400);
        refused(info.replace("J=20", "J=-1"), "PointIJOutOfRange", "J", 400);
        refused(info.replace("text/plain", "image/png"), "InvalidParameterValue", "InfoFormat", 400);
        refused(info.replace("TILEROW=0", "TILEROW=3"), "TileOutOfRange", "TileRow", 400);
    }

    @Test
    void withoutATileServiceThereIsNoWmts() {
        var withoutTiles = new io.shikong.ows.OwsDispatcher(WmtsFixture.CATALOG, WmtsFixture.STORE, WmtsFixture.CRS,
                new io.shikong.ows.wfs.WfsSettings(10, 100), null, null, WmtsFixture.STYLES,
                new io.shikong.ows.wms.PixelBudget(WmtsFixture.MAX_PIXELS), WmtsFixture.MAX_PIXELS);
        OwsException e = catchThrowableOfType(() -> withoutTiles.kvp("/ows",
                params("SERVICE=WMTS&REQUEST=GetCapabilities"), Caller.ANONYMOUS, "http://h"), OwsException.class);
        assertThat(e.context()).isEqualTo(ErrorContext.wmts());
        assertThat(e.code()).isEqualTo("OperationNotSupported");
    }
}
