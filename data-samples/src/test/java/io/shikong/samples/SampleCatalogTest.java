package io.shikong.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.security.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleCatalogTest {

    private final LayerCatalog catalog = SampleCatalog.load();

    @Test
    void hasTheSixLayersInOrder() {
        assertThat(catalog.all()).extracting(LayerDefinition::name).containsExactly(
                "buildings", "pipelines", "pois", "street_view", "eco_red_lines", "inspection_sites");
        assertThat(catalog.all()).allSatisfy(l -> {
            assertThat(l.srid()).isEqualTo(4490);
            assertThat(l.idAttribute()).isEqualTo("id");
            assertThat(l.published()).isFalse();
            assertThat(l.title()).matches(".*\\p{IsHan}.*[A-Za-z].*");
            assertThat(l.description()).isNotBlank();
            assertThat(l.keywords()).isNotEmpty();
        });
    }

    @Test
    void geometryTypesAndTransactions() {
        assertThat(type("buildings")).isEqualTo(GeometryType.MULTIPOLYGON);
        assertThat(type("pipelines")).isEqualTo(GeometryType.LINESTRING);
        assertThat(type("pois")).isEqualTo(GeometryType.POINT);
        assertThat(type("street_view")).isEqualTo(GeometryType.POINT);
        assertThat(type("eco_red_lines")).isEqualTo(GeometryType.MULTIPOLYGON);
        assertThat(type("inspection_sites")).isEqualTo(GeometryType.POINT);
        assertThat(catalog.all()).filteredOn(LayerDefinition::writable).extracting(LayerDefinition::name)
                .containsExactly("buildings", "pipelines", "pois", "eco_red_lines", "inspection_sites");
    }

    @Test
    void pipelinesAreRestricted() {
        LayerDefinition pipelines = layer("pipelines");
        assertThat(pipelines.access().restricted()).isTrue();
        assertThat(pipelines.access().readRoles()).containsExactlyInAnyOrder("pipelines", "pipelines_editor");
        assertThat(pipelines.access().canWrite(Caller.of("e", "pipelines_editor"))).isTrue();
        assertThat(pipelines.access().canWrite(Caller.of("r", "pipelines"))).isFalse();
        assertThat(pipelines.access().writeRoles()).containsExactly("pipelines_editor");
        assertThat(catalog.layers(Caller.ANONYMOUS)).extracting(LayerDefinition::name).doesNotContain("pipelines").hasSize(5);
        assertThat(catalog.layers(Caller.of("a", "pipelines"))).hasSize(6);
        assertThat(catalog.all()).filteredOn(l -> l.access().restricted()).containsExactly(pipelines);
    }

    @Test
    void attributesHaveTheAgreedNamesAndTypes() {
        assertThat(schema("buildings")).containsExactly(
                Map.entry("name", AttributeType.STRING), Map.entry("address", AttributeType.STRING),
                Map.entry("district", AttributeType.STRING), Map.entry("use", AttributeType.STRING),
                Map.entry("floors", AttributeType.INTEGER), Map.entry("height_m", AttributeType.DOUBLE),
                Map.entry("built_year", AttributeType.INTEGER));
        assertThat(schema("pipelines")).containsExactly(
                Map.entry("network", AttributeType.STRING), Map.entry("diameter_mm", AttributeType.INTEGER),
                Map.entry("material", AttributeType.STRING), Map.entry("depth_m", AttributeType.DOUBLE),
                Map.entry("pressure_class", AttributeType.STRING), Map.entry("install_year", AttributeType.INTEGER),
                Map.entry("status", AttributeType.STRING), Map.entry("risk_grade", AttributeType.STRING));
        assertThat(schema("pois")).containsExactly(
                Map.entry("name", AttributeType.STRING), Map.entry("category", AttributeType.STRING),
                Map.entry("address", AttributeType.STRING), Map.entry("district", AttributeType.STRING));
        assertThat(schema("street_view")).containsExactly(
                Map.entry("sequence_id", AttributeType.STRING), Map.entry("captured_at", AttributeType.TIMESTAMP),
                Map.entry("heading_deg", AttributeType.DOUBLE), Map.entry("pitch_deg", AttributeType.DOUBLE),
                Map.entry("image_uri", AttributeType.STRING));
        assertThat(schema("eco_red_lines")).containsExactly(
                Map.entry("zone_name", AttributeType.STRING), Map.entry("category", AttributeType.STRING),
                Map.entry("protection_level", AttributeType.STRING), Map.entry("designated_on", AttributeType.DATE),
                Map.entry("authority", AttributeType.STRING));
        assertThat(schema("inspection_sites")).containsExactly(
                Map.entry("name", AttributeType.STRING), Map.entry("site_type", AttributeType.STRING),
                Map.entry("license_no", AttributeType.STRING), Map.entry("risk_level", AttributeType.STRING),
                Map.entry("last_inspected_on", AttributeType.DATE), Map.entry("last_result", AttributeType.STRING),
                Map.entry("district", AttributeType.STRING));
    }

    @Test
    void theSectorSectionCarriesTheRulesTheSectorQueriesAlwaysHad() {
        SectorLayers s = catalog.sector();
        assertThat(s.pipelines()).isEqualTo(new SectorLayers.Pipelines("pipelines", "network", "diameter_mm"));
        assertThat(s.inspection()).isEqualTo(new SectorLayers.Inspection("inspection_sites", "risk_level",
                "last_inspected_on", "district", Map.of("D", 90, "C", 180, "B", 365, "A", 730)));
        assertThat(s.streetView()).isEqualTo(new SectorLayers.StreetView("street_view", "captured_at"));
        assertThat(s.buildings()).isEqualTo(new SectorLayers.Buildings("buildings", "use", "floors", "height_m"));
        assertThat(s.redLine()).isEqualTo(SectorLayers.RedLine.DEFAULT);
    }

    private GeometryType type(String layer) {
        return layer(layer).geometryType();
    }

    private LayerDefinition layer(String name) {
        return catalog.layer(name, Caller.of("test", Caller.ADMIN));
    }

    private Map<String, AttributeType> schema(String layer) {
        Map<String, AttributeType> out = new LinkedHashMap<>();
        for (AttributeDefinition a : layer(layer).attributes()) {
            out.put(a.name(), a.type());
        }
        return out;
    }
}
