package io.shikong.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.security.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    private static LayerCatalog load(String yaml) {
        return CatalogLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String MINIMAL = """
            layers:
              - name: roads
                geometry: LineString
                attributes:
                  - {name: lanes, type: integer}
            """;

    @Test
    void minimalLayerGetsTheDefaults() {
        LayerDefinition roads = load(MINIMAL).layer("roads", Caller.ANONYMOUS);
        assertThat(roads.srid()).isEqualTo(4490);
        assertThat(roads.idAttribute()).isEqualTo("id");
        assertThat(roads.geometryColumn()).isEqualTo("geom");
        assertThat(roads.versioned()).isTrue();
        assertThat(roads.writable()).isFalse();
        assertThat(roads.access().restricted()).isFalse();
        assertThat(roads.attribute("lanes")).hasValueSatisfying(a -> assertThat(a.type()).isEqualTo(AttributeType.INTEGER));
        assertThat(roads.queryableNames()).containsExactly("id", "lanes", "geom", "valid_from", "valid_to");
    }

    @Test
    void restrictedLayersNeedARole() {
        LayerCatalog c = load("""
                layers:
                  - {name: a, geometry: Point, attributes: []}
                  - {name: b, geometry: Point, access: restricted, readRoles: [x], attributes: []}
                """);
        assertThat(c.layers(Caller.ANONYMOUS)).extracting(LayerDefinition::name).containsExactly("a");
        assertThat(c.layers(Caller.of("u", "x"))).extracting(LayerDefinition::name).containsExactly("a", "b");
        assertThat(c.layers(Caller.of("root", Caller.ADMIN))).hasSize(2);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        "layers: []; layers",
        "layers: [{name: a, geometry: Point, attributes: [], colour: red}]; layers[0].colour",
        "layers: [{name: a, attributes: []}]; layers[0].geometry",
        "layers: [{name: a, geometry: Blob, attributes: []}]; layers[0].geometry",
        "layers: [{name: a, geometry: Point, attributes: [{name: x, type: money}]}]; layers[0].attributes[0].type",
        "layers: [{name: a, geometry: Point, attributes: [{name: x, type: int}, {name: x, type: int}]}]; layers[0].attributes[1].name",
        "layers: [{name: a, geometry: Point, attributes: [{name: valid_from, type: int}]}]; layers[0].attributes[0].name",
        "layers: [{name: 'a\" OR 1=1', geometry: Point, attributes: []}]; layers[0].name",
        "layers: [{name: a, geometry: Point, access: secret, attributes: []}]; layers[0].access",
        "layers: [{name: a, geometry: Point, access: restricted, attributes: []}]; layers[0].readRoles",
        "layers: [{name: a, geometry: Point, table: t, transactions: true, attributes: []}]; layers[0].transactions",
        "layers: [{name: a, geometry: Point, srid: many, attributes: []}]; layers[0].srid",
        "layers: [{name: a, geometry: Point, srid: 2000, attributes: []}]; layers[0].srid",
        "layers: [{name: a, geometry: Point}]; layers[0].attributes",
        "layers: [{name: a, geometry: Point, attributes: []}, {name: a, geometry: Point, attributes: []}]; layers.a",
        "'layers: [unclosed'; catalog",
    })
    void invalidConfigurationNamesTheKey(String yaml, String key) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(CatalogConfigurationException.class)
                .satisfies(e -> assertThat(((CatalogConfigurationException) e).key()).isEqualTo(key))
                .hasMessageStartingWith(key + ":");
    }
}
