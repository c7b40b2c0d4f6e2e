package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.PostgisTestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The process {@code PostgisMergeLargeIT} kills: loads a large generated input into {@code buildings_kill},
 * prints {@code started} once the COPY has taken its first thousand features, and halfway through waits on its
 * standard input (which the test never writes), so it is always killed in the middle of its load.
 *
 * <p>Arguments: JDBC URL, application name of its connections, number of features, variant.
 */
public final class MergeKillChild {

    static final String LAYER = "buildings_kill";
    static final String CATALOG = """
            layers:
              - name: buildings_kill
                geometry: MultiPolygon
                attributes:
                  - {name: kill_marker, type: string}
                  - {name: floors, type: integer}
                  - {name: height_m, type: double}
                  - {name: built_on, type: date}
            """;
    private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4490);

    private MergeKillChild() {
    }

    static LayerCatalog catalog() {
        return CatalogLoader.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
    }

    static HikariDataSource pool(String url, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("ApplicationName", applicationName);
        return new HikariDataSource(config);
    }

    /**
     * Buildings B0..B{n-1} on a grid, generated one at a time; {@code variant} goes into every name, so that a
     * different variant changes every building. {@code each} runs before each building is handed out with its
     * index.
     */
    static Iterator<Feature> buildings(int n, String variant, java.util.function.IntConsumer each) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Feature next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                int i = this.i++;
                each.accept(i);
                double x = 123.0 + (i % 1000) * 0.0005;
                double y = 41.6 + (i / 1000) * 0.0005;
                Geometry g = GF.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 0.0003, y),
                        new Coordinate(x + 0.0003, y + 0.0003), new Coordinate(x, y + 0.0003), new Coordinate(x, y)});
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("kill_marker", variant + " " + i);
                v.put("floors", i % 40);
                v.put("height_m", (i % 40) * 3.05);
                v.put("built_on", LocalDate.of(1950 + i % 70, 1 + i % 12, 1 + i % 28));
                return Feature.of("B" + i, g, v);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[2]);
        try (JdbcFeatureStore store = new PostgisFeatureStore(pool(url, args[1]), catalog(), new CrsService())) {
            store.merge(LAYER, buildings(n, args[3], i -> {
                if (i == 1000) {
                    System.out.println("started");
                    System.out.flush();
                } else if (i == n / 2) {
                    try {
                        System.in.read(); // never answered: the test kills this process
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }), LoadOptions.SNAPSHOT, Caller.of("loader", Caller.ADMIN));
            System.out.println("finished");
        }
    }
}
