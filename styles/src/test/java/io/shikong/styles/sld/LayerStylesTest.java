package io.shikong.styles.sld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.security.Caller;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStylesTest {

    private static final String RED_POLYGONS = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><Name>parcels</Name>
            <UserStyle><Name>red</Name><FeatureTypeStyle><Rule><PolygonSymbolizer><Fill>
            <CssParameter name="fill">#FF0000</CssParameter></Fill></PolygonSymbolizer></Rule></FeatureTypeStyle>
            </UserStyle></NamedLayer></StyledLayerDescriptor>
            """;

    private static LayerCatalog catalog(Path dir, String style) throws Exception {
        Path file = dir.resolve("catalog.yml");
        Files.writeString(file, """
                layers:
                  - {name: parcels, geometry: Polygon, %s attributes: []}
                  - {name: wells, geometry: Point, attributes: []}
                  - {name: roads, geometry: LineString, attributes: []}
                  - {name: buildings, geometry: MultiPolygon, attributes: []}
                """.formatted(style));
        return CatalogLoader.load(file);
    }

    @Test
    void catalogStyleFileIsTheLayersDefault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("parcels.sld"), RED_POLYGONS);
        LayerCatalog c = catalog(dir, "style: parcels.sld,");
        Style s = new LayerStyles(c).defaultStyle(c.layer("parcels", Caller.ANONYMOUS));
        assertThat(s.name()).isEqualTo("red");
        PolygonSymbolizer p = (PolygonSymbolizer) s.featureTypeStyles().get(0).rules().get(0).symbolizers().get(0);
        assertThat(p.fill().color()).isEqualTo(Color.RED);
    }

    @Test
    void layersWithoutAStyleGetOneByGeometryTypeAndSampleLayersTheirStandardStyle(@TempDir Path dir) throws Exception {
        LayerCatalog c = catalog(dir, "");
        LayerStyles styles = new LayerStyles(c);
        assertThat(styles.defaultStyle(c.layer("wells", Caller.ANONYMOUS)).featureTypeStyles().get(0).rules().get(0)
                .symbolizers().get(0)).isInstanceOf(PointSymbolizer.class);
        assertThat(styles.defaultStyle(c.layer("roads", Caller.ANONYMOUS)).featureTypeStyles().get(0).rules().get(0)
                .symbolizers().get(0)).isInstanceOf(LineSymbolizer.class);
        assertThat(styles.defaultStyle(c.layer("parcels", Caller.ANONYMOUS)).featureTypeStyles().get(0).rules().get(0)
                .symbolizers().get(0)).isInstanceOf(PolygonSymbolizer.class);
        assertThat(styles.defaultStyle(c.layer("buildings", Caller.ANONYMOUS))).isEqualTo(StandardStyles.load("buildings"));
    }

    @Test
    void anUnreadableCatalogStyleStopsTheStartNamingTheLayer(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("parcels.sld"), "<StyledLayerDescriptor><NamedLayer>");
        LayerCatalog c = catalog(dir, "style: parcels.sld,");
        assertThatThrownBy(() -> new LayerStyles(c)).isInstanceOf(CatalogConfigurationException.class)
                .hasMessageStartingWith("layers.parcels.style:").hasMessageContaining("invalid SLD");
    }
}
