package io.shikong.styles.sld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.data.DataUtilities;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandardStylesTest {

    static final Map<String, List<Integer>> RULES_PER_PASS = Map.of(
            "buildings", List.of(8),
            "pipelines", List.of(9),
            "eco_red_lines", List.of(2, 1),
            "inspection_sites", List.of(5),
            "pois", List.of(12, 1),
            "street_view", List.of(3));

    static List<String> layers() {
        return StandardStyles.LAYERS;
    }

    @ParameterizedTest
    @MethodSource("layers")
    void parsesWithTheExpectedRules(String layer) {
        Style style = StandardStyles.load(layer);
        assertThat(style.name()).isEqualTo(layer);
        assertThat(style.title()).isNotBlank();
        assertThat(style.featureTypeStyles()).extracting(f -> f.rules().size()).isEqualTo(RULES_PER_PASS.get(layer));
        assertThat(style.rules()).allSatisfy(r -> {
            assertThat(r.name()).isNotBlank();
            assertThat(r.title()).as("legend title").isNotBlank();
            assertThat(r.symbolizers()).isNotEmpty();
        });
        assertThat(StandardStyles.load(layer)).isSameAs(style);
    }

    @Test
    void unknownLayer() {
        assertThatThrownBy(() -> StandardStyles.load("roads")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roads");
    }

    @Test
    void buildingsByUseWithAnElseRule() throws Exception {
        Style style = StandardStyles.load("buildings");
        SimpleFeatureType t = DataUtilities.createType("buildings", "use:String");
        assertThat(style.rules()).extracting(Rule::name).containsExactly("residential", "commercial", "office",
                "industrial", "public", "education", "medical", "other");
        for (Rule r : style.rules().subList(0, 7)) {
            assertThat(r.filter().evaluate(feature(t, r.name()))).isTrue();
            assertThat(r.filter().evaluate(feature(t, "farm"))).isFalse();
        }
        assertThat(style.rules().get(7).elseFilter()).isTrue();
    }

    @Test
    void pipelinesByNetworkAndDiameter() throws Exception {
        Style style = StandardStyles.load("pipelines");
        SimpleFeatureType t = DataUtilities.createType("pipelines", "network:String,diameter_mm:Integer");
        Map<String, Color> colors = Map.of("water_supply", new Color(0x1F78B4), "drainage", new Color(0x8B5A2B),
                "heating", new Color(0xD7191C), "gas", new Color(0xE6B800));
        for (Rule r : style.rules().subList(0, 8)) {
            String network = r.name().replace("_large", "");
            LineSymbolizer line = (LineSymbolizer) r.symbolizers().get(0);
            assertThat(line.stroke().color()).isEqualTo(colors.get(network));
            boolean large = r.name().endsWith("_large");
            assertThat(line.stroke().width()).isEqualTo(large ? 3.5 : 1.5);
            assertThat(r.filter().evaluate(feature(t, network, 800))).isEqualTo(large);
            assertThat(r.filter().evaluate(feature(t, network, 200))).isEqualTo(!large);
            assertThat(r.filter().evaluate(feature(t, network, null))).as("unknown diameter: thin").isEqualTo(!large);
        }
    }

    @Test
    void redLinesAreHatchedGreenAndLabelled() {
        Style style = StandardStyles.load("eco_red_lines");
        PolygonSymbolizer hatch = (PolygonSymbolizer) style.rules().get(0).symbolizers().get(1);
        Mark slash = (Mark) hatch.fill().graphicFill().symbols().get(0);
        assertThat(slash.wellKnownName()).isEqualTo("shape://slash");
        assertThat(slash.stroke().color()).isEqualTo(new Color(0x1B7F3B));
        Rule label = style.featureTypeStyles().get(1).rules().get(0);
        assertThat(label.maxScale()).isEqualTo(200000);
        TextSymbolizer text = (TextSymbolizer) label.symbolizers().get(0);
        assertThat(text.labelProperty()).isEqualTo("zone_name");
        assertThat(text.halo().radius()).isEqualTo(1.5);
        assertThat(text.font().weight()).isEqualTo("bold");
    }

    @Test
    void inspectionSitesFromGreenToRed() {
        List<Rule> rules = StandardStyles.load("inspection_sites").rules();
        assertThat(rules).extracting(Rule::name).containsExactly("risk_A", "risk_B", "risk_C", "risk_D", "unrated");
        Mark a = (Mark) ((PointSymbolizer) rules.get(0).symbolizers().get(0)).graphic().symbols().get(0);
        Mark d = (Mark) ((PointSymbolizer) rules.get(3).symbolizers().get(0)).graphic().symbols().get(0);
        assertThat(a.wellKnownName()).isEqualTo("circle");
        assertThat(a.fill().color().getGreen()).isGreaterThan(a.fill().color().getRed());
        assertThat(d.fill().color()).isEqualTo(new Color(0xD7191C));
    }

    @Test
    void poisUseOnlyWellKnownMarks() {
        Style style = StandardStyles.load("pois");
        assertThat(style.featureTypeStyles().get(0).rules()).extracting(Rule::name).contains("restaurant", "hotel",
                "school", "hospital", "bank", "supermarket", "park", "bus_stop");
        assertThat(style.featureTypeStyles().get(1).rules().get(0).maxScale()).isEqualTo(10000);
    }

    @Test
    void streetViewByCaptureAge() throws Exception {
        List<Rule> rules = StandardStyles.load("street_view").rules();
        SimpleFeatureType t = DataUtilities.createType("street_view", "captured_at:java.sql.Timestamp");
        SimpleFeature recent = feature(t, Timestamp.from(Instant.parse("2024-03-01T08:00:00Z")));
        SimpleFeature mid = feature(t, Timestamp.from(Instant.parse("2023-03-01T08:00:00Z")));
        SimpleFeature old = feature(t, Timestamp.from(Instant.parse("2019-03-01T08:00:00Z")));
        assertThat(rules.get(0).filter().evaluate(recent)).isTrue();
        assertThat(rules.get(0).filter().evaluate(mid)).isFalse();
        assertThat(rules.get(1).filter().evaluate(mid)).isTrue();
        assertThat(rules.get(1).filter().evaluate(old)).isFalse();
        assertThat(rules.get(1).filter().evaluate(recent)).isFalse();
        assertThat(rules.get(2).elseFilter()).isTrue();
        // the stores' Feature values are Instants: the string literal must compare with them too
        SimpleFeatureType i = DataUtilities.createType("street_view", "captured_at:java.time.Instant");
        assertThat(rules.get(0).filter().evaluate(feature(i, Instant.parse("2024-03-01T08:00:00Z")))).isTrue();
        assertThat(rules.get(0).filter().evaluate(feature(i, Instant.parse("2023-03-01T08:00:00Z")))).isFalse();
        assertThat(rules.get(1).filter().evaluate(feature(i, Instant.parse("2023-03-01T08:00:00Z")))).isTrue();
        Graphic g = ((PointSymbolizer) rules.get(0).symbolizers().get(0)).graphic();
        assertThat(((Mark) g.symbols().get(0)).wellKnownName()).isEqualTo("triangle");
        assertThat(g.size()).isEqualTo(7);
    }

    static SimpleFeature feature(SimpleFeatureType type, Object... values) {
        return SimpleFeatureBuilder.build(type, values, null);
    }
}
