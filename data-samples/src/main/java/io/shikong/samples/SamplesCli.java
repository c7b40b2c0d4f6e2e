package io.shikong.samples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads sample data into PostGIS, for benchmarks and demos:
 *
 * <pre>
 * mvn -q -pl data-samples exec:java -Dexec.args="--jdbc-url jdbc:postgresql://127.0.0.1:5432/shikong
 *     --user shikong --password shikong --size buildings=1000000,pois=5000000"
 * </pre>
 *
 * Options: {@code --jdbc-url}, {@code --user}, {@code --password} (defaults: the local development
 * database of {@code scripts/provision.sh}; the password also from {@code PGPASSWORD}), {@code --seed}
 * (default {@value #DEFAULT_SEED}), {@code --size} ({@code small} or a {@link SampleSize#parse} spec,
 * default small), {@code --layers} (comma list, default every layer with a count). Tables are created
 * when missing; loading into tables that already hold the same ids fails like any duplicate load.
 * Exit status 0 on success, 2 for bad options, 1 when loading fails.
 */
public final class SamplesCli {

    /** The seed benchmarks use unless told otherwise. */
    public static final long DEFAULT_SEED = 20261124L;

    private static final Set<String> OPTIONS = Set.of("jdbc-url", "user", "password", "seed", "size", "layers", "help");

    private SamplesCli() {
    }

    public static void main(String[] args) {
        Map<String, String> options;
        SampleGenerator generator;
        try {
            options = parse(args);
            if (options.containsKey("help")) {
                usage(System.out);
                return;
            }
            generator = generator(options);
        } catch (IllegalArgumentException e) {
            System.err.println("samples: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        try {
            run(options, generator);
        } catch (RuntimeException e) {
            System.err.println("samples: loading failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** Loads the samples {@code generator} makes into the PostGIS {@code options} name; what {@link #main} runs. */
    static void run(Map<String, String> options, SampleGenerator generator) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/shikong"));
        config.setUsername(options.getOrDefault("user", "shikong"));
        config.setPassword(options.getOrDefault("password", System.getenv().getOrDefault("PGPASSWORD", "shikong")));
        config.setMaximumPoolSize(2);
        config.setPoolName("samples");
        LayerCatalog catalog = SampleCatalog.load();
        long start = System.nanoTime();
        try (HikariDataSource dataSource = new HikariDataSource(config);
             PostgisFeatureStore store = new PostgisFeatureStore(dataSource, catalog, new CrsService())) {
            store.initialize();
            Map<String, Long> rows = SampleLoader.load(store, generator, Caller.of("samples", Caller.ADMIN));
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            rows.forEach((layer, n) -> System.out.printf(Locale.ROOT, "%-18s %,12d rows%n", layer, n));
            System.out.printf(Locale.ROOT, "%-18s %,12d rows in %.1f s: %,.0f rows/s (seed %d)%n", "total", total,
                    seconds, total / Math.max(seconds, 1e-9), generator.seed());
        }
    }

    static SampleGenerator generator(Map<String, String> options) {
        long seed;
        try {
            seed = Long.parseLong(options.getOrDefault("seed", Long.toString(DEFAULT_SEED)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, not '" + options.get("seed") + "'");
        }
        SampleSize size = SampleSize.parse(options.getOrDefault("size", "small"));
        if (options.containsKey("layers")) {
            Set<String> layers = new LinkedHashSet<>(Arrays.asList(options.get("layers").split("\\s*,\\s*")));
            size = size.only(layers);
        }
        if (size.layers().isEmpty()) {
            throw new IllegalArgumentException("nothing to load: every selected layer has a count of 0");
        }
        return new SampleGenerator(seed, size);
    }

    /** {@code --name value} or {@code --name=value}; {@code --help} alone. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (name.equals("help")) {
                out.put(name, "");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            out.put(name, value);
        }
        return out;
    }

    private static void usage(PrintStream out) {
        out.println("usage: SamplesCli [--jdbc-url URL] [--user USER] [--password PASSWORD] [--seed N]");
        out.println("                  [--size small|layer=count,...] [--layers layer,...]");
        out.println("layers: buildings, pipelines, pois, street_view, eco_red_lines, inspection_sites");
    }
}
