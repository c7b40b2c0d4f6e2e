package io.shikong.core.store.jdbc;

import io.shikong.core.error.StoreException;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/** A cursor over an open result set; owns the connection and gives it back on close. */
final class JdbcCursor implements FeatureCursor {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final RowReader reader;
    /** Run after the result is closed, before the connection goes back to the pool. */
    private final Runnable onClose;
    /** The exception of a failed read (a statement timeout is the caller's 400, not a failure). */
    private final java.util.function.Function<SQLException, RuntimeException> failure;
    private Feature next;
    private boolean done;
    private boolean closed;

    JdbcCursor(Connection connection, PreparedStatement statement, ResultSet resultSet, RowReader reader) {
        this(connection, statement, resultSet, reader, () -> { },
                e -> new StoreException("reading features failed: " + e.getMessage(), e));
    }

    JdbcCursor(Connection connection, PreparedStatement statement, ResultSet resultSet, RowReader reader, Runnable onClose,
               java.util.function.Function<SQLException, RuntimeException> failure) {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.reader = reader;
        this.onClose = onClose;
        this.failure = failure;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done || closed) {
            return false;
        }
        try {
            if (resultSet.next()) {
                next = reader.read(resultSet);
                return true;
            }
            done = true;
            close();
            return false;
        } catch (SQLException e) {
            close();
            throw failure.apply(e);
        }
    }

    @Override
    public Feature next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Feature f = next;
        next = null;
        return f;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resultSet.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // read-only work; ends the streaming transaction
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the pool discards broken connections
        }
        try {
            onClose.run();
        } finally {
            closeQuietly(connection);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
