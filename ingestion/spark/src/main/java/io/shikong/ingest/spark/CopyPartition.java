package io.shikong.ingest.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Copies one Spark partition into a PostgreSQL table with {@code COPY ... FROM STDIN} (text format), on the
 * executor that holds it, over a connection of its own: the partitions load in parallel. Every column of
 * the rows is a string (or null) already in PostgreSQL's input syntax; geometries are hex EWKB. The copy
 * commits on its own: the target is a staging or result table that nothing reads before the driver's
 * final step.
 */
public final class CopyPartition implements ForeachPartitionFunction<Row>, Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 1 << 16;

    private final JdbcTarget jdbc;
    private final String table;
    private final List<String> columns;

    /**
     * @param jdbc    where to connect
     * @param table   the table (already quoted when needed)
     * @param columns the column names, in the rows' order (unquoted)
     */
    public CopyPartition(JdbcTarget jdbc, String table, List<String> columns) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    @Override
    public void call(Iterator<Row> rows) throws SQLException, IOException {
        if (!rows.hasNext()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
            try (Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            copy(c, rows);
        }
    }

    /** Copies {@code rows} over {@code c}. */
    long copy(Connection c, Iterator<Row> rows) throws SQLException {
        String cols = columns.stream().map(LayerTable::quote).collect(Collectors.joining(", "));
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + cols + ") FROM STDIN");
        long count = 0;
        try {
            StringBuilder line = new StringBuilder(CHUNK + 4096);
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    append(line, row.isNullAt(i) ? null : row.get(i).toString());
                }
                line.append('\n');
                count++;
                if (line.length() >= CHUNK) {
                    write(copy, line);
                }
            }
            write(copy, line);
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder line) throws SQLException {
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        line.setLength(0);
    }

    /** Appends one value in COPY's text format: {@code \N} for null, backslash escapes otherwise. */
    static void append(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("\\N");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }
}
