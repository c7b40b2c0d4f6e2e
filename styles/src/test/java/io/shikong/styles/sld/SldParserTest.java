package io.shikong.styles.sld;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import org.geotools.api.filter.And;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.Or;
import org.geotools.api.filter.PropertyIsBetween;
import org.geotools.api.filter.PropertyIsEqualTo;
import org.geotools.api.filter.PropertyIsGreaterThanOrEqualTo;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.expression.PropertyName;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.data.DataUtilities;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.junit.jupiter.api.Test;

class SldParserTest {

    static final String SLD10 = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"
                xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink">
              <NamedLayer>
                <Name>pipelines</Name>
                <NamedStyle><Name>server_default</Name></NamedStyle>
                <UserStyle>
                  <Name>by_network</Name>
                  <Title>Pipelines</Title>
                  <FeatureTypeStyle>
                    <Rule>
                      <Name>water</Name>
                      <Title>Water supply</Title>
                      <ogc:Filter>
                        <ogc:And>
                          <ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>water_supply</ogc:Literal></ogc:PropertyIsEqualTo>
                          <ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>
                        </ogc:And>
                      </ogc:Filter>
                      <MinScaleDenominator>1000</MinScaleDenominator>
                      <MaxScaleDenominator>50000</MaxScaleDenominator>
                      <LineSymbolizer>
                        <Stroke>
                          <CssParameter name="stroke">#1F78B4</CssParameter>
                          <CssParameter name="stroke-width"><ogc:Literal>2.5</ogc:Literal></CssParameter>
                          <CssParameter name="stroke-opacity">0.5</CssParameter>
                          <CssParameter name="stroke-dasharray">5,2</CssParameter>
                          <CssParameter name="stroke-linejoin">round</CssParameter>
                          <CssParameter name="stroke-linecap">square</CssParameter>
                        </Stroke>
                      </LineSymbolizer>
                    </Rule>
                    <Rule>
                      <ElseFilter/>
                      <PolygonSymbolizer>
                        <Fill><CssParameter name="fill">#F0A</CssParameter></Fill>
                      </PolygonSymbolizer>
                      <PointSymbolizer>
                        <Graphic>
                          <ExternalGraphic>
                            <OnlineResource xlink:type="simple" xlink:href="classpath:/io/shikong/styles/sld/dot.png"/>
                            <Format>image/png</Format>
                          </ExternalGraphic>
                          <Mark><WellKnownName>Circle</WellKnownName><Fill/></Mark>
                          <Opacity>0.8</Opacity>
                          <Rotation>45</Rotation>
                        </Graphic>
                      </PointSymbolizer>
                      <TextSymbolizer>
                        <Label><ogc:PropertyName>name</ogc:PropertyName></Label>
                        <Font>
                          <CssParameter name="font-family">WenQuanYi Zen Hei</CssParameter>
                          <CssParameter name="font-size">12</CssParameter>
                          <CssParameter name="font-style">italic</CssParameter>
                          <CssParameter name="font-weight">bold</CssParameter>
                        </Font>
                        <LabelPlacement><LinePlacement/></LabelPlacement>
                        <Halo><Radius>2</Radius></Halo>
                      </TextSymbolizer>
                    </Rule>
                  </FeatureTypeStyle>
                </UserStyle>
              </NamedLayer>
            </StyledLayerDescriptor>
            """;

    static final String SE11 = """
            <StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld"
                xmlns:se="http://www.opengis.net/se" xmlns:fes="http://www.opengis.net/fes/2.0">
              <NamedLayer>
                <se:Name>buildings</se:Name>
                <UserStyle>
                  <se:Name>se</se:Name>
                  <se:Description><se:Title>SE style</se:Title><se:Abstract>x</se:Abstract></se:Description>
                  <se:FeatureTypeStyle>
                    <se:FeatureTypeName>buildings</se:FeatureTypeName>
                    <se:Rule>
                      <se:Name>tall</se:Name>
                      <se:Description><se:Title>Tall or old</se:Title></se:Description>
                      <fes:Filter>
                        <fes:Or>
                          <fes:PropertyIsBetween>
                            <fes:ValueReference>floors</fes:ValueReference>
                            <fes:LowerBoundary><fes:Literal>10</fes:Literal></fes:LowerBoundary>
                            <fes:UpperBoundary><fes:Literal>99</fes:Literal></fes:UpperBoundary>
                          </fes:PropertyIsBetween>
                          <fes:Not><fes:PropertyIsNull><fes:ValueReference>demolished</fes:ValueReference></fes:PropertyIsNull></fes:Not>
                          <fes:PropertyIsLike wildCard="%" singleChar="_" escapeChar="!" matchCase="false">
                            <fes:ValueReference>name</fes:ValueReference><fes:Literal>%Tower%</fes:Literal>
                          </fes:PropertyIsLike>
                        </fes:Or>
                      </fes:Filter>
                      <se:MaxScaleDenominator>25000</se:MaxScaleDenominator>
                      <se:PolygonSymbolizer uom="http://www.opengeospatial.org/se/units/pixel">
                        <se:Fill>
                          <se:SvgParameter name="fill">#aabbcc</se:SvgParameter>
                          <se:SvgParameter name="fill-opacity">0.25</se:SvgParameter>
                        </se:Fill>
                        <se:Stroke>
                          <se:SvgParameter name="stroke">#000000</se:SvgParameter>
                          <se:SvgParameter name="stroke-dasharray">4 1 2</se:SvgParameter>
                        </se:Stroke>
                      </se:PolygonSymbolizer>
                      <se:TextSymbolizer>
                        <se:Label><fes:ValueReference>name</fes:ValueReference></se:Label>
                        <se:LabelPlacement>
                          <se:PointPlacement>
                            <se:AnchorPoint><se:AnchorPointX>0.5</se:AnchorPointX><se:AnchorPointY>0</se:AnchorPointY></se:AnchorPoint>
                            <se:Displacement><se:DisplacementX>3</se:DisplacementX><se:DisplacementY>-4</se:DisplacementY></se:Displacement>
                          </se:PointPlacement>
                        </se:LabelPlacement>
                        <se:Fill><se:SvgParameter name="fill">#333333</se:SvgParameter></se:Fill>
                      </se:TextSymbolizer>
                    </se:Rule>
                  </se:FeatureTypeStyle>
                </UserStyle>
              </NamedLayer>
            </StyledLayerDescriptor>
            """;

    static StyledLayerDescriptor parse(String xml) {
        return SldParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sld10LayersStylesAndRules() {
        StyledLayerDescriptor sld = parse(SLD10);
        assertThat(sld.layers()).hasSize(1);
        StyledLayerDescriptor.StyledLayer layer = sld.layers().get(0);
        assertThat(layer.name()).isEqualTo("pipelines");
        assertThat(layer.userLayer()).isFalse();
        assertThat(layer.namedStyles()).containsExactly("server_default");
        Style style = layer.userStyles().get(0);
        assertThat(style.name()).isEqualTo("by_network");
        assertThat(style.title()).isEqualTo("Pipelines");
        assertThat(style.rules()).extracting(Rule::name).containsExactly("water", null);

        Rule water = style.rules().get(0);
        assertThat(water.title()).isEqualTo("Water supply");
        assertThat(water.minScale()).isEqualTo(1000);
        assertThat(water.maxScale()).isEqualTo(50000);
        assertThat(water.appliesAtScale(1000)).isTrue();
        assertThat(water.appliesAtScale(50000)).isFalse();
        assertThat(water.elseFilter()).isFalse();
        And and = (And) water.filter();
        PropertyIsEqualTo eq = (PropertyIsEqualTo) and.getChildren().get(0);
        assertThat(((PropertyName) eq.getExpression1()).getPropertyName()).isEqualTo("network");
        assertThat(((Literal) eq.getExpression2()).getValue()).isEqualTo("water_supply");
        assertThat(eq.isMatchingCase()).isTrue();
        assertThat(and.getChildren().get(1)).isInstanceOf(PropertyIsGreaterThanOrEqualTo.class);

        LineSymbolizer line = (LineSymbolizer) water.symbolizers().get(0);
        Stroke s = line.stroke();
        assertThat(s.color()).isEqualTo(new Color(0x1F78B4));
        assertThat(s.width()).isEqualTo(2.5);
        assertThat(s.opacity()).isEqualTo(0.5);
        assertThat(s.dashArray()).containsExactly(5f, 2f);
        assertThat(s.lineJoin()).isEqualTo("round");
        assertThat(s.lineCap()).isEqualTo("square");
        assertThat(line.perpendicularOffset()).isZero();
    }

    @Test
    void sld10ElseFilterAndDefaults() {
        Rule other = parse(SLD10).styles().get(0).rules().get(1);
        assertThat(other.elseFilter()).isTrue();
        assertThat(other.filter()).isNull();
        assertThat(other.minScale()).isZero();
        assertThat(other.maxScale()).isEqualTo(Double.POSITIVE_INFINITY);

        PolygonSymbolizer poly = (PolygonSymbolizer) other.symbolizers().get(0);
        assertThat(poly.fill().color()).isEqualTo(new Color(0xFF00AA)); // #F0A
        assertThat(poly.fill().opacity()).isEqualTo(1);
        assertThat(poly.stroke()).as("absent Stroke: no outline").isNull();

        Graphic g = ((PointSymbolizer) other.symbolizers().get(1)).graphic();
        assertThat(g.symbols().get(0)).isEqualTo(new ExternalGraphic("classpath:io/shikong/styles/sld/dot.png", "image/png"));
        assertThat(g.size()).as("external graphic first, no Size: natural size").isNaN();
        assertThat(g.sizeOr(16)).isEqualTo(16);
        assertThat(g.opacity()).isEqualTo(0.8);
        assertThat(g.rotation()).isEqualTo(45);
        Mark circle = (Mark) g.symbols().get(1);
        assertThat(circle.wellKnownName()).isEqualTo("circle");
        assertThat(circle.fill()).isEqualTo(Fill.DEFAULT);
        assertThat(circle.stroke()).as("a Mark with a Fill only has no outline").isNull();

        TextSymbolizer text = (TextSymbolizer) other.symbolizers().get(2);
        assertThat(text.labelProperty()).isEqualTo("name");
        assertThat(text.font()).isEqualTo(new Font("WenQuanYi Zen Hei", "italic", "bold", 12));
        assertThat(text.linePlacement()).isTrue();
        assertThat(text.halo()).isEqualTo(new Halo(2, Fill.of(Color.WHITE)));
        assertThat(text.fill()).isEqualTo(Fill.of(Color.BLACK));
    }

    @Test
    void se11WithFes20Filters() {
        StyledLayerDescriptor sld = parse(SE11);
        assertThat(sld.layers().get(0).name()).isEqualTo("buildings");
        Style style = sld.styles().get(0);
        assertThat(style.name()).isEqualTo("se");
        assertThat(style.title()).isEqualTo("SE style");
        Rule tall = style.rules().get(0);
        assertThat(tall.name()).isEqualTo("tall");
        assertThat(tall.title()).isEqualTo("Tall or old");
        assertThat(tall.maxScale()).isEqualTo(25000);

        Or or = (Or) tall.filter();
        assertThat(or.getChildren()).hasSize(3);
        PropertyIsBetween between = (PropertyIsBetween) or.getChildren().get(0);
        assertThat(((PropertyName) between.getExpression()).getPropertyName()).isEqualTo("floors");
        assertThat(((Literal) between.getLowerBoundary()).getValue()).isEqualTo("10");
        assertThat(((Not) or.getChildren().get(1)).getFilter()).isInstanceOf(PropertyIsNull.class);
        PropertyIsLike like = (PropertyIsLike) or.getChildren().get(2);
        assertThat(like.getLiteral()).isEqualTo("%Tower%");
        assertThat(like.getWildCard()).isEqualTo("%");
        assertThat(like.getSingleChar()).isEqualTo("_");
        assertThat(like.getEscape()).isEqualTo("!");
        assertThat(like.isMatchingCase()).isFalse();

        PolygonSymbolizer poly = (PolygonSymbolizer) tall.symbolizers().get(0);
        assertThat(poly.fill()).isEqualTo(new Fill(new Color(0xAABBCC), 0.25, null));
        assertThat(poly.stroke().dashArray()).containsExactly(4f, 1f, 2f);
        assertThat(poly.stroke().width()).isEqualTo(1);
        TextSymbolizer text = (TextSymbolizer) tall.symbolizers().get(1);
        assertThat(text.labelProperty()).isEqualTo("name");
        assertThat(text.font()).isEqualTo(Font.DEFAULT);
        assertThat(text.halo()).isNull();
        assertThat(text.linePlacement()).isFalse();
        assertThat(new double[] {text.anchorX(), text.anchorY(), text.displacementX(), text.displacementY()})
                .containsExactly(0.5, 0, 3, -4);
        assertThat(text.fill().color()).isEqualTo(new Color(0x333333));
    }

    @Test
    void filtersEvaluateAgainstFeatures() throws Exception {
        SimpleFeatureType type = DataUtilities.createType("buildings",
                "floors:Integer,demolished:String,name:String,network:String,diameter_mm:Integer");
        Filter tall = parse(SE11).styles().get(0).rules().get(0).filter();
        assertThat(tall.evaluate(feature(type, 12, "x", "a", null, null))).isTrue();
        assertThat(tall.evaluate(feature(type, 3, null, "Sky tower", null, null))).as("like, case-insensitive").isTrue();
        assertThat(tall.evaluate(feature(type, 3, null, "house", null, null))).isFalse();
        Filter water = parse(SLD10).styles().get(0).rules().get(0).filter();
        assertThat(water.evaluate(feature(type, 1, null, "p", "water_supply", 600))).isTrue();
        assertThat(water.evaluate(feature(type, 1, null, "p", "water_supply", 300))).as("'500' compared as a number")
                .isFalse();
        assertThat(water.evaluate(feature(type, 1, null, "p", "gas", 600))).isFalse();
    }

    static SimpleFeature feature(SimpleFeatureType type, Object... values) {
        return SimpleFeatureBuilder.build(type, values, null);
    }

    @Test
    void bareUserStyleAndFeatureTypeStyleRoots() {
        StyledLayerDescriptor user = parse("""
                <UserStyle xmlns="http://www.opengis.net/sld"><Name>u</Name>
                  <FeatureTypeStyle><Rule><PointSymbolizer/></Rule></FeatureTypeStyle></UserStyle>""");
        assertThat(user.layers().get(0).name()).isNull();
        Rule r = user.styles().get(0).rules().get(0);
        assertThat(user.styles().get(0).name()).isEqualTo("u");
        assertThat(((PointSymbolizer) r.symbolizers().get(0)).graphic()).isEqualTo(Graphic.DEFAULT);
        assertThat(Graphic.DEFAULT.size()).isEqualTo(6);
        assertThat(Mark.DEFAULT).isEqualTo(new Mark("square", Fill.of(new Color(0x808080)), Stroke.DEFAULT));

        Style fts = SldParser.parseStyle("""
                <se:FeatureTypeStyle xmlns:se="http://www.opengis.net/se">
                  <se:Rule><se:LineSymbolizer/><se:PolygonSymbolizer><se:Stroke/></se:PolygonSymbolizer></se:Rule>
                </se:FeatureTypeStyle>""".getBytes(StandardCharsets.UTF_8));
        assertThat(fts.name()).isNull();
        Rule rule = fts.rules().get(0);
        assertThat(((LineSymbolizer) rule.symbolizers().get(0)).stroke()).isEqualTo(Stroke.DEFAULT);
        assertThat(Stroke.DEFAULT.color()).isEqualTo(Color.BLACK);
        assertThat(Stroke.DEFAULT.width()).isEqualTo(1);
        assertThat(((PolygonSymbolizer) rule.symbolizers().get(1)).fill()).isNull();
    }

    @Test
    void likeWithoutAttributesUsesTheSameDefaultsAsWfs() {
        // the shared reader (io.shikong.core.fes.FilterReader): *, ? and \ in SLD rules as in WFS filters
        Rule r = parse("""
                <se:FeatureTypeStyle xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"><se:Rule>
                  <ogc:Filter><ogc:PropertyIsLike><ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>沈?路*</ogc:Literal>
                  </ogc:PropertyIsLike></ogc:Filter>
                  <se:LineSymbolizer/>
                </se:Rule></se:FeatureTypeStyle>""").styles().get(0).rules().get(0);
        PropertyIsLike like = (PropertyIsLike) r.filter();
        assertThat(like.getWildCard()).isEqualTo("*");
        assertThat(like.getSingleChar()).isEqualTo("?");
        assertThat(like.getEscape()).isEqualTo("\\");
        assertThat(like.isMatchingCase()).isTrue();
    }

    @Test
    void userLayerAndMixedNamespacesAndHatchMarks() {
        StyledLayerDescriptor sld = parse("""
                <sld:StyledLayerDescriptor xmlns:sld="http://www.opengis.net/sld" xmlns:se="http://www.opengis.net/se"
                    xmlns:ogc="http://www.opengis.net/ogc">
                  <sld:UserLayer><sld:Name>mine</sld:Name>
                    <sld:UserStyle><se:FeatureTypeStyle><sld:Rule>
                      <ogc:Filter><ogc:PropertyIsNotEqualTo matchCase="false"><ogc:PropertyName>app:use</ogc:PropertyName>
                        <ogc:Literal>office</ogc:Literal></ogc:PropertyIsNotEqualTo></ogc:Filter>
                      <se:PolygonSymbolizer><se:Fill><sld:GraphicFill><se:Graphic><se:Mark>
                        <se:WellKnownName>shape://backslash</se:WellKnownName>
                      </se:Mark><se:Size><ogc:Literal>8</ogc:Literal></se:Size></se:Graphic></sld:GraphicFill></se:Fill>
                      </se:PolygonSymbolizer>
                    </sld:Rule></se:FeatureTypeStyle></sld:UserStyle>
                  </sld:UserLayer>
                </sld:StyledLayerDescriptor>""");
        assertThat(sld.layers().get(0).userLayer()).isTrue();
        assertThat(sld.layers().get(0).name()).isEqualTo("mine");
        Rule r = sld.styles().get(0).rules().get(0);
        assertThat(((PropertyName) ((org.geotools.api.filter.PropertyIsNotEqualTo) r.filter()).getExpression1())
                .getPropertyName()).as("namespace prefix dropped").isEqualTo("use");
        Graphic hatch = ((PolygonSymbolizer) r.symbolizers().get(0)).fill().graphicFill();
        Mark m = (Mark) hatch.symbols().get(0);
        assertThat(m.wellKnownName()).isEqualTo("shape://backslash");
        assertThat(m.isHatch()).isTrue();
        assertThat(m.fill()).as("a hatch has no fill by default").isNull();
        assertThat(m.stroke()).isEqualTo(Stroke.DEFAULT);
        assertThat(hatch.size()).isEqualTo(8);
    }
}
