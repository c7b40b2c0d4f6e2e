package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/** Known pixels of known features: rule filters, ElseFilter, scale ranges, points, lines, labels. */
class MapRendererTest {

    static final String SLD = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
              <NamedLayer><Name>parcels</Name><UserStyle><Name>test</Name><FeatureTypeStyle>
                <Rule><Name>office</Name>
                  <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>office</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
                  <PolygonSymbolizer><Fill><CssParameter name="fill">#FF0000</CssParameter></Fill></PolygonSymbolizer>
                </Rule>
                <Rule><Name>other</Name><ElseFilter/>
                  <PolygonSymbolizer><Fill><CssParameter name="fill">#0000FF</CssParameter></Fill></PolygonSymbolizer>
                </Rule>
                <Rule><Name>close up</Name><MaxScaleDenominator>5000</MaxScaleDenominator>
                  <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName>
                    <Fill><CssParameter name="fill">#00FF00</CssParameter></Fill></Mark><Size>10</Size></Graphic></PointSymbolizer>
                </Rule>
              </FeatureTypeStyle></UserStyle></NamedLayer>
            </StyledLayerDescriptor>""";

    static Style style() {
        return SldParser.parse(SLD.getBytes(StandardCharsets.UTF_8)).styles().get(0);
    }

    static Feature feature(String id, String wkt, String use) throws Exception {
        return Feature.of(id, new WKTReader().read(wkt), use == null ? Map.of() : Map.of("use", use));
    }

    static BufferedImage render(double scale, Feature... features) {
        MapRenderer r = new MapRenderer(100, 100, new Envelope(0, 100, 0, 100), true, null);
        Iterator<Feature> it = List.of(features).iterator();
        r.draw(it, style(), scale);
        return r.finish();
    }

    @Test
    void rulesByFilterAndElse() throws Exception {
        BufferedImage img = render(1e6,
                feature("a", "POLYGON((0 0, 50 0, 50 50, 0 50, 0 0))", "office"),
                feature("b", "POLYGON((50 50, 100 50, 100 100, 50 100, 50 50))", "residential"));
        assertThat(new Color(img.getRGB(25, 75), true)).as("office, bottom left").isEqualTo(Color.RED);
        assertThat(new Color(img.getRGB(75, 25), true)).as("else, top right").isEqualTo(Color.BLUE);
        assertThat(new Color(img.getRGB(75, 75), true).getAlpha()).as("nothing there").isZero();
    }

    @Test
    void scaleDependentRules() throws Exception {
        Feature p = feature("p", "POLYGON((40 40, 60 40, 60 60, 40 60, 40 40))", "office");
        assertThat(new Color(render(1e6, p).getRGB(50, 50), true)).isEqualTo(Color.RED);
        // at 1:4000 the close-up rule also draws a green circle at the interior point
        assertThat(new Color(render(4000, p).getRGB(50, 50), true)).isEqualTo(Color.GREEN);
    }

    @Test
    void legendHasARowPerDrawingRule() {
        BufferedImage legend = LegendRenderer.legend(style(), 20, Double.NaN, false);
        assertThat(legend.getHeight()).isEqualTo(3 * 24);
        assertThat(new Color(legend.getRGB(10, 12))).isEqualTo(Color.RED);
        assertThat(new Color(legend.getRGB(10, 24 + 12))).isEqualTo(Color.BLUE);
        assertThat(LegendRenderer.legend(style(), 20, 1e6, false).getHeight()).isEqualTo(2 * 24);
    }
}
