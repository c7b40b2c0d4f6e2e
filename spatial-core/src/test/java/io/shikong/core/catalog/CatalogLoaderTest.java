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
        "layers: [{name: a, geometry: Point, exposeId: true, attributes: []}]; layers[0].exposeId",
        "layers: [{name: a, geometry: Point, attributes: [{name: id, type: string}]}]; layers[0].attributes[0].name",
        "layers: [{name: a, geometry: Point, table: t, id: k, idType: long, attributes: [{name: k, type: string}]}]; layers[0].attributes[0].type",
        "layers: [{name: a, geometry: Point, table: t, id: k, exposeId: false, attributes: [{name: k, type: long}]}]; layers[0].attributes[0].name",
        "layers: [{name: a, geometry: Point, style: no/such/file.sld, attributes: []}]; layers[0].style",
        "layers: [{name: a, geometry: Point, access: restricted, readRoles: [x], writeRoles: [anonymous], attributes: []}]; layers[0].writeRoles",
    })
    void invalidConfigurationNamesTheKey(String yaml, String key) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(CatalogConfigurationException.class)
                .satisfies(e -> assertThat(((CatalogConfigurationException) e).key()).isEqualTo(key))
                .hasMessageStartingWith(key + ":");
    }

    @Test
    void publishedKeyColumnIsExposedByDefault() {
        LayerDefinition wells = load("""
                layers:
                  - {name: wells, table: w, id: well_no, idType: integer, geometry: Point, attributes: [{name: depth, type: double}]}
                  - {name: hidden, table: h, id: k, idType: long, exposeId: false, geometry: Point, attributes: []}
                """).layer("wells", Caller.ANONYMOUS);
        assertThat(wells.idExposed()).isTrue();
        assertThat(wells.attributes()).extracting(AttributeDefinition::name).containsExactly("well_no", "depth");
        assertThat(wells.attribute("well_no")).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo(AttributeType.INTEGER);
            assertThat(a.nullable()).isFalse();
        });
        assertThat(wells.queryableNames()).containsExactly("well_no", "depth", "geom");
    }

    @Test
    void keyColumnDeclaredAsAnAttributeIsTheExposedIdWithItsTitle() {
        LayerCatalog c = load("""
                layers:
                  - name: wells
                    table: w
                    id: well_no
                    geometry: Point
                    attributes:
                      - {name: depth, type: double}
                      - {name: well_no, type: long, title: 井号}
                  - {name: hidden, table: h, id: k, idType: long, exposeId: false, geometry: Point, attributes: []}
                """);
        LayerDefinition wells = c.layer("wells", Caller.ANONYMOUS);
        assertThat(wells.idType()).isEqualTo(AttributeType.LONG);
        assertThat(wells.attributes().get(0)).isEqualTo(new AttributeDefinition("well_no", AttributeType.LONG, "井号", false));
        assertThat(c.layer("hidden", Caller.ANONYMOUS).attributes()).isEmpty();
        assertThat(c.layer("hidden", Caller.ANONYMOUS).idExposed()).isFalse();
    }

    @Test
    void styleFileIsResolvedAgainstTheCatalogFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("styles"));
        java.nio.file.Files.writeString(dir.resolve("styles/roads.sld"), "<StyledLayerDescriptor/>");
        java.nio.file.Path catalog = dir.resolve("catalog.yml");
        java.nio.file.Files.writeString(catalog, """
                layers:
                  - {name: roads, geometry: LineString, style: styles/roads.sld, attributes: []}
                """);
        assertThat(CatalogLoader.load(catalog).layer("roads", Caller.ANONYMOUS).style())
                .isEqualTo(dir.resolve("styles/roads.sld").toAbsolutePath().toString());
    }

    @Test
    void anonymousWritesOnlyWhenTheCatalogSaysSoExplicitly() {
        LayerCatalog c = load("""
                layers:
                  - {name: open, geometry: Point, transactions: true, writeRoles: [anonymous], attributes: []}
                  - {name: normal, geometry: Point, transactions: true, attributes: []}
                """);
        assertThat(c.layer("open", Caller.ANONYMOUS).access().canWrite(Caller.ANONYMOUS)).isTrue();
        assertThat(c.layer("normal", Caller.ANONYMOUS).access().canWrite(Caller.ANONYMOUS)).isFalse();
        assertThat(c.layer("normal", Caller.ANONYMOUS).access().canWrite(Caller.of("e", Caller.EDITOR))).isTrue();
    }
    // --- the sector section -------------------------------------------------------------------------

    /** A city with its own names for the sector layers and attributes. */
    private static final String CITY = """
            layers:
              - name: mains
                geometry: LineString
                attributes: [{name: kind, type: string}, {name: dn, type: integer}]
              - name: shops
                geometry: Point
                attributes: [{name: grade, type: string}, {name: checked, type: date}, {name: ward, type: string},
                             {name: opened, type: integer}]
              - name: photos
                geometry: Point
                attributes: [{name: taken, type: timestamp}]
              - name: houses
                geometry: MultiPolygon
                attributes: [{name: kind, type: string}, {name: storeys, type: integer}, {name: h, type: double}]
              - name: reserves
                geometry: Polygon
                attributes: [{name: title, type: string}, {name: level, type: string}]
            """;

    private static final String SECTOR = """
            sector:
              pipelines: {layer: mains, network: kind, diameter: dn}
              inspection:
                layer: shops
                risk: grade
                lastInspected: checked
                district: ward
                intervals: {high: 30, '1': 90, low: 365}
              streetView: {layer: photos, capturedAt: taken}
              buildings: {layer: houses, use: kind, floors: storeys, height: h}
              redLine: {layer: reserves, name: title, protectionLevel: level}
            """;

    @Test
    void sectorSectionNamesTheLayerAndAttributesOfEachRole() {
        SectorLayers s = load(CITY + SECTOR).sector();
        assertThat(s.pipelines()).isEqualTo(new SectorLayers.Pipelines("mains", "kind", "dn"));
        assertThat(s.inspection().layer()).isEqualTo("shops");
        assertThat(s.inspection().risk()).isEqualTo("grade");
        assertThat(s.inspection().lastInspected()).isEqualTo("checked");
        assertThat(s.inspection().district()).isEqualTo("ward");
        assertThat(s.inspection().intervals()).containsExactly(java.util.Map.entry("high", 30),
                java.util.Map.entry("1", 90), java.util.Map.entry("low", 365));
        assertThat(s.streetView()).isEqualTo(new SectorLayers.StreetView("photos", "taken"));
        assertThat(s.buildings()).isEqualTo(new SectorLayers.Buildings("houses", "kind", "storeys", "h"));
        assertThat(s.redLine()).isEqualTo(new SectorLayers.RedLine("reserves", "title", null, "level"));
    }

    @Test
    void withoutASectorSectionNoRoleIsConfiguredAndRedLinesDefaultToTheSampleLayer() {
        SectorLayers s = load(CITY).sector();
        assertThat(s.pipelines()).isNull();
        assertThat(s.inspection()).isNull();
        assertThat(s.streetView()).isNull();
        assertThat(s.buildings()).isNull();
        assertThat(s.redLine()).isEqualTo(SectorLayers.RedLine.DEFAULT);
        assertThat(s.redLine().layer()).isEqualTo("eco_red_lines");
        // optional roles and attributes may be left out
        SectorLayers some = load(CITY + """
                sector:
                  streetView: {layer: photos}
                  buildings: {layer: houses, use: kind}
                """).sector();
        assertThat(some.streetView().capturedAt()).isNull();
        assertThat(some.buildings().floors()).isNull();
        assertThat(some.pipelines()).isNull();
        assertThat(some.redLine()).isEqualTo(SectorLayers.RedLine.DEFAULT);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        // unknown keys, at every level
        "sectors: {}; sectors",
        "sector: {pipes: {layer: mains}}; sector.pipes",
        "sector: {pipelines: {layer: mains, network: kind, colour: red}}; sector.pipelines.colour",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {A: 1}, every: 3}}; sector.inspection.every",
        // layers
        "sector: {pipelines: {network: kind}}; sector.pipelines.layer",
        "sector: {pipelines: {layer: pipelines, network: kind}}; sector.pipelines.layer",
        "sector: {buildings: {layer: photos, use: taken}}; sector.buildings.layer",
        "sector: {redLine: {layer: mains, name: kind}}; sector.redLine.layer",
        "sector: {streetView: {layer: houses}}; sector.streetView.layer",
        // attributes: missing, not of the layer, of the wrong type
        "sector: {pipelines: {layer: mains}}; sector.pipelines.network",
        "sector: {pipelines: {layer: mains, network: network}}; sector.pipelines.network",
        "sector: {pipelines: {layer: mains, network: dn}}; sector.pipelines.network",
        "sector: {pipelines: {layer: mains, network: kind, diameter: kind}}; sector.pipelines.diameter",
        "sector: {inspection: {layer: shops, lastInspected: checked, intervals: {A: 1}}}; sector.inspection.risk",
        "sector: {inspection: {layer: shops, risk: risk_level, lastInspected: checked, intervals: {A: 1}}}; sector.inspection.risk",
        "sector: {inspection: {layer: shops, risk: grade, intervals: {A: 1}}}; sector.inspection.lastInspected",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: opened, intervals: {A: 1}}}; sector.inspection.lastInspected",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, district: district, intervals: {A: 1}}}; sector.inspection.district",
        "sector: {streetView: {layer: photos, capturedAt: captured_at}}; sector.streetView.capturedAt",
        "sector: {buildings: {layer: houses, use: kind, floors: h}}; sector.buildings.floors",
        "sector: {buildings: {layer: houses}}; sector.buildings.use",
        "sector: {redLine: {layer: reserves}}; sector.redLine.name",
        "sector: {redLine: {layer: reserves, name: zone_name}}; sector.redLine.name",
        // inspection intervals
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked}}; sector.inspection.intervals",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {}}}; sector.inspection.intervals",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: [90]}}; sector.inspection.intervals",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {A: 0}}}; sector.inspection.intervals.A",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {A: soon}}}; sector.inspection.intervals.A",
        "sector: {inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {no: 30}}}; sector.inspection.intervals.false",
        "sector: [pipelines]; sector",
    })
    void invalidSectorSectionNamesTheKey(String yaml, String key) {
        assertThatThrownBy(() -> load(CITY + yaml)).isInstanceOf(CatalogConfigurationException.class)
                .satisfies(e -> assertThat(((CatalogConfigurationException) e).key()).isEqualTo(key))
                .hasMessageStartingWith(key + ":");
    }

    @Test
    void aMissingAttributeIsNamedWithItsKeyPathAndLayer() {
        assertThatThrownBy(() -> load(CITY + """
                sector:
                  inspection: {layer: shops, risk: risk_level, lastInspected: checked, intervals: {D: 90}}
                """)).isInstanceOf(CatalogConfigurationException.class)
                .hasMessage("sector.inspection.risk: 'risk_level' is not an attribute of layer 'shops'");
        assertThatThrownBy(() -> load(CITY + """
                sector:
                  pipelines: {layer: mains}
                """)).hasMessage("sector.pipelines.network: is required (an attribute of layer 'mains')");
        assertThatThrownBy(() -> load(CITY + """
                sector:
                  buildings: {layer: houses, use: kind, floors: h}
                """)).hasMessage("sector.buildings.floors: 'h' is double; this role needs integer or long");
    }
}
