package io.shikong.core.store.jdbc;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into a PostgreSQL table with {@code COPY ... FROM STDIN (FORMAT binary)}: no text to format
 * or parse on either side, geometries as EWKB (what PostGIS's binary input reads). The value's Java type
 * picks its binary form, so the table's columns must have the matching types: {@link String} text,
 * {@link Integer} integer, {@link Long} bigint, {@link Double} double precision, {@link Boolean} boolean,
 * {@link LocalDate} date, {@link Instant} or {@link OffsetDateTime} timestamptz (microseconds), {@link Geometry}
 * geometry. When the rows' iterator throws, the copy is cancelled and the exception propagates (the caller
 * rolls its transaction back).
 */
final class PgBinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds and days. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final int BUFFER = 1 << 16;

    private PgBinaryCopy() {
    }

    /** Copies every row; returns the number of rows. */
    static long copy(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, sql, BUFFER);
        WKBWriter wkb = new WKBWriter(2, ByteOrderValues.BIG_ENDIAN, true);
        long count = 0;
        boolean done = false;
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(copy, BUFFER));
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            while (rows.hasNext()) {
                Object[] row = rows.next();
                out.writeShort(row.length);
                for (Object v : row) {
                    write(out, v, wkb);
                }
                count++;
            }
            out.writeShort(-1);
            out.flush();
            copy.endCopy();
            done = true;
            return count;
        } catch (IOException e) {
            throw new SQLException("binary COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(DataOutputStream out, Object v, WKBWriter wkb) throws IOException {
        if (v == null) {
            out.writeInt(-1);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Integer i) {
            out.writeInt(4);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeInt(8);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeInt(8);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeInt(1);
            out.writeByte(b ? 1 : 0);
        } else if (v instanceof LocalDate d) {
            out.writeInt(4);
            out.writeInt(Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAYS));
        } else if (v instanceof Instant t) {
            out.writeInt(8);
            out.writeLong(micros(t));
        } else if (v instanceof OffsetDateTime t) {
            out.writeInt(8);
            out.writeLong(micros(t.toInstant()));
        } else if (v instanceof Geometry g) {
            byte[] b = wkb.write(g);
            out.writeInt(b.length);
            out.write(b);
        } else {
            throw new IllegalArgumentException("no binary COPY form for a " + v.getClass().getName());
        }
    }

    /** Microseconds since PostgreSQL's epoch (truncated, as the database keeps them). */
    static long micros(Instant t) {
        return Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L) + t.getNano() / 1000;
    }
}
