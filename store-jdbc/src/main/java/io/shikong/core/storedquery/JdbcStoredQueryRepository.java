package io.shikong.core.storedquery;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.error.StoreException;
import io.shikong.core.store.jdbc.JdbcFeatureStore;
import io.shikong.core.store.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stored queries in a table beside the layers, {@code wfs_stored_queries (id, definition,
 * created_at)}, in the store's own database: PostGIS (in the first schema of the connection's search
 * path, like the layer tables) or the embedded H2GIS file. The table is created when missing. A
 * duplicate id is refused by the primary key, so two concurrent creations of one id cannot both succeed.
 */
public final class JdbcStoredQueryRepository implements StoredQueryRepository {

    /** The table's name. */
    public static final String TABLE = "wfs_stored_queries";
    private final DataSource dataSource;

    /** On the database of a JDBC feature store (the same data source and dialect). */
    public JdbcStoredQueryRepository(JdbcFeatureStore store) {
        this(store.dataSource(), store.dialect());
    }

    /**
     * @throws StoreException when the table cannot be created
     */
    public JdbcStoredQueryRepository(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        String text = dialect.columnType(AttributeType.STRING);
        String time = dialect.columnType(AttributeType.TIMESTAMP);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(" + MAX_ID_LENGTH + ") PRIMARY KEY, "
                    + "definition " + text + " NOT NULL, created_at " + time + " NOT NULL)");
        } catch (SQLException e) {
            throw new StoreException("cannot create the " + TABLE + " table", e);
        }
    }

    @Override
    public List<StoredQueryRecord> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, definition, created_at FROM " + TABLE + " ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            List<StoredQueryRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(record(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list the stored queries", e);
        }
    }

    @Override
    public Optional<StoredQueryRecord> find(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, definition, created_at FROM " + TABLE + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the stored query", e);
        }
    }

    @Override
    public int count() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count the stored queries", e);
        }
    }

    @Override
    public boolean create(String id, String definition) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + TABLE + " (id, definition, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, definition);
            ps.setObject(3, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            // 23505: unique violation, the same state on PostgreSQL and H2
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("cannot store the stored query", e);
        }
    }

    @Override
    public boolean drop(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("cannot drop the stored query", e);
        }
    }

    private static StoredQueryRecord record(ResultSet rs) throws SQLException {
        return new StoredQueryRecord(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant());
    }
}
