package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.CompactProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;

/** Turns rows selected with {@link SelectColumns} into features. Not thread-safe: one per cursor. */
final class RowReader {

    private final SelectColumns columns;
    private final UnaryOperator<Geometry> transform;
    private final WkbDecoder wkb = new WkbDecoder();
    private final int srid;
    /** The property names, shared by every feature's map. */
    private final CompactProperties.Keys keys;

    /** @param transform applied to each geometry (output CRS), or {@code null} */
    RowReader(SelectColumns columns, UnaryOperator<Geometry> transform) {
        this.columns = columns;
        this.transform = transform;
        this.srid = columns.layer().srid();
        this.keys = CompactProperties.Keys.of(columns.attributes().stream().map(AttributeDefinition::name).toList());
    }

    Feature read(ResultSet rs) throws SQLException {
        int i = 1;
        String id = rs.getString(i++);
        List<AttributeDefinition> attributes = columns.attributes();
        Object[] values = new Object[attributes.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = value(rs, i++, attributes.get(k));
        }
        Map<String, Object> properties = new CompactProperties(keys, values);
        byte[] bytes = rs.getBytes(i++);
        Geometry geometry = null;
        if (bytes != null) {
            try {
                geometry = wkb.read(bytes);
            } catch (ParseException e) {
                throw new SQLException("unreadable geometry of feature " + id, e);
            }
            geometry.setSRID(srid);
            if (transform != null) {
                geometry = transform.apply(geometry);
            }
        }
        Instant validFrom = null;
        Instant validTo = null;
        if (columns.validFrom()) {
            validFrom = JdbcFeatureStore.instant(rs, i++);
        }
        if (columns.validTo()) {
            validTo = JdbcFeatureStore.instant(rs, i++);
        }
        // a drawing read leaves the version out: 0 then (1 on a layer without versions)
        int version = columns.version() ? rs.getInt(i) : columns.layer().versioned() ? 0 : 1;
        return new Feature(id, geometry, properties, validFrom, validTo, version);
    }

    private static Object value(ResultSet rs, int i, AttributeDefinition a) throws SQLException {
        Object v = switch (a.type()) {
            case STRING -> rs.getString(i);
            case INTEGER -> rs.getInt(i);
            case LONG -> rs.getLong(i);
            case DOUBLE -> rs.getDouble(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP -> JdbcFeatureStore.instant(rs, i);
        };
        return rs.wasNull() ? null : v;
    }
}
