package io.shikong.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** What the map profilers ({@link MapProfile}, {@link RenderProfile}) share: options, the bench database, their map boxes. */
final class BenchMaps {

    private BenchMaps() {
    }

    /** The command line as options: {@code --name value}, or {@code --name} alone for "true". */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            o.put(a, flag ? "true" : args[++i]);
        }
        return o;
    }

    /** A pool of two connections to the bench database {@code db} on the local PostgreSQL, as user shikong. */
    static HikariDataSource dataSource(String db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + db);
        config.setUsername("shikong");
        config.setPassword("shikong");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /**
     * The box of a {@code width} x {@code height} map centred on ({@code cx}, {@code cy}) in the storage CRS, {@code span}
     * degrees wide at 1024 px (narrower or wider with the width), in {@code crs}.
     */
    static Envelope area(CrsService crsService, Crs storage, Crs crs, double cx, double cy, double span, int width, int height) {
        double sx = span * width / 1024;
        double sy = sx * height / width;
        Envelope lonLat = new Envelope(cx - sx / 2, cx + sx / 2, cy - sy / 2, cy + sy / 2);
        return crs.equals(storage) ? lonLat : crsService.transform(lonLat, storage, crs);
    }

    /** The scale denominator of {@code area} drawn {@code width} px wide (0.28 mm pixels, degrees at the equator). */
    static double scale(Envelope area, Crs crs, int width) {
        return area.getWidth() * (crs.geographic() ? 111319.49 : 1) / width / 0.00028;
    }
}
