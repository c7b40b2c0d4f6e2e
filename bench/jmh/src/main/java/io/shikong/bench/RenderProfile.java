package io.shikong.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.render.StyleProperties;
import io.shikong.styles.sld.StandardStyles;
import io.shikong.styles.sld.Style;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Envelope;

/**
 * The renderer's own CPU time per map, without the reads: the features of every map are read from the benchmark's
 * PostGIS data once, then each map is drawn, finished and encoded as PNG in several rounds, each phase timed in
 * <em>this thread's CPU time</em> ({@link ThreadMXBean#getCurrentThreadCpuTime}), so that other processes on the
 * machine lengthen it far less than they lengthen the wall clock. Prints the median over rounds of the mean per map,
 * per phase and per layer.
 *
 * <p>{@code --tiles} draws 256 px WebMercatorQuad tiles of zoom 13-16 around the sample city (EPSG:3857), as the
 * WMS benchmark's tile set; otherwise maps of {@code --size} in {@code --crs}, {@code --span} degrees wide.
 * {@code --parallel} draws each map in two bands at once ({@code MapRenderer.parallel}; the CPU time is then only
 * the upper band's). {@code --save DIR} writes each map's PNG; {@code --against DIR} compares each map with the one saved there (by
 * another build or other Marlin settings) and counts the pixels that differ, and by how much.
 *
 * <pre>
 * java -Xmx4g -cp bench/jmh/target/benchmarks.jar io.shikong.bench.RenderProfile --db shikong_bench_ogc --maps 10 \
 *     --size 1024x768 --crs EPSG:4326 --rounds 5 [--tiles] [--save DIR] [--against DIR] [--reference] [--opaque] [--parallel]
 * </pre>
 */
public final class RenderProfile {

    private static final String[] LAYERS = {"eco_red_lines", "buildings", "pipelines"};
    private static final double ORIGIN = 20037508.342789244;

    private RenderProfile() {
    }

    private record MapSpec(int width, int height, Envelope area, double scale, List<List<Feature>> layers) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchMaps.options(args);
        String db = o.getOrDefault("db", "shikong_bench_ogc");
        boolean tiles = o.containsKey("tiles");
        int maps = Integer.parseInt(o.getOrDefault("maps", tiles ? "96" : "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        String[] size = o.getOrDefault("size", tiles ? "256x256" : "1024x768").split("x");
        String crsName = tiles ? "EPSG:3857" : o.getOrDefault("crs", "EPSG:4326");
        double span = Double.parseDouble(o.getOrDefault("span", "0.16"));
        boolean reference = o.containsKey("reference");
        boolean opaque = o.containsKey("opaque");
        boolean parallel = o.containsKey("parallel");
        File save = o.containsKey("save") ? new File(o.get("save")) : null;
        File against = o.containsKey("against") ? new File(o.get("against")) : null;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        LayerCatalog catalog = SampleCatalog.load();
        CrsService crsService = new CrsService();
        Crs crs = crsService.resolve(crsName);
        Crs storage = crsService.resolve("EPSG:4490");
        Caller caller = Caller.of("bench", Caller.ADMIN);
        Style[] styles = new Style[LAYERS.length];
        for (int l = 0; l < LAYERS.length; l++) {
            styles[l] = StandardStyles.load(LAYERS[l]);
        }
        List<MapSpec> specs = new ArrayList<>();
        long features = 0;
        try (HikariDataSource ds = BenchMaps.dataSource(db);
             PostgisFeatureStore store = new PostgisFeatureStore(ds, catalog, crsService)) {
            store.initialize();
            Random rnd = new Random(15);
            for (int m = 0; m < maps; m++) {
                double cx = 123.43 + (rnd.nextDouble() - 0.5) * 0.16;
                double cy = 41.80 + (rnd.nextDouble() - 0.5) * 0.10;
                int width;
                int height;
                Envelope area;
                double scale;
                if (tiles) {
                    width = 256;
                    height = 256;
                    int z = 13 + rnd.nextInt(4);
                    double tile = 2 * ORIGIN / (1 << z);
                    Envelope c = crsService.transform(new Envelope(cx, cx, cy, cy), storage, crs);
                    double tx = Math.floor((c.getMinX() + ORIGIN) / tile);
                    double ty = Math.floor((ORIGIN - c.getMinY()) / tile);
                    area = new Envelope(-ORIGIN + tx * tile, -ORIGIN + (tx + 1) * tile, ORIGIN - (ty + 1) * tile, ORIGIN - ty * tile);
                    scale = tile / 256 / 0.00028;
                } else {
                    width = Integer.parseInt(size[0]);
                    height = Integer.parseInt(size[1]);
                    area = BenchMaps.area(crsService, storage, crs, cx, cy, span, width, height);
                    scale = BenchMaps.scale(area, crs, width);
                }
                List<List<Feature>> layers = new ArrayList<>();
                for (int l = 0; l < LAYERS.length; l++) {
                    LayerDefinition layer = catalog.layer(LAYERS[l], caller);
                    List<String> props = StyleProperties.of(styles[l]).stream().filter(n -> layer.attribute(n).isPresent()).toList();
                    Query q = Query.of(LAYERS[l], caller).bbox(area, crs).properties(props).time(new TimeSelection.Current())
                            .outputCrs(crs).bboxIndexOnly(true).build();
                    List<Feature> list = new ArrayList<>();
                    try (FeatureCursor c = store.read(q)) {
                        c.forEachRemaining(list::add);
                    }
                    features += list.size();
                    layers.add(list);
                }
                specs.add(new MapSpec(width, height, area, scale, layers));
            }
        }
        if (save != null) {
            save.mkdirs();
        }
        // 0..2 layers' draw, 3 finish, 4 PNG, 5 PNG bytes
        double[][] perRound = new double[rounds + 1][6];
        long differing = 0;
        long over8 = 0;
        long over32 = 0;
        long over100 = 0;
        long compared = 0;
        int worst = 0;
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            double[] u = perRound[r + 1];
            for (int m = 0; m < specs.size(); m++) {
                MapSpec s = specs.get(m);
                long c0 = mx.getCurrentThreadCpuTime();
                MapRenderer renderer = new MapRenderer(s.width(), s.height(), s.area(), !opaque, null);
                renderer.reference(reference);
                renderer.parallel(parallel);
                for (int l = 0; l < LAYERS.length; l++) {
                    renderer.draw(s.layers().get(l).iterator(), styles[l], s.scale());
                    long c1 = mx.getCurrentThreadCpuTime();
                    u[l] += c1 - c0;
                    c0 = c1;
                }
                BufferedImage image = renderer.finish();
                long c1 = mx.getCurrentThreadCpuTime();
                u[3] += c1 - c0;
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                ImageEncoder.write(image, ImageEncoder.Format.PNG, null, out);
                u[4] += mx.getCurrentThreadCpuTime() - c1;
                u[5] += out.size();
                if (r == rounds - 1) {
                    String name = String.format(Locale.ROOT, "map-%03d.png", m);
                    if (save != null) {
                        java.nio.file.Files.write(new File(save, name).toPath(), out.toByteArray());
                    }
                    if (against != null) {
                        BufferedImage b = ImageIO.read(new File(against, name));
                        for (int y = 0; y < s.height(); y++) {
                            for (int x = 0; x < s.width(); x++) {
                                int p = image.getRGB(x, y);
                                int q = b.getRGB(x, y);
                                compared++;
                                if (p != q) {
                                    differing++;
                                    int d = visible(p, q);
                                    worst = Math.max(worst, d);
                                    over8 += d > 8 ? 1 : 0;
                                    over32 += d > 32 ? 1 : 0;
                                    over100 += d > 100 ? 1 : 0;
                                }
                            }
                        }
                    }
                }
            }
        }
        String[] names = {"draw " + LAYERS[0], "draw " + LAYERS[1], "draw " + LAYERS[2], "finish (labels)", "PNG encoding"};
        System.out.printf(Locale.ROOT, "# %d %s, %.0f features per map, %d rounds, %s renderer, thread CPU ms per map "
                        + "(median of rounds; min-max)%n", specs.size(), tiles ? "256 px tiles z13-16 EPSG:3857"
                        : "maps " + size[0] + "x" + size[1] + " " + crsName, features / (double) specs.size(), rounds,
                reference ? "reference" : "current");
        double[] totals = new double[rounds];
        for (int i = 0; i < names.length; i++) {
            double[] v = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                v[r] = perRound[r + 1][i] / 1e6 / specs.size();
                totals[r] += v[r];
            }
            print(names[i], v);
        }
        print("total", totals);
        System.out.printf(Locale.ROOT, "%-22s %8.1f KiB%n", "PNG size", perRound[rounds][5] / 1024 / specs.size());
        if (against != null) {
            System.out.printf(Locale.ROOT, "against %s: %d of %d pixels differ (%.3f %%); composited over white, %d "
                            + "by > 8 levels, %d by > 32, %d by > 100, largest %d%n", against, differing, compared, 100.0 * differing / compared,
                    over8, over32, over100, worst);
        }
    }

    /**
     * How far apart two ARGB pixels look: the largest channel difference once both are composited over white (two
     * nearly transparent pixels of different colours look the same: white).
     */
    private static int visible(int p, int q) {
        int d = 0;
        for (int sh = 0; sh < 24; sh += 8) {
            d = Math.max(d, Math.abs(overWhite(p, sh) - overWhite(q, sh)));
        }
        return d;
    }

    private static int overWhite(int argb, int shift) {
        int a = argb >>> 24;
        return ((argb >>> shift & 0xFF) * a + 255 * (255 - a) + 127) / 255;
    }

    private static void print(String name, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-22s %8.2f ms  (%.2f-%.2f)%n", name, s[s.length / 2], s[0], s[s.length - 1]);
    }
}
