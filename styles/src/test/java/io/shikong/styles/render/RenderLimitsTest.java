package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.feature.Feature;
import io.shikong.core.filter.LikePattern;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/**
 * Styles a client sends cannot make drawing expensive or fail: a LIKE pattern of many wildcards is
 * matched without backtracking, a negative dash offset draws, the render deadline stops drawing, and the
 * largest symbol and the most wildcards of a style are known before drawing.
 */
class RenderLimitsTest {

    static Style style(String rule) {
        return SldParser.parse(("""
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
                  <NamedLayer><Name>parcels</Name><UserStyle><FeatureTypeStyle>""" + rule + """
                  </FeatureTypeStyle></UserStyle></NamedLayer>
                </StyledLayerDescriptor>""").getBytes(StandardCharsets.UTF_8)).styles().get(0);
    }

    static String likeRule(String pattern) {
        return "<Rule><ogc:Filter><ogc:PropertyIsLike wildCard=\"*\" singleChar=\".\" escape=\"!\">"
                + "<ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>" + pattern + "</ogc:Literal></ogc:PropertyIsLike>"
                + "</ogc:Filter><PolygonSymbolizer><Fill><CssParameter name=\"fill\">#FF0000</CssParameter></Fill>"
                + "</PolygonSymbolizer></Rule>";
    }

    static Feature square(String use) throws Exception {
        return Feature.of("a", new WKTReader().read("POLYGON((0 0, 50 0, 50 50, 0 50, 0 0))"), Map.of("use", use));
    }

    @Test
    void aLikeOfManyWildcardsIsMatchedWithoutBacktracking() throws Exception {
        // as a regular expression, 25 ".*" before a '#' that never comes backtrack for ages on a long value
        Style style = style(likeRule("*************************#"));
        Feature f = square("a".repeat(5000));
        // why it is linear: the run of 25 wildcards is one, leaving a single segment ('#') to find
        assertThat(like("*************************#")).hasToString("LikePattern[1 segments, 25 wildcards, ignoring case]");
        MapRenderer r = new MapRenderer(100, 100, new Envelope(0, 100, 0, 100), true, null);
        r.draw(List.of(f, f, f).iterator(), style, 1e6);
        BufferedImage img = r.finish();
        assertThat(new Color(img.getRGB(25, 75), true).getAlpha()).as("no '#': no match").isZero();
        assertThat(StyleCost.mostWildcards(style)).isEqualTo(25);
    }

    @Test
    void likePatternSemantics() {
        assertThat(like("*").matches("")).isTrue();
        assertThat(like("").matches("")).isTrue();
        assertThat(like("").matches("x")).isFalse();
        assertThat(like("a*b").matches("ab")).isTrue();
        assertThat(like("a*b").matches("a-x-b")).isTrue();
        assertThat(like("a*b").matches("a-x-bc")).isFalse();
        assertThat(like("a*a").matches("a")).isFalse();
        assertThat(like("*office*").matches("Home OFFICE 2")).isTrue();
        assertThat(LikePattern.compile("*office*", "*", ".", "!", true).matches("Home OFFICE 2")).isFalse();
        assertThat(like("of.ice").matches("office")).isTrue();
        assertThat(like("of.ice").matches("offfice")).isFalse();
        assertThat(like("*.*.*").matches("ab")).isTrue();
        assertThat(like("*.*.*.").matches("ab")).isFalse();
        assertThat(like("100!*").matches("100*")).isTrue();
        assertThat(like("100!*").matches("1000")).isFalse();
        assertThat(like("*ab*ab").matches("xabyabab")).isTrue();
        assertThat(like("ab*ab*").matches("abab")).isTrue();
        assertThat(like("**a**").matches("bab")).isTrue();
        assertThat(like("a***").wildcards()).isEqualTo(3);
    }

    static LikePattern like(String pattern) {
        return LikePattern.compile(pattern, "*", ".", "!", false);
    }

    @Test
    void aNegativeDashOffsetDrawsTheShiftedPattern() throws Exception {
        Style style = style("<Rule><LineSymbolizer><Stroke><CssParameter name=\"stroke\">#0000FF</CssParameter>"
                + "<CssParameter name=\"stroke-width\">4</CssParameter><CssParameter name=\"stroke-dasharray\">10 10</CssParameter>"
                + "<CssParameter name=\"stroke-dashoffset\">-5</CssParameter></Stroke></LineSymbolizer></Rule>");
        MapRenderer r = new MapRenderer(100, 100, new Envelope(0, 100, 0, 100), true, null);
        r.draw(List.of(Feature.of("l", new WKTReader().read("LINESTRING(0 50, 100 50)"), Map.of())).iterator(), style, 1e6);
        BufferedImage img = r.finish();
        // offset -5 of a 20-px period is the phase 15: a gap until x = 5, then a dash from 5 to 15
        assertThat(new Color(img.getRGB(2, 50), true).getAlpha()).isZero();
        assertThat(new Color(img.getRGB(10, 50), true)).isEqualTo(Color.BLUE);
        assertThat(MapRenderer.dashPhase(-5, 20)).isEqualTo(15f);
        assertThat(MapRenderer.dashPhase(45, 20)).isEqualTo(5f);
        assertThat(MapRenderer.dashPhase(-1e300, 20)).isBetween(0f, 20f);
    }

    @Test
    void drawingStopsOnceTheDeadlineIsSpent() throws Exception {
        Style style = style(likeRule("*"));
        MapRenderer r = new MapRenderer(100, 100, new Envelope(0, 100, 0, 100), true, null);
        r.deadline(Duration.ZERO);
        Feature f = square("x");
        assertThatThrownBy(() -> r.draw(List.of(f).iterator(), style, 1e6)).isInstanceOf(RenderTimeoutException.class)
                .hasMessageContaining("budget of 0 ms");
    }

    @Test
    void theLargestSymbolOfAStyleIsKnownBeforeDrawing() {
        Style style = style("<Rule><LineSymbolizer><Stroke><CssParameter name=\"stroke-width\">512</CssParameter></Stroke>"
                + "</LineSymbolizer><TextSymbolizer><Label><ogc:PropertyName>use</ogc:PropertyName></Label>"
                + "<Font><CssParameter name=\"font-size\">20</CssParameter></Font></TextSymbolizer></Rule>");
        assertThat(StyleCost.largestSymbol(style)).isEqualTo(new StyleCost.Symbol("stroke-width", 512));
        assertThat(StyleCost.mostWildcards(style)).isZero();
    }
}
