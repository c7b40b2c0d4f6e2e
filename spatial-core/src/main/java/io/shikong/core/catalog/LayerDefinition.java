package io.shikong.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Shikong knows about one layer: what clients see (name, title, schema, access) and where
 * the store keeps it.
 *
 * <p>A <em>managed</em> layer ({@code published == false}) is created and versioned by Shikong: every
 * feature has versions with valid time in the columns {@code valid_from}/{@code valid_to}, and writes
 * close old versions instead of overwriting them. A <em>published</em> layer serves an existing table
 * or view as it is, the way GeoServer publishes a table: its own id column, optional time columns, no
 * history, read-only.
 *
 * @param name            the layer name used in URLs and OGC requests; also the table of a managed layer
 * @param title           human title
 * @param description     abstract; may be empty
 * @param keywords        keywords; may be empty
 * @param geometryType    geometry type of every feature
 * @param srid            storage CRS (EPSG code), 4490 unless configured otherwise
 * @param attributes      non-spatial attributes in schema order, excluding the id and valid time
 * @param idAttribute     name of the stable feature id (column of the table)
 * @param idType          type of the id column: STRING for managed layers, any for published tables
 * @param geometryColumn  geometry column of the table
 * @param table           table (optionally schema-qualified) holding the features
 * @param published       true for an existing table served as it is
 * @param validFromColumn start of valid time; {@code null} for a published layer without time
 * @param validToColumn   end of valid time ({@code null} value = current); may be {@code null}
 * @param access          who may read and write
 * @param writable        whether writes are allowed at all (never for published layers)
 * @param idExposed       whether the id column is also a property of the features (first in
 *                        {@code attributes}), so clients can show, filter and sort by it: the default for
 *                        published tables, whose key is often a meaningful number (GeoServer's "expose
 *                        primary keys"); never for managed layers, whose id Shikong assigns
 * @param style           the SLD file of the layer's default style, resolved against the catalog's folder;
 *                        {@code null} for the standard style of the sample layers or one by geometry type
 * @param gml             the attributes standing for GML's gml:name, gml:description and gml:identifier
 */
public record LayerDefinition(
        String name,
        String title,
        String description,
        List<String> keywords,
        GeometryType geometryType,
        int srid,
        List<AttributeDefinition> attributes,
        String idAttribute,
        AttributeType idType,
        String geometryColumn,
        String table,
        boolean published,
        String validFromColumn,
        String validToColumn,
        Access access,
        boolean writable,
        boolean idExposed,
        String style,
        GmlProperties gml) {

    /** The valid-time columns of every managed layer. */
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";

    public LayerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometryType, "geometryType");
        keywords = List.copyOf(keywords);
        gml = gml == null ? GmlProperties.NONE : gml;
        attributes = List.copyOf(attributes);
        if (published && writable) {
            throw new IllegalArgumentException("published layer '" + name + "' cannot be writable");
        }
        if (idExposed && (!published || attributes.isEmpty() || !attributes.get(0).name().equals(idAttribute))) {
            throw new IllegalArgumentException("layer '" + name + "': an exposed id is the first attribute of a published layer");
        }
    }

    /** The attribute of that name, if the schema has it (time columns are not attributes; the id only when exposed). */
    public Optional<AttributeDefinition> attribute(String property) {
        for (AttributeDefinition a : attributes) {
            if (a.name().equals(property)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether features carry valid time (always for managed layers). */
    public boolean temporal() {
        return validFromColumn != null;
    }

    /** Whether every change is kept as a version (managed layers). */
    public boolean versioned() {
        return !published;
    }

    /** All property names a query may name: the attributes, the id, the geometry and the time columns. */
    public List<String> queryableNames() {
        var names = new java.util.LinkedHashSet<String>();
        names.add(idAttribute);
        attributes.forEach(a -> names.add(a.name()));
        names.add(geometryColumn);
        if (validFromColumn != null) {
            names.add(validFromColumn);
        }
        if (validToColumn != null) {
            names.add(validToColumn);
        }
        return List.copyOf(names);
    }
}
