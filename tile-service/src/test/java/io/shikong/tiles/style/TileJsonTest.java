package io.shikong.tiles.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.samples.SampleCatalog;
import io.shikong.tiles.grid.TileMatrixSets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class TileJsonTest {

    static final LayerCatalog CATALOG = SampleCatalog.load();
    static final TileMatrixSets SETS = new TileMatrixSets(new CrsService());

    @SuppressWarnings("unchecked")
    static Map<String, Object> doc(TileJson t, List<LayerDefinition> layers, Envelope bounds) {
        return (Map<String, Object>) Json.parse(t.document(layers, bounds));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneLayer() {
        LayerDefinition buildings = CATALOG.layer("buildings", Caller.ANONYMOUS);
        TileJson t = new TileJson("http://h", SETS.get("WebMercatorQuad"));
        Map<String, Object> d = doc(t, List.of(buildings), new Envelope(123.2, 123.7, 41.6, 42.0));
        assertThat(d.get("tilejson")).isEqualTo("3.0.0");
        assertThat(d.get("name")).isEqualTo("建筑物 Buildings");
        assertThat(d.get("tiles")).isEqualTo(List.of("http://h/tiles/WebMercatorQuad/{z}/{x}/{y}.mvt?layers=buildings"));
        assertThat(d.get("minzoom")).isEqualTo(0);
        assertThat(d.get("maxzoom")).isEqualTo(24);
        assertThat((List<Number>) d.get("bounds")).extracting(Number::doubleValue).containsExactly(123.2, 41.6, 123.7, 42.0);
        List<Number> center = (List<Number>) d.get("center");
        assertThat(center.get(0).doubleValue()).isCloseTo(123.45, within(1e-9));
        assertThat(center.get(1).doubleValue()).isCloseTo(41.8, within(1e-9));
        assertThat(center.get(2).intValue()).isBetween(8, 13);

        List<Map<String, Object>> layers = (List<Map<String, Object>>) d.get("vector_layers");
        assertThat(layers).hasSize(1);
        assertThat(layers.get(0).get("id")).isEqualTo("buildings");
        Map<String, String> fields = (Map<String, String>) layers.get(0).get("fields");
        // the text id first, then every attribute of the catalog with its type and title
        assertThat(fields.keySet()).containsExactly("id", "name", "address", "district", "use", "floors", "height_m",
                "built_year");
        assertThat(fields.get("floors")).isEqualTo("整数 Integer: 层数");
        assertThat(fields.get("height_m")).isEqualTo("数值 Number: 高度（米）");
        assertThat(fields.get("use")).startsWith("字符串 String");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGroupOfLayersOnTiandituSet() {
        TileJson t = new TileJson("http://h", SETS.get("c"));
        List<LayerDefinition> layers = List.of(CATALOG.layer("buildings", Caller.ANONYMOUS),
                CATALOG.layer("pois", Caller.ANONYMOUS));
        Map<String, Object> d = doc(t, layers, null);
        assertThat(d.get("tiles")).isEqualTo(List.of("http://h/tiles/CGCS2000Quad/{z}/{x}/{y}.mvt?layers=buildings,pois"));
        assertThat(t.url(layers)).isEqualTo("http://h/tiles/CGCS2000Quad/tilejson.json?layers=buildings,pois");
        assertThat(d.get("minzoom")).isEqualTo(1);
        assertThat(d.get("maxzoom")).isEqualTo(18);
        assertThat((List<Number>) d.get("bounds")).extracting(Number::doubleValue).containsExactly(-180.0, -90.0, 180.0, 90.0);
        assertThat((List<Map<String, Object>>) d.get("vector_layers")).extracting(l -> l.get("id"))
                .containsExactly("buildings", "pois");
        Map<String, String> poiFields = (Map<String, String>) ((List<Map<String, Object>>) d.get("vector_layers"))
                .get(1).get("fields");
        assertThat(poiFields).containsKeys("name", "category");
    }
}
