package io.shikong.core.redline;

import io.shikong.core.error.StoreException;
import io.shikong.core.store.jdbc.JdbcFeatureStore;
import io.shikong.core.store.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The checks in a table beside the layers ({@code redline_checks}), in the same database as the store,
 * PostGIS or embedded; created when missing. Records are never changed.
 */
public final class CheckStore implements CheckRepository {

    private final DataSource dataSource;
    private final SqlDialect dialect;

    /** On the database of a JDBC feature store (the same data source and dialect). */
    public CheckStore(JdbcFeatureStore store) {
        this(store.dataSource(), store.dialect());
    }

    /**
     * @throws StoreException when the table cannot be created
     */
    public CheckStore(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        String text = dialect.columnType(io.shikong.core.catalog.AttributeType.STRING);
        String time = dialect.columnType(io.shikong.core.catalog.AttributeType.TIMESTAMP);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS redline_checks (id VARCHAR(64) PRIMARY KEY, created_at " + time
                    + " NOT NULL, input_hash VARCHAR(64) NOT NULL, red_line_version " + time + ", request " + text
                    + " NOT NULL, report " + text + " NOT NULL)");
        } catch (SQLException e) {
            throw new StoreException("cannot create the redline_checks table", e);
        }
    }

    @Override
    public void save(StoredCheck check) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO redline_checks (id, created_at, input_hash, red_line_version, request, report) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, check.id());
            ps.setObject(2, OffsetDateTime.ofInstant(check.createdAt(), ZoneOffset.UTC));
            ps.setString(3, check.inputHash());
            ps.setObject(4, check.redLineVersion() == null ? null : OffsetDateTime.ofInstant(check.redLineVersion(), ZoneOffset.UTC));
            ps.setString(5, check.request());
            ps.setString(6, check.report());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the check", e);
        }
    }

    @Override
    public Optional<StoredCheck> find(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, created_at, input_hash, red_line_version, request, report FROM redline_checks WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime version = rs.getObject(4, OffsetDateTime.class);
                return Optional.of(new StoredCheck(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), version == null ? null : version.toInstant(), rs.getString(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the check", e);
        }
    }
}
