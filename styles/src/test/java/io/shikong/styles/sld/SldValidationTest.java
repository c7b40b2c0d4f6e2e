package io.shikong.styles.sld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal names what it refuses, and where. */
class SldValidationTest {

    /** An SE 1.1 FeatureTypeStyle with one rule named 'water' holding {@code body}. */
    static byte[] rule(String body) {
        return ("""
                <se:FeatureTypeStyle xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"
                    xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:xlink="http://www.w3.org/1999/xlink"
                    xmlns:gml="http://www.opengis.net/gml">
                  <se:Rule><se:Name>water</se:Name>""" + body + "</se:Rule></se:FeatureTypeStyle>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static StyleException refused(byte[] xml) {
        try {
            SldParser.parse(xml);
        } catch (StyleException e) {
            return e;
        }
        throw new AssertionError("accepted: " + new String(xml, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "<se:RasterSymbolizer><se:ColorMap/></se:RasterSymbolizer> | unsupported element se:RasterSymbolizer in Rule 'water'",
        "<se:ColorMap/> | unsupported element se:ColorMap in Rule 'water'",
        "<se:LineSymbolizer><se:Stroke><se:SvgParameter name='stroke-fancy'>1</se:SvgParameter></se:Stroke></se:LineSymbolizer> | unknown SvgParameter 'stroke-fancy' in Stroke of Rule 'water'",
        "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name='fill'>#zz0000</se:SvgParameter></se:Fill></se:PolygonSymbolizer> | invalid color '#zz0000' (#RRGGBB or #RGB) in Fill of Rule 'water'",
        "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name='fill'>red</se:SvgParameter></se:Fill></se:PolygonSymbolizer> | invalid color 'red'",
        "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name='fill-opacity'>1.5</se:SvgParameter></se:Fill></se:PolygonSymbolizer> | invalid fill-opacity '1.5' (0..1) in Fill of Rule 'water'",
        "<se:LineSymbolizer><se:Stroke><se:SvgParameter name='stroke-width'>-2</se:SvgParameter></se:Stroke></se:LineSymbolizer> | invalid stroke-width '-2' (a non-negative number) in Stroke of Rule 'water'",
        "<se:LineSymbolizer><se:Stroke><se:SvgParameter name='stroke-dasharray'>5 x</se:SvgParameter></se:Stroke></se:LineSymbolizer> | invalid stroke-dasharray '5 x'",
        "<se:LineSymbolizer><se:Stroke><se:SvgParameter name='stroke-linejoin'>wavy</se:SvgParameter></se:Stroke></se:LineSymbolizer> | invalid stroke-linejoin 'wavy'",
        "<se:LineSymbolizer><se:Stroke><se:SvgParameter name='stroke'><ogc:PropertyName>c</ogc:PropertyName></se:SvgParameter></se:Stroke></se:LineSymbolizer> | unsupported expression ogc:PropertyName in SvgParameter 'stroke' of Stroke of Rule 'water'",
        "<se:LineSymbolizer><se:Stroke><se:GraphicStroke/></se:Stroke></se:LineSymbolizer> | unsupported element se:GraphicStroke in Stroke of Rule 'water'",
        "<se:LineSymbolizer><se:Geometry><ogc:PropertyName>g</ogc:PropertyName></se:Geometry></se:LineSymbolizer> | unsupported element se:Geometry in LineSymbolizer of Rule 'water'",
        "<se:LineSymbolizer><se:Stroke/><se:Stroke/></se:LineSymbolizer> | duplicate element se:Stroke in LineSymbolizer of Rule 'water'",
        "<se:LineSymbolizer uom='http://www.opengeospatial.org/se/units/metre'/> | unit of measure 'http://www.opengeospatial.org/se/units/metre' is not supported",
        "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>hexagon</se:WellKnownName></se:Mark></se:Graphic></se:PointSymbolizer> | unknown WellKnownName 'hexagon'",
        "<se:PointSymbolizer><se:Graphic><se:Size>big</se:Size></se:Graphic></se:PointSymbolizer> | invalid Size 'big' (a non-negative number) in Graphic of Rule 'water'",
        "<se:PointSymbolizer><se:Graphic><se:Displacement/></se:Graphic></se:PointSymbolizer> | unsupported element se:Displacement in Graphic of Rule 'water'",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='http://evil.example/x.png'/><se:Format>image/png</se:Format></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | external graphic 'http://evil.example/x.png' refused: only local files and classpath: resources are allowed (no network access) in ExternalGraphic of Rule 'water'",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='ftp://h/x.png'/><se:Format>image/png</se:Format></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | external graphic 'ftp://h/x.png' refused",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='icons/x.png'/><se:Format>image/png</se:Format></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | external graphic 'icons/x.png' refused: no graphics directory is configured",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='classpath:nope.png'/><se:Format>image/png</se:Format></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | external graphic 'classpath:nope.png' not found on the classpath",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='classpath:io/shikong/styles/sld/dot.png'/><se:Format>image/svg+xml</se:Format></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | unsupported Format 'image/svg+xml'",
        "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:InlineContent/></se:ExternalGraphic></se:Graphic></se:PointSymbolizer> | unsupported element se:InlineContent in ExternalGraphic of Rule 'water'",
        "<se:TextSymbolizer><se:Font/></se:TextSymbolizer> | missing Label in TextSymbolizer of Rule 'water'",
        "<se:TextSymbolizer><se:Label>Name: <ogc:PropertyName>n</ogc:PropertyName></se:Label></se:TextSymbolizer> | Label must hold exactly one ogc:PropertyName",
        "<se:TextSymbolizer><se:Label><ogc:PropertyName>a/b</ogc:PropertyName></se:Label></se:TextSymbolizer> | XPath property name 'a/b' is not supported in Label of Rule 'water'",
        "<se:TextSymbolizer><se:Label><ogc:PropertyName>n</ogc:PropertyName></se:Label><se:Font><se:SvgParameter name='font-weight'>heavy</se:SvgParameter></se:Font></se:TextSymbolizer> | invalid font-weight 'heavy' (normal or bold) in Font of Rule 'water'",
        "<se:TextSymbolizer><se:Label><ogc:PropertyName>n</ogc:PropertyName></se:Label><se:VendorOption name='x'>1</se:VendorOption></se:TextSymbolizer> | unsupported element se:VendorOption in TextSymbolizer of Rule 'water'",
        "<se:TextSymbolizer><se:Label><ogc:PropertyName>n</ogc:PropertyName></se:Label><se:LabelPlacement><se:PointPlacement><se:Rotation>30</se:Rotation></se:PointPlacement></se:LabelPlacement></se:TextSymbolizer> | a rotated label (non-zero Rotation) is not supported in PointPlacement of Rule 'water'",
        "<ogc:Filter><ogc:BBOX><ogc:PropertyName>geom</ogc:PropertyName></ogc:BBOX></ogc:Filter> | spatial operator ogc:BBOX is not supported in style rules (in Filter of Rule 'water')",
        "<fes:Filter><fes:Intersects/></fes:Filter> | spatial operator fes:Intersects is not supported in style rules",
        "<fes:Filter><fes:After><fes:ValueReference>t</fes:ValueReference></fes:After></fes:Filter> | temporal operator fes:After is not supported in style rules",
        "<ogc:Filter><ogc:FeatureId fid='a.1'/></ogc:Filter> | identifier filter ogc:FeatureId is not supported in style rules",
        "<ogc:Filter><ogc:PropertyIsEqualTo><ogc:Function name='strLength'/><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter> | function 'strLength' (ogc:Function) is not supported in Filter of Rule 'water'",
        "<ogc:Filter><ogc:PropertyIsFancy/></ogc:Filter> | unknown filter operator ogc:PropertyIsFancy in Filter of Rule 'water'",
        "<ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>a</ogc:PropertyName></ogc:PropertyIsEqualTo></ogc:Filter> | ogc:PropertyIsEqualTo needs exactly two operands in Filter of Rule 'water'",
        "<ogc:Filter/> | ogc:Filter must hold exactly one operator, has 0 in Filter of Rule 'water'",
        "<ogc:Filter><ogc:PropertyIsLike singleChar='..'><ogc:PropertyName>a</ogc:PropertyName><ogc:Literal>x</ogc:Literal></ogc:PropertyIsLike></ogc:Filter> | wildCard, singleChar and escapeChar of ogc:PropertyIsLike must be single characters, were '*', '..' and '\\' in Filter of Rule 'water'",
        "<ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>a</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><se:ElseFilter/> | both Filter and ElseFilter in Rule 'water'",
        "<se:MinScaleDenominator>5000</se:MinScaleDenominator><se:MaxScaleDenominator>100</se:MaxScaleDenominator> | MinScaleDenominator 5000.0 is not below MaxScaleDenominator 100.0 in Rule 'water'",
        "<se:MinScaleDenominator>-1</se:MinScaleDenominator> | invalid MinScaleDenominator '-1' (a non-negative number) in Rule 'water'",
        "<se:LegendGraphic/> | unsupported element se:LegendGraphic in Rule 'water'",
        "<Rule/> | unsupported element Rule (no namespace) in Rule 'water'",
    })
    void namesTheElement(String body, String message) {
        StyleException e = refused(rule(body));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(message));
    }

    @Test
    void collectsEveryProblemOfADocument() {
        StyleException e = refused(rule("""
                <se:PolygonSymbolizer>
                  <se:Fill><se:SvgParameter name="fill">#12345</se:SvgParameter></se:Fill>
                  <se:Stroke><se:SvgParameter name="stroke-fancy">1</se:SvgParameter></se:Stroke>
                </se:PolygonSymbolizer>
                <se:ColorMap/>"""));
        assertThat(e.problems()).containsExactly(
                "invalid color '#12345' (#RRGGBB or #RGB) in Fill of Rule 'water'",
                "unknown SvgParameter 'stroke-fancy' in Stroke of Rule 'water'",
                "unsupported element se:ColorMap in Rule 'water'");
        assertThat(e.getMessage()).isEqualTo(String.join("; ", e.problems()));
    }

    @Test
    void unnamedRulesAreNumberedAndStructureIsChecked() {
        StyleException e = refused("""
                <StyledLayerDescriptor xmlns="http://www.opengis.net/sld">
                  <NamedLayer><UserStyle><Name>s</Name><FeatureTypeStyle>
                    <Rule><PointSymbolizer/></Rule><Rule><PointSymbolizer><Graphic><Size>-1</Size></Graphic></PointSymbolizer></Rule>
                    <Transformation/>
                  </FeatureTypeStyle></UserStyle></NamedLayer>
                  <NamedLayer><Name>empty</Name><LayerFeatureConstraints/></NamedLayer>
                  <UseSLDLibrary/>
                </StyledLayerDescriptor>""".getBytes(StandardCharsets.UTF_8));
        assertThat(e.problems()).containsExactly(
                "missing Name in NamedLayer",
                "invalid Size '-1' (a non-negative number) in Graphic of Rule #2",
                "unsupported element Transformation in FeatureTypeStyle of UserStyle 's'",
                "unsupported element LayerFeatureConstraints in NamedLayer 'empty'",
                "no UserStyle or NamedStyle in NamedLayer 'empty'",
                "unsupported element UseSLDLibrary in StyledLayerDescriptor");
    }

    @Test
    void refusesUnknownRootsAndVersions() {
        assertThat(refused("<a:StyledLayerDescriptor xmlns:a=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("unsupported root element a:StyledLayerDescriptor (namespace urn:x)");
        assertThat(refused("<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" version=\"2.0\"/>"
                .getBytes(StandardCharsets.UTF_8)).problems()).contains(
                        "unsupported StyledLayerDescriptor version '2.0' (1.0.0 or 1.1.0)",
                        "no NamedLayer or UserLayer in StyledLayerDescriptor");
        assertThatThrownBy(() -> SldParser.parseStyle(SldParserTest.SLD10.replace("<Name>server_default</Name>", "")
                .replace("<UserStyle>", "<UserStyle><Name>a</Name></UserStyle><UserStyle>").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleException.class);
    }

    @Test
    void doctypeIsRefusedBeforeAnyEntityIsRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE sld [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <StyledLayerDescriptor xmlns="http://www.opengis.net/sld"><Name>&xxe;</Name></StyledLayerDescriptor>""";
        assertThatThrownBy(() -> SldParser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleException.class)
                .hasMessage("SLD with a DOCTYPE (DTD or entities) is not accepted");
        String billionLaughs = "<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><l>&b;</l>";
        assertThatThrownBy(() -> SldParser.parse(billionLaughs.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void sizeDepthAndWellFormednessLimits() {
        byte[] big = new byte[SecureDom.MAX_BYTES + 1];
        assertThatThrownBy(() -> SldParser.parse(big)).isInstanceOf(StyleException.class)
                .hasMessage("SLD document over 1048576 bytes");
        assertThatThrownBy(() -> SldParser.parse(new byte[0])).hasMessage("empty SLD document");
        String deep = "<ogc:Not>".repeat(100) + "</ogc:Not>".repeat(100);
        assertThatThrownBy(() -> SldParser.parse(rule("<ogc:Filter>" + deep + "</ogc:Filter>")))
                .isInstanceOf(StyleException.class).hasMessageContaining("deeper than 64");
        assertThatThrownBy(() -> SldParser.parse("<UserStyle".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleException.class).hasMessageStartingWith("malformed SLD at line 1");
    }

    @Test
    void localGraphicsOnlyUnderTheConfiguredDirectory(@TempDir Path dir) throws Exception {
        Path icons = Files.createDirectories(dir.resolve("icons"));
        Files.copy(SldParserTest.class.getResourceAsStream("dot.png"), icons.resolve("dot.png"));
        Files.writeString(dir.resolve("secret.png"), "x");
        SldParser parser = SldParser.withGraphicsDirectory(icons);
        String tpl = "<se:PointSymbolizer><se:Graphic><se:ExternalGraphic><se:OnlineResource xlink:href='%s'/>"
                + "<se:Format>image/png</se:Format></se:ExternalGraphic><se:Size>12</se:Size></se:Graphic></se:PointSymbolizer>";

        Graphic g = ((PointSymbolizer) parser.read(rule(tpl.formatted("dot.png"))).styles().get(0).rules().get(0)
                .symbolizers().get(0)).graphic();
        ExternalGraphic eg = (ExternalGraphic) g.symbols().get(0);
        assertThat(eg.href()).isEqualTo(icons.toRealPath().resolve("dot.png").toUri().toString());
        assertThat(g.size()).isEqualTo(12);
        try (var in = eg.open()) {
            assertThat(javax.imageio.ImageIO.read(in).getWidth()).isEqualTo(4);
        }
        assertThat(parser.read(rule(tpl.formatted(icons.resolve("dot.png").toUri()))).styles()).hasSize(1);

        assertThat(refusedBy(parser, tpl.formatted("../secret.png"))).contains("refused: outside the graphics directory");
        assertThat(refusedBy(parser, tpl.formatted(dir.resolve("secret.png").toUri()))).contains("outside the graphics directory");
        assertThat(refusedBy(parser, tpl.formatted("/etc/passwd"))).contains("outside the graphics directory");
        assertThat(refusedBy(parser, tpl.formatted("missing.png"))).contains("not found in the graphics directory");
        assertThat(refusedBy(parser, tpl.formatted("classpath:../x.png"))).contains("not a valid classpath resource name");
        assertThat(refusedBy(parser, tpl.formatted("https://example.com/a.png"))).contains("no network access");
    }

    private static String refusedBy(SldParser parser, String body) {
        try {
            parser.read(rule(body));
        } catch (StyleException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + body);
    }
}
