package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The bounds of one read, on both stores: a 100,000-vertex query polygon over 20,000 rows is counted and read
 * (prepared once on the embedded store, not tested raw row by row), a polygon over
 * {@code shikong.query.max-vertices} is refused, and a read running longer than the statement timeout is
 * cancelled with a 400 naming {@code shikong.store.statement-timeout}, after which the store answers as before.
 */
abstract class StoreLimitsContract {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("loader", Caller.ADMIN);
    static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    static final GeometryFactory GF = new GeometryFactory();
    static final int SIDE = 142; // 142² ≈ 20,000 points

    static final String CATALOG = """
            layers:
              - name: points
                title: Points
                geometry: Point
                transactions: true
                attributes:
                  - {name: label, type: string}
            """;

    JdbcFeatureStore store;

    abstract DataSource freshDataSource() throws Exception;

    abstract JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog);

    @BeforeEach
    void setUp() throws Exception {
        LayerCatalog catalog = CatalogLoader.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
        store = createStore(freshDataSource(), catalog);
        store.initialize();
        List<Feature> points = new ArrayList<>();
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                points.add(new Feature("p" + i + "-" + j, point(i, j), Map.of("label", "p"),
                        java.time.Instant.parse("2020-01-01T00:00:00Z"), null, 1));
            }
        }
        store.bulkLoad("points", points.iterator(), ADMIN);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static org.locationtech.jts.geom.Point point(int i, int j) {
        org.locationtech.jts.geom.Point p = GF.createPoint(new Coordinate(123.3 + 0.2 * i / SIDE, 41.7 + 0.2 * j / SIDE));
        p.setSRID(4490);
        return p;
    }

    /** A circle of {@code n} distinct vertices (and the closing one) around the middle of the points, radius 0.05°. */
    static Polygon circle(int n) {
        Coordinate[] c = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            c[k] = new Coordinate(123.4 + 0.05 * Math.cos(t), 41.8 + 0.05 * Math.sin(t));
        }
        c[n] = c[0];
        Polygon p = GF.createPolygon(c);
        p.setSRID(4490);
        return p;
    }

    /** The points inside the circle, counted without the store. */
    static long inside() {
        long n = 0;
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                double dx = 0.2 * i / SIDE - 0.1;
                double dy = 0.2 * j / SIDE - 0.1;
                if (dx * dx + dy * dy < 0.05 * 0.05 * 0.9999) { // well inside the 100,000-gon
                    n++;
                }
            }
        }
        return n;
    }

    static Query intersecting(Polygon p) {
        Filter f = FF.intersects(FF.property("geom"), FF.literal(p));
        return Query.of("points", Caller.ANONYMOUS).filter(f, null).build();
    }

    @Test
    void aQueryPolygonOfAHundredThousandVerticesIsCountedAndReadOverManyRows() {
        store.limits(new StoreLimits(Duration.ZERO, 100_000));
        Query q = intersecting(circle(99_999)); // closed: 100,000 vertices, the default limit
        long expected = inside();
        assertThat(expected).isGreaterThan(1000);
        long[] counted = new long[2];
        counted[0] = store.count(q);
        try (FeatureCursor c = store.read(q)) {
            while (c.hasNext()) {
                c.next();
                counted[1]++;
            }
        }
        // the points near the circle's edge are in or out by the polygon, not by the test's radius: a few
        assertThat(counted[0]).isBetween(expected, expected + 2 * SIDE);
        assertThat(counted[1]).isEqualTo(counted[0]);
        afterQueries();
    }

    /** What a store checks once its queries are done (the embedded store: its prepared literals released). */
    void afterQueries() {
    }

    @Test
    void aQueryPolygonOverTheVertexLimitIsRefusedNamingTheKey() {
        store.limits(new StoreLimits(Duration.ZERO, 1000));
        assertThatThrownBy(() -> store.count(intersecting(circle(1000))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1001 vertices; at most 1000 are accepted (shikong.query.max-vertices)");
        assertThatThrownBy(() -> store.read(intersecting(circle(1000))).close())
                .isInstanceOf(InvalidParameterException.class);
        assertThat(store.count(intersecting(circle(999)))).isPositive();
    }

    @Test
    void aReadOverTheStatementTimeoutIsCancelledWithA400AndTheStoreAnswersAfter() {
        store.limits(new StoreLimits(Duration.ofMillis(1), 1_000_000));
        Query q = intersecting(circle(100_000));
        assertThatThrownBy(() -> store.count(q)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("(shikong.store.statement-timeout) and was cancelled");
        });
        assertThatThrownBy(() -> {
            try (FeatureCursor c = store.read(q)) {
                c.forEachRemaining(f -> { });
            }
        }).isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.status()).isEqualTo(400));
        // the pooled connections no longer carry the timeout
        store.limits(StoreLimits.NONE);
        assertThat(store.count(Query.of("points", Caller.ANONYMOUS).build())).isEqualTo((long) SIDE * SIDE);
        assertThat(store.count(intersecting(circle(100_000)))).isGreaterThan(1000);
    }
}
