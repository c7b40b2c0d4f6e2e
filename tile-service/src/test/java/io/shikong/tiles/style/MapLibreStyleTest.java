package io.shikong.tiles.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import io.shikong.samples.SampleCatalog;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.PolygonSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.StandardStyles;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.TextSymbolizer;
import io.shikong.tiles.grid.TileMatrixSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MapLibre style of the six standard layers, read back as JSON and compared with the parsed SLD styles
 * themselves (not with colours typed in here), so that the test holds whatever the SLDs say.
 */
class MapLibreStyleTest {

    static final LayerCatalog CATALOG = SampleCatalog.load();
    static final TileMatrixSets SETS = new TileMatrixSets(new CrsService());
    static final Caller ADMIN = Caller.of("admin", Caller.ADMIN);

    @SuppressWarnings("unchecked")
    static Map<String, Object> style(LayerCatalog catalog, Caller caller) {
        List<LayerDefinition> layers = MapLibreStyle.standardLayers(catalog.layers(caller));
        byte[] json = new MapLibreStyle(new LayerStyles(catalog), new TileJson("http://h", SETS.get("WebMercatorQuad")),
                null).document("standard", layers);
        return (Map<String, Object>) Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> layers(Map<String, Object> style) {
        return (List<Map<String, Object>>) style.get("layers");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> layer(Map<String, Object> style, String id) {
        return layers(style).stream().filter(l -> l.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + id + " in " + layers(style).stream()
                        .map(l -> l.get("id")).toList()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> paint(Map<String, Object> layer) {
        return (Map<String, Object>) layer.get("paint");
    }

    static String hex(java.awt.Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStyleV8WithOneVectorSourceOfTheLayersTileJson() {
        Map<String, Object> s = style(CATALOG, ADMIN);
        assertThat(s.get("version")).isEqualTo(8);
        assertThat(s.get("name")).isEqualTo("standard");
        Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) s.get("sources")).get("shikong");
        assertThat(source.get("type")).isEqualTo("vector");
        // polygons first, then lines, then points
        assertThat(source.get("url")).isEqualTo("http://h/tiles/WebMercatorQuad/tilejson.json?layers="
                + "buildings,eco_red_lines,pipelines,pois,street_view,inspection_sites");
        assertThat((String) s.get("glyphs")).contains("{fontstack}").contains("{range}");
        assertThat(layers(s)).allSatisfy(l -> {
            assertThat(l.get("source")).isEqualTo("shikong");
            assertThat(l.get("type")).isIn("fill", "line", "circle", "symbol");
        });
        assertThat(layers(s)).extracting(l -> l.get("id")).doesNotHaveDuplicates();
        // labels above everything
        List<Object> types = layers(s).stream().map(l -> l.get("type")).toList();
        assertThat(types.subList(types.indexOf("symbol"), types.size())).containsOnly("symbol");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildingsAreFilledWithTheSldsColoursByUse() {
        Map<String, Object> s = style(CATALOG, Caller.ANONYMOUS);
        Style sld = StandardStyles.load("buildings");
        int checked = 0;
        for (Rule rule : sld.featureTypeStyles().get(0).rules()) {
            PolygonSymbolizer p = (PolygonSymbolizer) rule.symbolizers().get(0);
            Map<String, Object> fill = layer(s, "buildings-0-" + rule.name() + "-0-fill");
            assertThat(paint(fill).get("fill-color")).isEqualTo(hex(p.fill().color()));
            assertThat(((Number) paint(fill).get("fill-opacity")).doubleValue()).isEqualTo(p.fill().opacity());
            Map<String, Object> outline = layer(s, "buildings-0-" + rule.name() + "-0-outline");
            assertThat(paint(outline).get("line-color")).isEqualTo(hex(p.stroke().color()));
            assertThat(((Number) paint(outline).get("line-width")).doubleValue()).isEqualTo(p.stroke().width());
            if (!rule.elseFilter()) {
                assertThat(fill.get("filter")).isEqualTo(List.of("==", List.of("get", "use"), rule.name()));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(8);
        // the ElseFilter: none of the seven uses
        List<Object> other = (List<Object>) layer(s, "buildings-0-other-0-fill").get("filter");
        assertThat(other.get(0)).isEqualTo("!");
        assertThat((List<Object>) other.get(1)).hasSize(8).first().isEqualTo("any");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pipelinesAreStrokedPerNetworkAndDiameterAsTheSldSays() {
        assertThat(layers(style(CATALOG, Caller.ANONYMOUS))).noneMatch(l -> l.get("source-layer").equals("pipelines"));
        Map<String, Object> s = style(CATALOG, ADMIN);
        Style sld = StandardStyles.load("pipelines");
        for (Rule rule : sld.rules()) {
            LineSymbolizer line = (LineSymbolizer) rule.symbolizers().get(0);
            Map<String, Object> l = layer(s, "pipelines-0-" + rule.name() + "-0-line");
            assertThat(paint(l).get("line-color")).as(rule.name()).isEqualTo(hex(line.stroke().color()));
            assertThat(((Number) paint(l).get("line-width")).doubleValue()).isEqualTo(line.stroke().width());
            assertThat(((Map<String, Object>) l.get("layout")).get("line-cap")).isEqualTo(line.stroke().lineCap());
            if (!rule.elseFilter()) {
                String network = rule.name().replace("_large", "");
                assertThat(l.get("filter").toString()).as(rule.name()).contains("[==, [get, network], " + network + "]");
            }
        }
        // DN < 500 or unknown diameter: the number compared as a number, the property required
        Map<String, Object> water = layer(s, "pipelines-0-water_supply-0-line");
        assertThat(water.get("filter")).isEqualTo(List.of("all",
                List.of("==", List.of("get", "network"), "water_supply"),
                List.of("any", List.of("all", List.of("has", "diameter_mm"),
                                List.of("<", List.of("to-number", List.of("get", "diameter_mm")), 500)),
                        List.of("!", List.of("has", "diameter_mm")))));
        // dashes in line widths: SLD "4 2" at 1 px
        assertThat(paint(layer(s, "pipelines-0-other-0-line")).get("line-dasharray")).isEqualTo(List.of(4.0, 2.0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pointsLabelsScalesAndWhatCannotBeDrawnWithoutASprite() {
        Map<String, Object> s = style(CATALOG, ADMIN);
        // marks as circles of the mark's size and colours
        Map<String, Object> riskD = layer(s, "inspection_sites-0-risk_D-0-circle");
        assertThat(paint(riskD).get("circle-color")).isEqualTo("#D7191C");
        assertThat(((Number) paint(riskD).get("circle-radius")).doubleValue()).isEqualTo(6.0);
        assertThat(paint(riskD).get("circle-stroke-color")).isEqualTo("#FFFFFF");

        // POI names below 1:10 000: MapLibre zoom log2(279541132 / 10000)
        Map<String, Object> label = layer(s, "pois-1-label-0-label");
        TextSymbolizer text = (TextSymbolizer) StandardStyles.load("pois").featureTypeStyles().get(1).rules().get(0)
                .symbolizers().get(0);
        assertThat(label.get("type")).isEqualTo("symbol");
        assertThat(((Number) label.get("minzoom")).doubleValue()).isCloseTo(14.77, within(0.01));
        Map<String, Object> layout = (Map<String, Object>) label.get("layout");
        assertThat(layout.get("text-field")).isEqualTo(List.of("to-string", List.of("get", text.labelProperty())));
        assertThat(((Number) layout.get("text-size")).doubleValue()).isEqualTo(text.font().size());
        assertThat(layout.get("text-anchor")).isEqualTo("left");
        assertThat(paint(label).get("text-color")).isEqualTo(hex(text.fill().color()));
        assertThat(label.get("filter")).isEqualTo(List.of("has", "name"));

        // red-line zones: the tint drawn, the hatch left out and said so; bold labels with a translucent halo
        assertThat(paint(layer(s, "eco_red_lines-0-core-0-fill")).get("fill-color")).isEqualTo("#1B7F3B");
        assertThat(((Number) paint(layer(s, "eco_red_lines-0-core-0-fill")).get("fill-opacity")).doubleValue())
                .isEqualTo(0.18);
        assertThat(((Map<String, Object>) s.get("metadata")).get("shikong:omitted").toString())
                .contains("eco_red_lines-0-core-1").contains("GraphicFill");
        assertThat(paint(layer(s, "eco_red_lines-0-core-1-outline")).get("line-color")).isEqualTo("#1B7F3B");
        Map<String, Object> zone = layer(s, "eco_red_lines-1-label-0-label");
        assertThat(((Map<String, Object>) zone.get("layout")).get("text-font")).isEqualTo(MapLibreStyle.BOLD_FONT);
        assertThat(paint(zone).get("text-halo-color")).isEqualTo("rgba(255,255,255,0.85)");

        // timestamps compared as the tiles write them
        assertThat(layer(s, "street_view-0-recent-0-circle").get("filter")).isEqualTo(List.of("all",
                List.of("has", "captured_at"),
                List.of(">", List.of("to-string", List.of("get", "captured_at")), "2024-01-01T00:00:00.000Z")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangedSldChangesTheStyle(@TempDir Path dir) throws IOException {
        String sld = new String(StandardStyles.document("buildings"), StandardCharsets.UTF_8)
                .replace("#F2DAB2", "#123456");
        Files.writeString(dir.resolve("buildings.sld"), sld);
        Files.writeString(dir.resolve("catalog.yml"), """
                layers:
                  - name: buildings
                    geometry: MultiPolygon
                    style: buildings.sld
                    attributes: [{name: use, type: string}]
                """);
        LayerCatalog catalog = CatalogLoader.load(dir.resolve("catalog.yml"));
        Map<String, Object> s = style(catalog, Caller.ANONYMOUS);
        assertThat(paint(layer(s, "buildings-0-residential-0-fill")).get("fill-color")).isEqualTo("#123456");
    }

    @Test
    void mapLibreDrawsWebMercatorOnly() {
        assertThatThrownBy(() -> new MapLibreStyle(new LayerStyles(CATALOG), new TileJson("http://h",
                SETS.get("CGCS2000Quad")), null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Web Mercator");
        // the GCJ-02 variant is Web Mercator too (over Amap or Tencent base maps)
        assertThat(new MapLibreStyle(new LayerStyles(CATALOG), new TileJson("http://h",
                SETS.get("WebMercatorQuadGCJ02")), "http://g/{fontstack}/{range}.pbf")
                .document("gcj", List.of(CATALOG.layer("pois", Caller.ANONYMOUS)))).isNotEmpty();
    }

    @Test
    void scaleDenominatorsAsZooms() {
        assertThat(MapLibreStyle.zoom(MapLibreStyle.ZOOM0_SCALE)).isEqualTo(0.0);
        assertThat(MapLibreStyle.zoom(MapLibreStyle.ZOOM0_SCALE / 1024)).isEqualTo(10.0);
        assertThat(MapLibreStyle.anchor(0.5, 0.5)).isEqualTo("center");
        assertThat(MapLibreStyle.anchor(1, 0)).isEqualTo("bottom-right");
        Optional<Object> none = new MapLibreFilters(CATALOG.layer("pois", Caller.ANONYMOUS)).translate(null);
        assertThat(none).contains(true);
    }
}
