package io.shikong.core.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with its parameters, built together so that no value is ever inlined: every value becomes a
 * {@code ?} and a bound parameter. Identifiers come only from the validated catalog.
 */
public final class SqlBuilder {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    /** What the statement holds while it runs (prepared filter literals), given back by {@link #release()}. */
    private final List<Runnable> releases = new ArrayList<>();

    /** A builder holding {@code text} and its parameters as they are (a statement rendered earlier, bound anew). */
    static SqlBuilder of(String text, List<Object> params) {
        SqlBuilder b = new SqlBuilder();
        b.sql.append(text);
        b.params.addAll(params);
        return b;
    }

    public SqlBuilder sql(String text) {
        sql.append(text);
        return this;
    }

    /** Appends {@code ?} and binds {@code value}. Instants are bound as UTC {@link OffsetDateTime}. */
    public SqlBuilder param(Object value) {
        sql.append('?');
        params.add(value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value);
        return this;
    }

    /** Appends another builder's text and parameters (and what it holds until {@link #release()}). */
    public SqlBuilder append(SqlBuilder other) {
        sql.append(other.sql);
        params.addAll(other.params);
        releases.addAll(other.releases);
        other.releases.clear();
        return this;
    }

    /** Registers what to give back once the statement built here has run (or failed). */
    public SqlBuilder onRelease(Runnable release) {
        releases.add(release);
        return this;
    }

    /** Gives back what the statement held; once, then nothing. */
    public void release() {
        List<Runnable> all = List.copyOf(releases);
        releases.clear();
        all.forEach(Runnable::run);
    }

    public boolean isEmpty() {
        return sql.length() == 0;
    }

    public String text() {
        return sql.toString();
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    /** Binds the parameters to a statement prepared from {@link #text()}, starting at index 1. */
    public int bind(PreparedStatement ps) throws SQLException {
        return bind(ps, 1);
    }

    /** Binds the parameters starting at {@code first}; returns the next free index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    @Override
    public String toString() {
        return sql + " " + params;
    }
}
