package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.ConflictException;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.Values;
import io.shikong.core.feature.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Applies changes to one managed layer inside the caller's transaction, never overwriting: an update
 * closes the current row ({@code valid_to = at}) and inserts the next version from {@code at}; a
 * delete only closes. Every feature is validated (schema, types, geometry type and validity) before
 * its SQL runs; any failure propagates and the caller rolls back.
 */
final class VersionedWriter {

    private static final int BATCH = 1000;

    private final Connection connection;
    private final LayerDefinition layer;
    private final SqlDialect dialect;
    private final String table;
    private final String id;
    /** The envelopes of every version closed or opened. */
    private final ChangeBoxes boxes = new ChangeBoxes();
    /** The earliest instant whose state changed; null while nothing changed. */
    private Instant validFrom;

    VersionedWriter(Connection connection, LayerDefinition layer, SqlDialect dialect) {
        this.connection = connection;
        this.layer = layer;
        this.dialect = dialect;
        this.table = dialect.table(layer.table());
        this.id = dialect.quote(layer.idAttribute());
    }

    WriteResult apply(List<Change> changes) throws SQLException {
        // milliseconds: the precision ISO 8601 clients parse (OGC's WFS suite reads [.SSS] only), and
        // what GML and GeoJSON then write back without loss
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // ids whose current version this write created: changed again, that version is rewritten in
        // place, so one write never leaves a zero-length version behind (QGIS sends a geometry and an
        // attribute change of one feature as two updates in one transaction)
        java.util.Set<String> touched = new java.util.HashSet<>();
        List<String> inserted = new ArrayList<>();
        int updated = 0;
        int deleted = 0;
        for (Change change : changes) {
            if (change instanceof Change.Insert insert) {
                    Feature f = prepare(insert.feature(), "insert");
                    if (current(f.id()) != null) {
                        throw new ConflictException("id", "layer '" + layer.name() + "' already has a current feature '" + f.id() + "'");
                    }
                    insertRow(f, at, nextVersion(f.id()));
                    changed(f.geometry(), at);
                    touched.add(f.id());
                    inserted.add(f.id());
            } else if (change instanceof Change.Update update) {
                    Feature cur = requireCurrent(update.id(), at, update, touched);
                    Map<String, Object> merged = new LinkedHashMap<>(cur.properties());
                    merged.putAll(update.properties());
                    Geometry g = update.geometry() == null ? cur.geometry() : update.geometry();
                    Feature next = prepare(new Feature(cur.id(), g, merged, null, null, 0), "update");
                    supersede(cur, next, at, touched);
                    changed(cur.geometry(), at);
                    changed(next.geometry(), at);
                    updated++;
            } else if (change instanceof Change.Replace replace) {
                    Feature cur = requireCurrent(replace.id(), at, replace, touched);
                    Feature next = prepare(replace.feature(), "replace");
                    supersede(cur, next, at, touched);
                    changed(cur.geometry(), at);
                    changed(next.geometry(), at);
                    updated++;
            } else if (change instanceof Change.Delete delete) {
                    Feature cur = requireCurrent(delete.id(), at, delete, touched);
                    if (touched.remove(cur.id())) {
                        deleteRow(cur);
                    } else {
                        close(cur.id(), after(cur, at));
                    }
                    changed(cur.geometry(), at);
                    deleted++;
            }
        }
        return new WriteResult(inserted, updated, deleted, at);
    }

    long bulk(Iterator<Feature> versions) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add(id);
        layer.attributes().forEach(a -> columns.add(dialect.quote(a.name())));
        columns.add(dialect.quote(layer.geometryColumn()));
        columns.add("valid_from");
        columns.add("valid_to");
        columns.add("version");
        Iterator<Object[]> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return versions.hasNext();
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Feature f = versions.next();
                if (f.validFrom() == null || f.version() < 1) {
                    throw new InvalidParameterException("validFrom", "bulk-loaded version of '" + f.id()
                            + "' needs valid_from and a version >= 1");
                }
                if (f.validTo() != null && f.validTo().isBefore(f.validFrom())) {
                    throw new InvalidParameterException("validTo", "version " + f.version() + " of '" + f.id()
                            + "' ends before it starts");
                }
                Feature p = prepare(f, "load");
                changed(p.geometry(), f.validFrom());
                return row(p, f.validFrom(), f.validTo(), f.version());
            }
        };
        if (dialect.bulkCopy()) {
            return dialect.copy(connection, table, columns, rows);
        }
        long n = 0;
        try (PreparedStatement ps = connection.prepareStatement(insertSql())) {
            while (rows.hasNext()) {
                bindRow(ps, rows.next());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    /** Records a version closed or opened: its geometry's envelope and the instant its state changed. */
    private void changed(Geometry g, Instant from) {
        boxes.add(g);
        if (validFrom == null || from.isBefore(validFrom)) {
            validFrom = from;
        }
    }

    /** The storage-CRS envelopes of every version this writer closed or opened, merged to a few. */
    List<org.locationtech.jts.geom.Envelope> boxes() {
        return boxes.list();
    }

    /**
     * The earliest instant whose state changed (the write's instant, or the earliest {@code valid_from} of a
     * bulk load); null when nothing changed.
     */
    Instant validFrom() {
        return validFrom;
    }

    private void supersede(Feature cur, Feature next, Instant at, java.util.Set<String> touched) throws SQLException {
        if (touched.contains(cur.id())) {
            // this write made the current version: rewrite it in place
            deleteRow(cur);
            insertRow(next, cur.validFrom(), cur.version());
        } else {
            Instant from = after(cur, at);
            close(cur.id(), from);
            insertRow(next, from, cur.version() + 1);
            touched.add(cur.id());
        }
    }

    /**
     * The instant a new version of {@code cur} starts: the write's instant, or a millisecond after
     * {@code cur} began when another write of the same feature committed within the same millisecond,
     * so that no version is ever of zero length (an as-of query could not find it).
     */
    private static Instant after(Feature cur, Instant at) {
        return at.isAfter(cur.validFrom()) ? at : cur.validFrom().plusMillis(1);
    }

    private void deleteRow(Feature version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE " + id
                + " = ? AND version = ?")) {
            ps.setString(1, version.id());
            ps.setInt(2, version.version());
            ps.executeUpdate();
        }
    }

    private Feature requireCurrent(String featureId, Instant at, Change change, java.util.Set<String> touched)
            throws SQLException {
        Feature cur = requireCurrent(featureId, at);
        Integer expected = change.expectedVersion();
        // a version this write created stands for the one the client saw; only the first change is checked
        if (expected != null && !touched.contains(featureId) && cur.version() != expected) {
            String kind = change.getClass().getSimpleName();
            throw new ConflictException(kind, kind + " of " + layer.name() + "." + featureId + " aimed at version "
                    + expected + ", but version " + cur.version() + " is current: another write came first");
        }
        return cur;
    }

    private Feature requireCurrent(String featureId, Instant at) throws SQLException {
        Feature cur = current(featureId);
        if (cur == null) {
            // Under READ COMMITTED a writer that waited on our row lock sees the row it waited for
            // closed, but not the version the other writer inserted; a new statement does.
            cur = current(featureId);
        }
        if (cur == null) {
            throw new FeatureNotFoundException(layer.name(), featureId);
        }
        // a version may start up to a few milliseconds ahead of now (see after()); beyond that the clock is wrong
        if (at.plusSeconds(1).isBefore(cur.validFrom())) {
            throw new ConflictException("id", "feature '" + featureId + "' has a version starting after now ("
                    + cur.validFrom() + "); check the server clock");
        }
        return cur;
    }

    private Feature current(String featureId) throws SQLException {
        SelectColumns columns = SelectColumns.of(layer, null, dialect);
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + columns.sql() + " FROM " + table
                + " WHERE " + id + " = ? AND valid_to IS NULL FOR UPDATE")) {
            ps.setString(1, featureId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RowReader(columns, null).read(rs) : null;
            }
        }
    }

    private int nextVersion(String featureId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(version) FROM " + table + " WHERE " + id + " = ?")) {
            ps.setString(1, featureId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    private void close(String featureId, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET valid_to = ? WHERE " + id
                + " = ? AND valid_to IS NULL")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, featureId);
            ps.executeUpdate();
        }
    }

    private void insertRow(Feature f, Instant at, int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(insertSql())) {
            bindRow(ps, row(f, at, null, version));
            ps.executeUpdate();
        }
    }

    private String insertSql() {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + id);
        StringBuilder values = new StringBuilder("?");
        for (AttributeDefinition a : layer.attributes()) {
            sql.append(", ").append(dialect.quote(a.name()));
            values.append(", ?");
        }
        sql.append(", ").append(dialect.quote(layer.geometryColumn())).append(", valid_from, valid_to, version) VALUES (");
        values.append(", ").append(dialect.geometryParameter(layer.srid())).append(", ?, ?, ?)");
        return sql.append(values).toString();
    }

    private Object[] row(Feature f, Instant from, Instant to, int version) {
        Object[] row = new Object[layer.attributes().size() + 5];
        int i = 0;
        row[i++] = f.id();
        for (AttributeDefinition a : layer.attributes()) {
            row[i++] = f.properties().get(a.name());
        }
        row[i++] = f.geometry();
        row[i++] = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        row[i++] = to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
        row[i] = version;
        return row;
    }

    private void bindRow(PreparedStatement ps, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof Geometry g) {
                ps.setBytes(i + 1, dialect.wkb(g));
            } else if (v instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /**
     * Checks a feature against the layer and converts its values: known properties only, values of the
     * declared types, required values present, a valid geometry of the layer's type (a single geometry
     * is promoted to the layer's multi type).
     */
    Feature prepare(Feature f, String operation) {
        if (f.id() == null || f.id().isBlank() || f.id().length() > 256) {
            throw new InvalidParameterException("id", operation + ": feature id must be 1 to 256 characters");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : f.properties().keySet()) {
            if (layer.attribute(key).isEmpty()) {
                throw new InvalidParameterException(key, operation + " of '" + f.id() + "': layer '" + layer.name()
                        + "' has no property '" + key + "'");
            }
        }
        for (AttributeDefinition a : layer.attributes()) {
            Object v = Values.convert(f.properties().get(a.name()), a.type(), a.name());
            if (v == null && !a.nullable()) {
                throw new InvalidParameterException(a.name(), operation + " of '" + f.id() + "': property '"
                        + a.name() + "' is required");
            }
            values.put(a.name(), v);
        }
        Geometry g = geometry(f, operation);
        return new Feature(f.id(), g, values, f.validFrom(), f.validTo(), f.version());
    }

    private Geometry geometry(Feature f, String operation) {
        Geometry g = f.geometry();
        String where = operation + " of '" + f.id() + "'";
        if (g == null || g.isEmpty()) {
            throw new InvalidParameterException(layer.geometryColumn(), where + ": geometry is missing or empty");
        }
        if (g.getSRID() != 0 && g.getSRID() != layer.srid()) {
            throw new InvalidParameterException(layer.geometryColumn(), where + ": geometry is in EPSG:" + g.getSRID()
                    + ", the layer stores EPSG:" + layer.srid());
        }
        g = promote(g, layer.geometryType());
        if (!layer.geometryType().accepts(g)) {
            throw new InvalidParameterException(layer.geometryColumn(), where + ": a " + g.getGeometryType()
                    + " cannot be stored in a " + layer.geometryType().label() + " layer");
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw new InvalidParameterException(layer.geometryColumn(), where + ": invalid geometry: "
                    + error.getMessage() + " at (" + error.getCoordinate().x + " " + error.getCoordinate().y + ")");
        }
        g.setSRID(layer.srid());
        return g;
    }

    private static Geometry promote(Geometry g, GeometryType type) {
        GeometryFactory gf = g.getFactory();
        return switch (type) {
            case MULTIPOLYGON -> g instanceof Polygon p ? gf.createMultiPolygon(new Polygon[] {p}) : g;
            case MULTILINESTRING -> g instanceof LineString l ? gf.createMultiLineString(new LineString[] {l}) : g;
            case MULTIPOINT -> g instanceof Point p ? gf.createMultiPoint(new Point[] {p}) : g;
            default -> g;
        };
    }
}
