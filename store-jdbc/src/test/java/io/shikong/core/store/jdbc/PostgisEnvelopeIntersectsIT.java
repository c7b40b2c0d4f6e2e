package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * PostGIS's "intersects the envelope" ({@link PostgisDialect#intersectsEnvelope}: the box test, then ST_Intersects only
 * for rows whose box is not inside the envelope) selects exactly the rows ST_Intersects does, also for points and tiny
 * geometries within a float step of the envelope's edges (PostGIS compares boxes in floats rounded outwards), empty
 * geometries and geometries straddling an edge.
 */
class PostgisEnvelopeIntersectsIT {

    private static final int SRID = 4490;
    private static final List<Envelope> ENVELOPES = List.of(
            new Envelope(123.51304448880614, 123.54284681119384, 41.78283607910462, 41.80518782089539),
            new Envelope(-0.001, 0.002, -0.0005, 0.0007),
            new Envelope(-73.99, -73.97, 40.75, 40.76),
            new Envelope(100.0, 100.0000001, 30.0, 30.0000001));
    private static String url;

    @BeforeAll
    static void load() throws Exception {
        url = PostgisTestDatabase.freshSchema("envelope_intersects_test");
        Random rnd = new Random(15);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE g (id integer PRIMARY KEY, geom geometry(Geometry, " + SRID + "))");
            st.execute("CREATE INDEX ON g USING GIST (geom)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO g VALUES (?, ST_GeomFromText(?, " + SRID + "))")) {
                int id = 0;
                for (Envelope e : ENVELOPES) {
                    double[] xs = {e.getMinX(), e.getMaxX()};
                    double[] ys = {e.getMinY(), e.getMaxY()};
                    for (int i = 0; i < 400; i++) {
                        // a point near an edge: on it, or off it by a few units in the last place (either side)
                        boolean vertical = rnd.nextBoolean();
                        double along = vertical ? e.getMinY() + rnd.nextDouble() * e.getHeight()
                                : e.getMinX() + rnd.nextDouble() * e.getWidth();
                        double edge = vertical ? xs[rnd.nextInt(2)] : ys[rnd.nextInt(2)];
                        double off = edge + (rnd.nextInt(3) - 1) * Math.ulp((float) edge) * rnd.nextDouble() * 3;
                        double x = vertical ? off : along;
                        double y = vertical ? along : off;
                        ps.setInt(1, ++id);
                        ps.setString(2, String.format(Locale.ROOT, "POINT(%.17g %.17g)", x, y));
                        ps.addBatch();
                        // a tiny segment beside it, and a square around it (straddling when on the edge)
                        double d = Math.ulp((float) edge) * 0.5;
                        ps.setInt(1, ++id);
                        ps.setString(2, String.format(Locale.ROOT, "LINESTRING(%.17g %.17g, %.17g %.17g)", x, y, x + (vertical ? d : 0), y + (vertical ? 0 : d)));
                        ps.addBatch();
                        double h = rnd.nextDouble() * Math.max(e.getWidth(), e.getHeight()) / 20;
                        ps.setInt(1, ++id);
                        ps.setString(2, String.format(Locale.ROOT, "POLYGON((%.17g %.17g, %.17g %.17g, %.17g %.17g, %.17g %.17g, %.17g %.17g))",
                                x - h, y - h, x + h, y - h, x + h, y + h, x - h, y + h, x - h, y - h));
                        ps.addBatch();
                    }
                    // well inside, and a collection with one part inside and one outside
                    ps.setInt(1, ++id);
                    ps.setString(2, String.format(Locale.ROOT, "POINT(%.17g %.17g)", e.centre().x, e.centre().y));
                    ps.addBatch();
                    ps.setInt(1, ++id);
                    ps.setString(2, String.format(Locale.ROOT, "MULTIPOINT((%.17g %.17g), (%.17g %.17g))",
                            e.centre().x, e.centre().y, e.getMaxX() + 1, e.getMaxY() + 1));
                    ps.addBatch();
                }
                ps.setInt(1, ++id);
                ps.setString(2, "GEOMETRYCOLLECTION EMPTY");
                ps.addBatch();
                ps.setInt(1, ++id);
                ps.setString(2, "POLYGON EMPTY");
                ps.addBatch();
                ps.executeBatch();
            }
            st.execute("ANALYZE g");
        }
    }

    @AfterAll
    static void drop() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS g");
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(url, PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
    }

    @Test
    void selectsWhatStIntersectsSelects() throws Exception {
        PostgisDialect dialect = new PostgisDialect();
        for (Envelope e : ENVELOPES) {
            SqlBuilder ours = new SqlBuilder().sql("SELECT id FROM g WHERE ");
            dialect.intersectsEnvelope(ours, "geom", e, SRID);
            // the last envelope is narrower than a float step: nothing inside it once shrunk
            assertThat(ours.text().contains(" @ ")).isEqualTo(e != ENVELOPES.get(ENVELOPES.size() - 1));
            SqlBuilder exact = new SqlBuilder().sql("SELECT id FROM g WHERE ST_Intersects(geom, ");
            dialect.envelope(exact, e, SRID);
            exact.sql(")");
            TreeSet<Integer> expected = ids(exact);
            assertThat(expected).hasSizeGreaterThan(300);
            assertThat(ids(ours)).as("%s", e).isEqualTo(expected);
        }
    }

    @Test
    void aDegenerateEnvelopeTestsEveryRowExactly() throws Exception {
        // a point-sized envelope has no inside left once shrunk: ST_Intersects alone
        Envelope point = new Envelope(100.0, 100.0, 30.0, 30.0);
        SqlBuilder ours = new SqlBuilder().sql("SELECT id FROM g WHERE ");
        new PostgisDialect().intersectsEnvelope(ours, "geom", point, SRID);
        assertThat(ours.text()).doesNotContain(" @ ");
        SqlBuilder exact = new SqlBuilder().sql("SELECT id FROM g WHERE ST_Intersects(geom, ");
        new PostgisDialect().envelope(exact, point, SRID);
        exact.sql(")");
        assertThat(ids(ours)).isEqualTo(ids(exact));
    }

    @Test
    void theShrunkEnvelopeInFloatsRoundedOutwardsIsInsideTheEnvelope() {
        Random rnd = new Random(7);
        List<Envelope> all = new ArrayList<>(ENVELOPES);
        for (int i = 0; i < 100_000; i++) {
            double x = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(9) - 2);
            double y = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(9) - 2);
            double w = rnd.nextDouble() * Math.pow(10, rnd.nextInt(10) - 6);
            all.add(new Envelope(x, x + w, y, y + w / 2));
        }
        for (Envelope e : all) {
            Envelope inner = PostgisDialect.insideFloatBoxes(e);
            if (inner == null) {
                continue;
            }
            assertThat(down(inner.getMinX())).isGreaterThanOrEqualTo(e.getMinX());
            assertThat(down(inner.getMinY())).isGreaterThanOrEqualTo(e.getMinY());
            assertThat(up(inner.getMaxX())).isLessThanOrEqualTo(e.getMaxX());
            assertThat(up(inner.getMaxY())).isLessThanOrEqualTo(e.getMaxY());
        }
        assertThat(PostgisDialect.insideFloatBoxes(new Envelope(Double.NEGATIVE_INFINITY, 0, 0, 1))).isNull();
    }

    /** {@code v} as a float no greater than it, then one float step down (outwards, with room to spare). */
    private static double down(double v) {
        float f = (float) v;
        if (f > v) {
            f = Math.nextDown(f);
        }
        return Math.nextDown(f);
    }

    private static double up(double v) {
        float f = (float) v;
        if (f < v) {
            f = Math.nextUp(f);
        }
        return Math.nextUp(f);
    }

    private static TreeSet<Integer> ids(SqlBuilder sql) throws Exception {
        TreeSet<Integer> ids = new TreeSet<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }
}
