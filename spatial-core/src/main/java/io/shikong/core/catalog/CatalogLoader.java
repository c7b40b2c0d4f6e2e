package io.shikong.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the layer catalog from one YAML file. Unknown keys, missing keys and bad values fail with a
 * {@link CatalogConfigurationException} naming the key, so a typo is found at start, not in a request.
 *
 * <pre>
 * layers:
 *   - name: buildings            # managed layer, versioned
 *     title: 建筑物
 *     abstract: ...
 *     keywords: [building]
 *     geometry: MultiPolygon
 *     srid: 4490                 # default 4490
 *     id: id                     # default id
 *     access: public             # or restricted
 *     readRoles: [pipelines]     # for restricted layers
 *     writeRoles: [editor]       # default [editor]
 *     transactions: true         # default false
 *     attributes:
 *       - {name: floors, type: integer, title: 层数}
 *   - name: wells                # an existing table published as it is
 *     table: public.wells
 *     id: well_id
 *     idType: integer            # default string
 *     geometryColumn: the_geom
 *     validFrom: opened_on       # optional time columns
 *     exposeId: true             # the key column is also a property (default true for published tables)
 *     style: styles/wells.sld    # SLD of the default style, relative to this file
 *     gmlName: name              # attributes standing for gml:name, gml:description, gml:identifier
 *     geometry: Point
 *     attributes: [...]
 * sector:                        # optional: the layers and attributes of /api/v1/sector and the red-line checks
 *   pipelines:  {layer: pipelines, network: network, diameter: diameter_mm}
 *   inspection:
 *     layer: inspection_sites
 *     risk: risk_level           # string attribute
 *     lastInspected: last_inspected_on   # date or timestamp attribute
 *     district: district         # optional string attribute
 *     intervals: {D: 90, C: 180, B: 365, A: 730}   # days between inspections by risk level
 *   streetView: {layer: street_view, capturedAt: captured_at}   # capturedAt optional, timestamp or date
 *   buildings:  {layer: buildings, use: use, floors: floors, height: height_m}   # floors, height optional
 *   redLine:    {layer: eco_red_lines, name: zone_name, category: category, protectionLevel: protection_level}
 * </pre>
 *
 * <p>In {@code sector} every role is optional; a role given needs its {@code layer} (a layer of this
 * catalog) and its required attributes ({@code pipelines.network}, {@code inspection.risk},
 * {@code inspection.lastInspected}, {@code inspection.intervals}, {@code buildings.use},
 * {@code redLine.name}), each an attribute of that layer of a fitting type; a mistake names its key,
 * e.g. {@code sector.inspection.risk: 'risk' is not an attribute of layer 'inspection_sites'}. Queries of
 * a role that is not configured answer 404. Without {@code redLine} the red-line checks use
 * {@code eco_red_lines} with {@code zone_name}, {@code category} and {@code protection_level}, when the
 * catalog has that layer.
 */
public final class CatalogLoader {

    /** SQL identifiers we accept in configuration: they are inlined in SQL, so nothing else. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> LAYER_KEYS = Set.of("name", "title", "abstract", "keywords", "geometry",
            "srid", "id", "idType", "access", "readRoles", "writeRoles", "transactions", "attributes", "table",
            "geometryColumn", "validFrom", "validTo", "exposeId", "style", "gmlName",
            "gmlDescription", "gmlIdentifier");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("name", "type", "title", "nullable");
    private static final Set<String> TOP_KEYS = Set.of("layers", "sector");
    private static final Set<String> SECTOR_KEYS = Set.of("pipelines", "inspection", "streetView", "buildings", "redLine");
    private static final Set<String> PIPELINE_KEYS = Set.of("layer", "network", "diameter");
    private static final Set<String> INSPECTION_KEYS = Set.of("layer", "risk", "lastInspected", "district", "intervals");
    private static final Set<String> STREET_VIEW_KEYS = Set.of("layer", "capturedAt");
    private static final Set<String> BUILDING_KEYS = Set.of("layer", "use", "floors", "height");
    private static final Set<String> RED_LINE_KEYS = Set.of("layer", "name", "category", "protectionLevel");
    private static final Set<AttributeType> ANY = java.util.EnumSet.allOf(AttributeType.class);
    private static final Set<AttributeType> TEXT = java.util.EnumSet.of(AttributeType.STRING);
    private static final Set<AttributeType> WHOLE = java.util.EnumSet.of(AttributeType.INTEGER, AttributeType.LONG);
    private static final Set<AttributeType> NUMBER = java.util.EnumSet.of(AttributeType.INTEGER, AttributeType.LONG,
            AttributeType.DOUBLE);
    private static final Set<AttributeType> TIME = java.util.EnumSet.of(AttributeType.DATE, AttributeType.TIMESTAMP);
    private static final Set<GeometryType> AREAS = java.util.EnumSet.of(GeometryType.POLYGON, GeometryType.MULTIPOLYGON,
            GeometryType.GEOMETRY);
    private static final Set<GeometryType> POINTS = java.util.EnumSet.of(GeometryType.POINT, GeometryType.MULTIPOINT,
            GeometryType.GEOMETRY);

    private CatalogLoader() {
    }

    /** Loads a catalog file. */
    public static LayerCatalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new CatalogConfigurationException(file.toString(), "cannot read catalog file: " + e.getMessage(), e);
        }
    }

    /** Loads a catalog from a stream (UTF-8). */
    public static LayerCatalog load(InputStream in) {
        return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), null);
    }

    /** @param folder the catalog file's folder, against which style files are resolved; {@code null}: the working directory */
    private static LayerCatalog parse(Reader reader, Path folder) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new CatalogConfigurationException("catalog", "not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> top = map(root, "catalog");
        for (Object k : top.keySet()) {
            if (!TOP_KEYS.contains(String.valueOf(k))) {
                throw new CatalogConfigurationException(String.valueOf(k), "unknown key (allowed: " + new java.util.TreeSet<>(TOP_KEYS) + ")");
            }
        }
        Object layersNode = top.get("layers");
        if (!(layersNode instanceof List<?> list) || list.isEmpty()) {
            throw new CatalogConfigurationException("layers", "must be a non-empty list of layers");
        }
        List<LayerDefinition> layers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            layers.add(layer(map(list.get(i), "layers[" + i + "]"), "layers[" + i + "]", folder));
        }
        LayerCatalog catalog = new LayerCatalog(layers);
        if (top.get("sector") == null) {
            return catalog;
        }
        return new LayerCatalog(layers, sector(map(top.get("sector"), "sector"), catalog));
    }

    private static SectorLayers sector(Map<?, ?> m, LayerCatalog catalog) {
        checkKeys(m, SECTOR_KEYS, "sector");
        SectorLayers.Pipelines pipelines = null;
        SectorLayers.Inspection inspection = null;
        SectorLayers.StreetView streetView = null;
        SectorLayers.Buildings buildings = null;
        SectorLayers.RedLine redLine = null;
        if (m.get("pipelines") != null) {
            String key = "sector.pipelines";
            Map<?, ?> p = map(m.get("pipelines"), key);
            checkKeys(p, PIPELINE_KEYS, key);
            LayerDefinition l = roleLayer(p, key, catalog, null);
            pipelines = new SectorLayers.Pipelines(l.name(), role(p, "network", key, l, true, TEXT),
                    role(p, "diameter", key, l, false, NUMBER));
        }
        if (m.get("inspection") != null) {
            String key = "sector.inspection";
            Map<?, ?> p = map(m.get("inspection"), key);
            checkKeys(p, INSPECTION_KEYS, key);
            LayerDefinition l = roleLayer(p, key, catalog, null);
            inspection = new SectorLayers.Inspection(l.name(), role(p, "risk", key, l, true, TEXT),
                    role(p, "lastInspected", key, l, true, TIME), role(p, "district", key, l, false, TEXT),
                    intervals(p.get("intervals"), key + ".intervals"));
        }
        if (m.get("streetView") != null) {
            String key = "sector.streetView";
            Map<?, ?> p = map(m.get("streetView"), key);
            checkKeys(p, STREET_VIEW_KEYS, key);
            LayerDefinition l = roleLayer(p, key, catalog, POINTS);
            streetView = new SectorLayers.StreetView(l.name(), role(p, "capturedAt", key, l, false, TIME));
        }
        if (m.get("buildings") != null) {
            String key = "sector.buildings";
            Map<?, ?> p = map(m.get("buildings"), key);
            checkKeys(p, BUILDING_KEYS, key);
            LayerDefinition l = roleLayer(p, key, catalog, AREAS);
            buildings = new SectorLayers.Buildings(l.name(), role(p, "use", key, l, true, ANY),
                    role(p, "floors", key, l, false, WHOLE), role(p, "height", key, l, false, NUMBER));
        }
        if (m.get("redLine") != null) {
            String key = "sector.redLine";
            Map<?, ?> p = map(m.get("redLine"), key);
            checkKeys(p, RED_LINE_KEYS, key);
            LayerDefinition l = roleLayer(p, key, catalog, AREAS);
            redLine = new SectorLayers.RedLine(l.name(), role(p, "name", key, l, true, ANY),
                    role(p, "category", key, l, false, ANY), role(p, "protectionLevel", key, l, false, ANY));
        }
        return new SectorLayers(pipelines, inspection, streetView, buildings, redLine);
    }

    /** The {@code layer} of a sector role: required, a layer of the catalog, of one of {@code geometries} when given. */
    private static LayerDefinition roleLayer(Map<?, ?> m, String key, LayerCatalog catalog, Set<GeometryType> geometries) {
        Object v = m.get("layer");
        if (v == null) {
            throw new CatalogConfigurationException(key + ".layer", "is required (the name of a layer of this catalog)");
        }
        String name = String.valueOf(v);
        LayerDefinition layer = catalog.all().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new CatalogConfigurationException(key + ".layer", "no layer '" + name + "' in the catalog"));
        if (geometries != null && !geometries.contains(layer.geometryType())) {
            throw new CatalogConfigurationException(key + ".layer", "layer '" + name + "' has "
                    + layer.geometryType().label() + " geometries; this role needs "
                    + (geometries == AREAS ? "polygons" : "points"));
        }
        return layer;
    }

    /**
     * The attribute playing a role: an attribute of the role's layer of one of {@code types}.
     *
     * @return its name, or {@code null} when it is optional and not given
     */
    private static String role(Map<?, ?> m, String name, String key, LayerDefinition layer, boolean required,
                               Set<AttributeType> types) {
        Object v = m.get(name);
        if (v == null) {
            if (required) {
                throw new CatalogConfigurationException(key + "." + name, "is required (an attribute of layer '"
                        + layer.name() + "')");
            }
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new CatalogConfigurationException(key + "." + name, "must be a single value");
        }
        String attribute = String.valueOf(v);
        AttributeDefinition a = layer.attribute(attribute).orElseThrow(() -> new CatalogConfigurationException(
                key + "." + name, "'" + attribute + "' is not an attribute of layer '" + layer.name() + "'"));
        if (!types.contains(a.type())) {
            throw new CatalogConfigurationException(key + "." + name, "'" + attribute + "' is "
                    + a.type().name().toLowerCase(java.util.Locale.ROOT) + "; this role needs "
                    + String.join(" or ", types.stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        return attribute;
    }

    /** Days between inspections by risk level: a non-empty mapping of levels to positive whole days. */
    private static Map<String, Integer> intervals(Object node, String key) {
        if (node == null) {
            throw new CatalogConfigurationException(key, "is required (days between inspections by risk level, "
                    + "e.g. {D: 90, C: 180, B: 365, A: 730})");
        }
        Map<?, ?> m = map(node, key);
        if (m.isEmpty()) {
            throw new CatalogConfigurationException(key, "must name at least one risk level");
        }
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String || e.getKey() instanceof Integer)) {
                // YAML 1.1 reads Y, N, yes, no, on, off as booleans
                throw new CatalogConfigurationException(key + "." + e.getKey(), "a risk level must be text; quote it ('"
                        + e.getKey() + "' was read as " + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()) + ")");
            }
            String level = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Integer days) || days < 1) {
                throw new CatalogConfigurationException(key + "." + level, "must be a positive whole number of days, not '"
                        + e.getValue() + "'");
            }
            out.put(level, days);
        }
        return out;
    }

    private static LayerDefinition layer(Map<?, ?> m, String key, Path folder) {
        checkKeys(m, LAYER_KEYS, key);
        String name = identifier(m, "name", key, null);
        String table = string(m, "table", key, null);
        boolean published = table != null;
        if (table == null) {
            table = name;
        } else if (!TABLE.matcher(table).matches()) {
            throw new CatalogConfigurationException(key + ".table", "'" + table + "' is not a plain [schema.]table name");
        }
        GeometryType geometryType;
        try {
            geometryType = GeometryType.parse(string(m, "geometry", key, null));
        } catch (IllegalArgumentException e) {
            throw new CatalogConfigurationException(key + ".geometry", e.getMessage());
        }
        int srid = integer(m, "srid", key, 4490);
        try {
            new io.shikong.core.crs.CrsService().resolve("EPSG:" + srid);
        } catch (io.shikong.core.error.InvalidCrsException e) {
            throw new CatalogConfigurationException(key + ".srid", "EPSG:" + srid + " is not a CRS Shikong serves", e);
        }
        String id = identifier(m, "id", key, "id");
        String geometryColumn = identifier(m, "geometryColumn", key, "geom");
        AttributeType idType;
        try {
            idType = AttributeType.parse(string(m, "idType", key, "string"));
        } catch (IllegalArgumentException e) {
            throw new CatalogConfigurationException(key + ".idType", e.getMessage());
        }
        if (!published && idType != AttributeType.STRING) {
            throw new CatalogConfigurationException(key + ".idType", "managed layers have string ids");
        }
        String validFrom = identifier(m, "validFrom", key, published ? null : LayerDefinition.VALID_FROM);
        String validTo = identifier(m, "validTo", key, published ? null : LayerDefinition.VALID_TO);
        if (!published && (!LayerDefinition.VALID_FROM.equals(validFrom) || !LayerDefinition.VALID_TO.equals(validTo))) {
            throw new CatalogConfigurationException(key + ".validFrom",
                    "managed layers always use valid_from/valid_to; set 'table' to publish an existing table");
        }
        if (validFrom == null && validTo != null) {
            throw new CatalogConfigurationException(key + ".validTo", "validTo needs validFrom");
        }
        String accessName = string(m, "access", key, "public");
        if (!accessName.equals("public") && !accessName.equals("restricted")) {
            throw new CatalogConfigurationException(key + ".access", "must be 'public' or 'restricted', not '" + accessName + "'");
        }
        Set<String> readRoles = new LinkedHashSet<>(strings(m, "readRoles", key));
        Set<String> writeRoles = new LinkedHashSet<>(m.containsKey("writeRoles")
                ? strings(m, "writeRoles", key) : List.of(io.shikong.core.security.Caller.EDITOR));
        if (writeRoles.contains(Access.ANYONE) && accessName.equals("restricted")) {
            throw new CatalogConfigurationException(key + ".writeRoles", "a restricted layer cannot grant writes to anonymous callers");
        }
        if (writeRoles.contains(Access.ANYONE)) {
            org.slf4j.LoggerFactory.getLogger(CatalogLoader.class).warn("layer '{}' lets anonymous callers write "
                    + "(writeRoles: [anonymous]); meant for conformance test layers only", name);
        }
        if (accessName.equals("restricted") && readRoles.isEmpty()) {
            throw new CatalogConfigurationException(key + ".readRoles", "a restricted layer needs at least one read role");
        }
        boolean transactions = bool(m, "transactions", key, false);
        if (published && transactions) {
            throw new CatalogConfigurationException(key + ".transactions", "a published table is read-only");
        }
        Object attributesNode = m.get("attributes");
        if (!(attributesNode instanceof List<?> attrList)) {
            throw new CatalogConfigurationException(key + ".attributes", "must be a list of {name, type}");
        }
        boolean exposeId = bool(m, "exposeId", key, published);
        if (exposeId && !published) {
            throw new CatalogConfigurationException(key + ".exposeId", "the id of a managed layer is assigned by Shikong "
                    + "and is the feature id; only a published table's key column can be exposed as a property");
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(geometryColumn));
        if (!published) {
            seen.add(id);
        }
        if (validFrom != null) {
            seen.add(validFrom);
        }
        if (validTo != null) {
            seen.add(validTo);
        }
        AttributeDefinition declaredId = null;
        for (int j = 0; j < attrList.size(); j++) {
            String akey = key + ".attributes[" + j + "]";
            Map<?, ?> a = map(attrList.get(j), akey);
            checkKeys(a, ATTRIBUTE_KEYS, akey);
            String aname = identifier(a, "name", akey, null);
            if (!seen.add(aname)) {
                throw new CatalogConfigurationException(akey + ".name", "'" + aname + "' is defined twice or clashes with the "
                        + (published ? "" : "id, ") + "geometry or time column");
            }
            AttributeType type;
            try {
                type = AttributeType.parse(string(a, "type", akey, null));
            } catch (IllegalArgumentException e) {
                throw new CatalogConfigurationException(akey + ".type", e.getMessage());
            }
            AttributeDefinition def = new AttributeDefinition(aname, type, string(a, "title", akey, null),
                    bool(a, "nullable", akey, true));
            if (aname.equals(id)) {
                // a published table's key column declared as an attribute: it is exposed, typed as declared
                if (m.containsKey("idType") && type != idType) {
                    throw new CatalogConfigurationException(akey + ".type", "the key column '" + id + "' is declared "
                            + type.name().toLowerCase(java.util.Locale.ROOT) + " here but idType says "
                            + idType.name().toLowerCase(java.util.Locale.ROOT));
                }
                if (m.containsKey("exposeId") && !exposeId) {
                    throw new CatalogConfigurationException(akey + ".name", "the key column '" + id
                            + "' is listed as an attribute but exposeId is false");
                }
                idType = type;
                exposeId = true;
                declaredId = new AttributeDefinition(aname, type, def.title(), false);
                continue;
            }
            attributes.add(def);
        }
        if (exposeId) {
            attributes.add(0, declaredId != null ? declaredId : new AttributeDefinition(id, idType, null, false));
        }
        String[] gml = new String[3];
        String[] gmlKeys = {"gmlName", "gmlDescription", "gmlIdentifier"};
        for (int g = 0; g < 3; g++) {
            gml[g] = identifier(m, gmlKeys[g], key, null);
            String attribute = gml[g];
            if (attribute != null && attributes.stream().noneMatch(a -> a.name().equals(attribute)
                    && a.type() == AttributeType.STRING)) {
                throw new CatalogConfigurationException(key + "." + gmlKeys[g], "'" + attribute
                        + "' is not a string attribute of the layer");
            }
        }
        String style = string(m, "style", key, null);
        if (style != null) {
            Path sld = folder == null ? Path.of(style) : folder.resolve(style);
            if (style.isBlank() || !Files.isRegularFile(sld)) {
                throw new CatalogConfigurationException(key + ".style", "no SLD file '" + style + "' (looked for " + sld + ")");
            }
            style = sld.toAbsolutePath().toString();
        }
        return new LayerDefinition(name, string(m, "title", key, name), string(m, "abstract", key, ""),
                strings(m, "keywords", key), geometryType, srid, attributes, id, idType, geometryColumn, table, published,
                validFrom, validTo, new Access(accessName.equals("restricted"), readRoles, writeRoles),
                transactions, exposeId, style, new GmlProperties(gml[0], gml[1], gml[2]));
    }

    private static void checkKeys(Map<?, ?> m, Set<String> allowed, String key) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new CatalogConfigurationException(key + "." + k, "unknown key (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static Map<?, ?> map(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            return m;
        }
        throw new CatalogConfigurationException(key, "must be a mapping");
    }

    private static String string(Map<?, ?> m, String name, String key, String fallback) {
        Object v = m.get(name);
        if (v == null) {
            if (fallback == null && !m.containsKey(name) && isRequired(name)) {
                throw new CatalogConfigurationException(key + "." + name, "is required");
            }
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new CatalogConfigurationException(key + "." + name, "must be a single value");
        }
        return String.valueOf(v);
    }

    private static boolean isRequired(String name) {
        return name.equals("name") || name.equals("geometry") || name.equals("type");
    }

    private static String identifier(Map<?, ?> m, String name, String key, String fallback) {
        String v = string(m, name, key, fallback);
        if (v != null && !IDENTIFIER.matcher(v).matches()) {
            throw new CatalogConfigurationException(key + "." + name,
                    "'" + v + "' is not a valid name (letters, digits, underscore; not starting with a digit)");
        }
        return v;
    }

    private static int integer(Map<?, ?> m, String name, String key, int fallback) {
        Object v = m.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new CatalogConfigurationException(key + "." + name, "must be an integer, not '" + v + "'");
    }

    private static boolean bool(Map<?, ?> m, String name, String key, boolean fallback) {
        Object v = m.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new CatalogConfigurationException(key + "." + name, "must be true or false, not '" + v + "'");
    }

    private static List<String> strings(Map<?, ?> m, String name, String key) {
        Object v = m.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new CatalogConfigurationException(key + "." + name, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
