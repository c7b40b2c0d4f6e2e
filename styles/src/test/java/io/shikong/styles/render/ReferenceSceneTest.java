package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/**
 * A map of hand-placed features (polygons, one with a hole, overlapping fills, a stroked outline, a thick,
 * a thin and a diagonal line, two marks and a Chinese label) whose expected image is drawn here with plain
 * Java2D from the same coordinates, not by the renderer: known pixels are checked exactly (fill interiors,
 * line centres, mark centres, the hole, the background), the whole picture with {@link PictureAssert}
 * (interiors exact, edges within their neighbourhood), and the label's glyphs against the CJK font's own.
 * The map extent is the pixel grid (x right, y up), so a map coordinate is a pixel edge.
 */
class ReferenceSceneTest {

    static final int W = 240;
    static final int H = 160;
    static final String LABEL = "沈阳故宫";
    static final Color BLOCK = Color.decode("#2E86C1");
    static final Color ROOF = Color.decode("#F1C40F");
    static final Color PARK = Color.decode("#27AE60");
    static final Color PARK_EDGE = Color.decode("#145A32");
    static final Color COURTYARD = Color.decode("#C0392B");
    static final Color ROAD = Color.decode("#F39C12");
    static final Color THIN = Color.decode("#8E44AD");
    static final Color DIAG = Color.decode("#000000");
    static final Color SQUARE = Color.decode("#E74C3C");
    static final Color SQUARE_EDGE = Color.decode("#7B241C");
    static final Color CIRCLE = Color.decode("#1ABC9C");
    static final Color CIRCLE_EDGE = Color.decode("#0E6655");

    static final String SLD = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
              <NamedLayer><Name>scene</Name><UserStyle><Name>scene</Name><FeatureTypeStyle>
                %s
                <Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>park</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
                  <PolygonSymbolizer><Fill><CssParameter name="fill">#27AE60</CssParameter></Fill>
                    <Stroke><CssParameter name="stroke">#145A32</CssParameter><CssParameter name="stroke-width">4</CssParameter></Stroke></PolygonSymbolizer></Rule>
                %s %s %s
                <Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>diag</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
                  <LineSymbolizer><Stroke><CssParameter name="stroke">#000000</CssParameter><CssParameter name="stroke-width">3</CssParameter>
                    <CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke></LineSymbolizer></Rule>
                %s %s
                <Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>label</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
                  <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label>
                    <Font><CssParameter name="font-family">DejaVu Sans</CssParameter><CssParameter name="font-size">18</CssParameter></Font>
                    <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>
                    <Fill><CssParameter name="fill">#000000</CssParameter></Fill></TextSymbolizer></Rule>
              </FeatureTypeStyle></UserStyle></NamedLayer>
            </StyledLayerDescriptor>""".formatted(
                    fillRule("block", "#2E86C1"), fillRule("roof", "#F1C40F"), fillRule("courtyard", "#C0392B"),
                    lineRule("road", "#F39C12", 5) + lineRule("thin", "#8E44AD", 1),
                    markRule("square", "square", "#E74C3C", "#7B241C", 10), markRule("circle", "circle", "#1ABC9C", "#0E6655", 12));

    static BufferedImage actual;
    static BufferedImage expected;
    /** Where the expected label's glyphs are, with a margin. */
    static Rectangle labelBox;

    static String fillRule(String kind, String colour) {
        return "<Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>" + kind
                + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><PolygonSymbolizer><Fill><CssParameter name=\"fill\">"
                + colour + "</CssParameter></Fill></PolygonSymbolizer></Rule>";
    }

    static String lineRule(String kind, String colour, double width) {
        return "<Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>" + kind
                + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><LineSymbolizer><Stroke><CssParameter name=\"stroke\">"
                + colour + "</CssParameter><CssParameter name=\"stroke-width\">" + width + "</CssParameter></Stroke></LineSymbolizer></Rule>";
    }

    static String markRule(String kind, String mark, String fill, String stroke, double size) {
        return "<Rule><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>" + kind
                + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><PointSymbolizer><Graphic><Mark><WellKnownName>" + mark
                + "</WellKnownName><Fill><CssParameter name=\"fill\">" + fill + "</CssParameter></Fill><Stroke><CssParameter name=\"stroke\">"
                + stroke + "</CssParameter><CssParameter name=\"stroke-width\">2</CssParameter></Stroke></Mark><Size>" + size
                + "</Size></Graphic></PointSymbolizer></Rule>";
    }

    /** The features, in drawing order; map y is up, so screen y = 160 - map y. */
    static List<Feature> features() throws Exception {
        WKTReader wkt = new WKTReader();
        List<Feature> fs = new ArrayList<>();
        fs.add(Feature.of("block", wkt.read("POLYGON((10 10, 70 10, 70 60, 10 60, 10 10))"), Map.of("kind", "block")));
        fs.add(Feature.of("roof", wkt.read("POLYGON((50 40, 80 40, 80 70, 50 70, 50 40))"), Map.of("kind", "roof")));
        fs.add(Feature.of("park", wkt.read("POLYGON((90 10, 150 10, 150 60, 90 60, 90 10))"), Map.of("kind", "park")));
        fs.add(Feature.of("courtyard", wkt.read("POLYGON((170 10, 230 10, 230 60, 170 60, 170 10),"
                + "(185 25, 215 25, 215 45, 185 45, 185 25))"), Map.of("kind", "courtyard")));
        fs.add(Feature.of("road", wkt.read("LINESTRING(10 90.5, 230 90.5)"), Map.of("kind", "road")));
        fs.add(Feature.of("thin", wkt.read("LINESTRING(10 110.5, 230 110.5)"), Map.of("kind", "thin")));
        fs.add(Feature.of("diag", wkt.read("LINESTRING(20 120, 100 150)"), Map.of("kind", "diag")));
        fs.add(Feature.of("square", wkt.read("POINT(130 120)"), Map.of("kind", "square")));
        fs.add(Feature.of("circle", wkt.read("POINT(160 120)"), Map.of("kind", "circle")));
        fs.add(Feature.of("label", wkt.read("POINT(190 145)"), Map.of("kind", "label", "name", LABEL)));
        return fs;
    }

    static BufferedImage render() throws Exception {
        Style style = SldParser.parse(SLD.getBytes(StandardCharsets.UTF_8)).styles().get(0);
        MapRenderer r = new MapRenderer(W, H, new Envelope(0, W, 0, H), false, Color.WHITE);
        r.draw(features().iterator(), style, 10_000);
        return r.finish();
    }

    /** The same scene drawn with plain Java2D from the same coordinates (screen y = 160 - map y). */
    static BufferedImage draw() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(BLOCK);
        g.fill(new Rectangle2D.Double(10, 100, 60, 50));
        g.setColor(ROOF);
        g.fill(new Rectangle2D.Double(50, 90, 30, 30));
        Rectangle2D park = new Rectangle2D.Double(90, 100, 60, 50);
        g.setColor(PARK);
        g.fill(park);
        g.setColor(PARK_EDGE);
        g.setStroke(new BasicStroke(4, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(park);
        Path2D.Double courtyard = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        courtyard.append(new Rectangle2D.Double(170, 100, 60, 50), false);
        courtyard.append(new Rectangle2D.Double(185, 115, 30, 20), false);
        g.setColor(COURTYARD);
        g.fill(courtyard);
        g.setColor(ROAD);
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(10, 69.5, 230, 69.5));
        g.setColor(THIN);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(10, 49.5, 230, 49.5));
        g.setColor(DIAG);
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(20, 40, 100, 10));
        g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        Rectangle2D square = new Rectangle2D.Double(125, 35, 10, 10);
        g.setColor(SQUARE);
        g.fill(square);
        g.setColor(SQUARE_EDGE);
        g.draw(square);
        Ellipse2D circle = new Ellipse2D.Double(154, 34, 12, 12);
        g.setColor(CIRCLE);
        g.fill(circle);
        g.setColor(CIRCLE_EDGE);
        g.draw(circle);
        // the label: centred on (190, 15) in the CJK font, black, no halo
        Font font = new Font("WenQuanYi Zen Hei", Font.PLAIN, 1).deriveFont(18f);
        assertThat(font.getFamily()).as("fonts-wqy-zenhei is installed (make test provisions it)").isEqualTo("WenQuanYi Zen Hei");
        assertThat(font.canDisplayUpTo(LABEL)).isEqualTo(-1);
        TextLayout layout = new TextLayout(LABEL, font, g.getFontRenderContext());
        Rectangle2D b = layout.getBounds();
        AffineTransform at = AffineTransform.getTranslateInstance(190 - b.getWidth() / 2, 15 + b.getHeight() / 2);
        java.awt.Shape outline = layout.getOutline(at);
        g.setColor(Color.BLACK);
        g.fill(outline);
        Rectangle r = outline.getBounds();
        labelBox = new Rectangle(r.x - 4, r.y - 4, r.width + 8, r.height + 8);
        g.dispose();
        return img;
    }

    @BeforeAll
    static void paint() throws Exception {
        actual = render();
        expected = draw();
        Path dir = Files.createDirectories(Path.of("target", "reference-scene"));
        ImageIO.write(actual, "png", dir.resolve("actual.png").toFile());
        ImageIO.write(expected, "png", dir.resolve("expected.png").toFile());
    }

    static void pixel(int x, int y, Color colour, int tolerance, String what) {
        int p = actual.getRGB(x, y);
        assertThat(PictureAssert.near(p, colour, tolerance))
                .as("%s at %d,%d is %s, expected %s (±%d) — see target/reference-scene/", what, x, y, PictureAssert.hex(p),
                        PictureAssert.hex(colour.getRGB()), tolerance)
                .isTrue();
    }

    @Test
    void fillInteriorsAreTheirExactColours() {
        pixel(30, 130, BLOCK, 0, "block");
        pixel(15, 105, BLOCK, 0, "block near its corner");
        pixel(60, 110, ROOF, 0, "roof drawn over the block");
        pixel(75, 95, ROOF, 0, "roof beyond the block");
        pixel(120, 125, PARK, 0, "park");
        pixel(177, 125, COURTYARD, 0, "courtyard ring");
        pixel(222, 142, COURTYARD, 0, "courtyard ring");
    }

    @Test
    void holesAndTheBackgroundStayEmpty() {
        pixel(200, 125, Color.WHITE, 0, "courtyard hole");
        pixel(80, 130, Color.WHITE, 0, "between block and park");
        pixel(5, 5, Color.WHITE, 0, "corner");
        pixel(120, 60, Color.WHITE, 0, "between the lines");
        pixel(160, 155, Color.WHITE, 0, "below the polygons");
    }

    @Test
    void strokesAreTheirExactColoursAtTheirCentres() {
        for (int x : new int[] {12, 100, 228}) {
            pixel(x, 69, ROAD, 0, "road centre");
            pixel(x, 68, ROAD, 0, "road");
            pixel(x, 70, ROAD, 0, "road");
            pixel(x, 49, THIN, 24, "1 px line on its pixel row");
        }
        pixel(120, 66, Color.WHITE, 0, "above the road");
        pixel(120, 73, Color.WHITE, 0, "below the road");
        pixel(89, 125, PARK_EDGE, 0, "park outline, left");
        pixel(120, 101, PARK_EDGE, 0, "park outline, top");
        pixel(149, 125, PARK_EDGE, 0, "park outline, right");
        // the diagonal from (20,40) to (100,10): pixels whose centres are within 0.3 px of it
        for (int x = 24; x <= 96; x += 8) {
            double y = 40 - (x + 0.5 - 20) * 30 / 80.0;
            int row = (int) Math.floor(y);
            if (Math.abs(row + 0.5 - y) < 0.3) {
                pixel(x, row, DIAG, 40, "diagonal line");
            }
        }
    }

    @Test
    void marksAreCentredOnTheirPoints() {
        pixel(130, 40, SQUARE, 0, "square mark");
        pixel(127, 37, SQUARE, 0, "square mark");
        pixel(124, 40, SQUARE_EDGE, 0, "square mark outline");
        pixel(130, 30, Color.WHITE, 0, "above the square");
        pixel(160, 40, CIRCLE, 0, "circle mark");
        pixel(159, 39, CIRCLE, 0, "circle mark");
        pixel(160, 34, CIRCLE_EDGE, 40, "circle outline, top");
        pixel(154, 28, Color.WHITE, 0, "outside the circle");
    }

    @Test
    void theChineseLabelIsDrawnInGlyphsNotBoxes() {
        int expectedInk = PictureAssert.ink(expected, labelBox);
        int actualInk = PictureAssert.ink(actual, labelBox);
        assertThat(expectedInk).as("the CJK font draws ink").isGreaterThan(150);
        assertThat((double) actualInk).as("ink of the label").isBetween(expectedInk * 0.8, expectedInk * 1.2);
        double distance = PictureAssert.glyphDistance(expected, actual, labelBox, 2);
        assertThat(distance).as("share of the label's pixels unlike the font's glyphs (see target/reference-scene/)")
                .isLessThan(0.03);
    }

    @Test
    void thePictureMatchesTheHandDrawnOne() {
        assertThat(PictureAssert.compare(expected, actual, labelBox)).as("see target/reference-scene/").isEmpty();
    }
}
