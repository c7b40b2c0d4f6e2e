package io.shikong.ows.wmts;

import static io.shikong.ows.wmts.WmtsFixture.DISPATCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.ows.ErrorContext;
import io.shikong.ows.OwsException;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wmts.getfeatureinfo.WmtsFeatureInfoRequest;
import io.shikong.ows.wmts.gettile.GetTileRequest;
import io.shikong.tiles.TileFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The RESTful scheme: the templates the capabilities announce, filled in as clients do, parse back. */
class WmtsPathsTest {

    static String fill(String template, String time) {
        return template.replace("http://h", "").replace("{Style}", "default").replace("{Time}", time)
                .replace("{TileMatrixSet}", "WebMercatorQuad").replace("{TileMatrix}", "13")
                .replace("{TileRow}", "3037").replace("{TileCol}", "6903").replace("{J}", "7").replace("{I}", "250");
    }

    @Test
    void tileTemplatesWithAndWithoutTimeParseBack() {
        String timed = WmtsPaths.tileTemplate("http://h", "buildings", true, TileFormat.PNG8);
        assertThat(timed).isEqualTo(
                "http://h/wmts/1.0.0/buildings/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png8");
        GetTileRequest t = ((WmtsPaths.Tile) WmtsPaths.parse(fill(timed, "2021-06-01T08:00:00Z"))).request();
        assertThat(t).isEqualTo(new GetTileRequest("buildings", null, TileFormat.PNG8, "WebMercatorQuad", "13", 3037,
                6903, Instant.parse("2021-06-01T08:00:00Z")));
        assertThat(((WmtsPaths.Tile) WmtsPaths.parse(fill(timed, "current"))).request().time()).isNull();

        String plain = WmtsPaths.tileTemplate("http://h", "wells", false, TileFormat.MVT);
        GetTileRequest w = ((WmtsPaths.Tile) WmtsPaths.parse(fill(plain, ""))).request();
        assertThat(w).isEqualTo(new GetTileRequest("wells", null, TileFormat.MVT, "WebMercatorQuad", "13", 3037, 6903,
                null));
        // pbf is another name of the MVT extension
        assertThat(((WmtsPaths.Tile) WmtsPaths.parse("/wmts/1.0.0/wells/default/c/5/3/40.pbf")).request().format())
                .isEqualTo(TileFormat.MVT);
    }

    @Test
    void featureInfoTemplatesParseBack() {
        String timed = WmtsPaths.infoTemplate("http://h", "buildings", true, "geojson");
        WmtsFeatureInfoRequest f = ((WmtsPaths.FeatureInfo) WmtsPaths.parse(fill(timed, "2021-06-01"))).request();
        assertThat(f.tile().layer()).isEqualTo("buildings");
        assertThat(f.tile().time()).isEqualTo(Instant.parse("2021-06-01T00:00:00Z"));
        assertThat(f.i()).isEqualTo("250");
        assertThat(f.j()).isEqualTo("7");
        assertThat(f.infoFormat()).isEqualTo("application/geo+json");

        String plain = WmtsPaths.infoTemplate("http://h", "wells", false, "txt");
        WmtsFeatureInfoRequest p = ((WmtsPaths.FeatureInfo) WmtsPaths.parse(fill(plain, ""))).request();
        assertThat(p.tile().matrix()).isEqualTo("13");
        assertThat(p.infoFormat()).isEqualTo("text/plain");
    }

    @Test
    void everyInfoFormatOfWmsHasAnExtension() {
        assertThat(WmtsPaths.INFO_EXTENSIONS.values())
                .containsExactlyElementsOf(io.shikong.ows.wms.capabilities.WmsCapabilitiesWriter.INFO_FORMATS);
    }

    @Test
    void layerNamesArePercentEncodedAndDecoded() {
        String template = WmtsPaths.tileTemplate("", "道路 roads", false, TileFormat.PNG);
        assertThat(template).startsWith("/wmts/1.0.0/%E9%81%93%E8%B7%AF%20roads/");
        assertThat(((WmtsPaths.Tile) WmtsPaths.parse(fill(template, ""))).request().layer()).isEqualTo("道路 roads");
    }

    @Test
    void otherPathsAreNotFoundAndBadValuesInvalid() {
        for (String path : new String[] {"/wmts/1.0.0/buildings", "/wmts/1.0.0/a/b/c/d/e/f", "/wmts/2.0/x",
                "/wmts/1.0.0/a/default/WebMercatorQuad/1/0/0", "/wmts/1.0.0/a//WebMercatorQuad/1/0/0.png"}) {
            ShikongException e = catchThrowableOfType(() -> WmtsPaths.parse(path), ShikongException.class);
            assertThat(e.status()).as(path).isEqualTo(404);
        }
        ShikongException gif = catchThrowableOfType(
                () -> WmtsPaths.parse("/wmts/1.0.0/a/default/WebMercatorQuad/1/0/0.gif"), ShikongException.class);
        assertThat(gif.locator()).isEqualTo("Format");
        ShikongException info = catchThrowableOfType(
                () -> WmtsPaths.parse("/wmts/1.0.0/a/default/WebMercatorQuad/1/0/0/1/1.pdf"), ShikongException.class);
        assertThat(info.locator()).isEqualTo("InfoFormat");
    }

    @Test
    void theDispatcherServesRestfulRequests() {
        OwsResponse caps = DISPATCHER.wmtsRest(WmtsPaths.CAPABILITIES, Caller.ANONYMOUS, "http://h");
        assertThat(caps.contentType()).isEqualTo("application/xml");
        OwsResponse tile = DISPATCHER.wmtsRest("/wmts/1.0.0/buildings/default/current/CGCS2000Quad/1/0/1.png",
                Caller.ANONYMOUS, "http://h");
        assertThat(tile.contentType()).isEqualTo("image/png");
        assertThat(tile.etag()).isNotBlank();
        OwsResponse info = DISPATCHER.wmtsRest("/wmts/1.0.0/wells/default/WorldCRS84Quad/3/2/12/128/128.html",
                Caller.ANONYMOUS, "http://h");
        assertThat(info.contentType()).isEqualTo("text/html; charset=UTF-8");

        OwsException out = catchThrowableOfType(() -> DISPATCHER.wmtsRest(
                "/wmts/1.0.0/buildings/default/current/CGCS2000Quad/1/0/2.png", Caller.ANONYMOUS, "http://h"),
                OwsException.class);
        assertThat(out.context()).isEqualTo(ErrorContext.wmts());
        assertThat(out.code()).isEqualTo("TileOutOfRange");
        OwsException restricted = catchThrowableOfType(() -> DISPATCHER.wmtsRest(
                "/wmts/1.0.0/pipelines/default/CGCS2000Quad/1/0/1.png", Caller.ANONYMOUS, "http://h"),
                OwsException.class);
        assertThat(restricted.code()).isEqualTo("InvalidParameterValue");
        assertThat(restricted.locator()).isEqualTo("Layer");
        assertThat(DISPATCHER.wmtsRest("/wmts/1.0.0/pipelines/default/CGCS2000Quad/1/0/1.png",
                WmtsFixture.PIPELINES, "http://h").contentType()).isEqualTo("image/png");
    }

    @Test
    void theErrorContextOfAWmtsPathOrService() {
        assertThat(ErrorContext.of("/wmts/1.0.0/x", java.util.Map.of())).isEqualTo(ErrorContext.wmts());
        assertThat(ErrorContext.of("/ows", java.util.Map.of("service", java.util.List.of("wmts"))))
                .isEqualTo(ErrorContext.wmts());
        assertThat(ErrorContext.of("/wms", java.util.Map.of()).isWms()).isTrue();
    }
}
