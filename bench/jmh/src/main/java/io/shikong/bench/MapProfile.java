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
import io.shikong.styles.render.FeatureFilter;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.render.StyleProperties;
import io.shikong.styles.sld.FeatureTypeStyle;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.PolygonSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.StandardStyles;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;

/**
 * Where the milliseconds of a WMS map go, phase by phase, in one process on the benchmark's PostGIS data: the
 * maps GetMap draws (eco_red_lines, buildings, pipelines in their standard styles, current time, read as
 * {@code LayerPainter} reads them), each phase timed on its own:
 * <ol>
 * <li>SQL and transfer: the read's SQL through JDBC, the WKB bytes and properties fetched, nothing decoded;</li>
 * <li>WKB decoding of those bytes (JTS {@code WKBReader}; the store reads 2D WKB with its own faster {@code WkbDecoder}, so
 *     this phase is an upper bound);</li>
 * <li>transformation from the storage CRS to the map's ({@code CrsService});</li>
 * <li>rules: the style rules' filters evaluated for every feature;</li>
 * <li>generalization: the renderer's half-pixel vertex skipping and screen transform into Java2D paths;</li>
 * <li>Java2D fill and stroke (anti-aliased): the renderer's draw minus the two above; fills alone are measured
 *     by drawing the same features with the strokes taken out of the styles;</li>
 * <li>labels ({@code MapRenderer.finish}) and PNG encoding ({@code ImageEncoder}).</li>
 * </ol>
 * The store's own read (SQL + WKB + transformation together, as the server does it) is timed too, as a check
 * of the sum. {@code --reference} draws with {@code MapRenderer.reference(true)} (the first renderer's way);
 * {@code --compare} draws every map both ways and compares the pixels (they must be identical), and decodes the
 * PNG to check it; {@code --parallel} draws in two bands at once ({@code MapRenderer.parallel}).
 *
 * <pre>
 * java -cp bench/jmh/target/benchmarks.jar io.shikong.bench.MapProfile --db shikong_render --maps 60 \
 *     --size 1024x768 --crs EPSG:4326 [--span 0.16] [--reference] [--compare] [--parallel]
 * </pre>
 */
public final class MapProfile {

    private static final String[] LAYERS = {"eco_red_lines", "buildings", "pipelines"};

    private MapProfile() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchMaps.options(args);
        String db = o.getOrDefault("db", "shikong_render");
        int maps = Integer.parseInt(o.getOrDefault("maps", "60"));
        String[] size = o.getOrDefault("size", "1024x768").split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        String crsName = o.getOrDefault("crs", "EPSG:4326");
        double span = Double.parseDouble(o.getOrDefault("span", "0.16"));
        boolean batched = !o.containsKey("reference");
        boolean compare = o.containsKey("compare");
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));

        LayerCatalog catalog = SampleCatalog.load();
        CrsService crsService = new CrsService();
        Crs crs = crsService.resolve(crsName);
        Crs storage = crsService.resolve("EPSG:4490");
        Caller caller = Caller.of("bench", Caller.ADMIN);
        try (HikariDataSource ds = BenchMaps.dataSource(db);
             PostgisFeatureStore store = new PostgisFeatureStore(ds, catalog, crsService)) {
            store.initialize();
            Random rnd = new Random(15);
            double[] t = new double[12];
            long features = 0;
            long differing = 0;
            int worst = 0;
            for (int m = -warmup; m < maps; m++) {
                double cx = 123.43 + (rnd.nextDouble() - 0.5) * 0.16;
                double cy = 41.80 + (rnd.nextDouble() - 0.5) * 0.10;
                Envelope area = BenchMaps.area(crsService, storage, crs, cx, cy, span, width, height);
                double scale = BenchMaps.scale(area, crs, width);
                double[] u = new double[t.length];
                MapRenderer renderer = new MapRenderer(width, height, area, true, null);
                renderer.reference(!batched);
                MapRenderer noStrokes = new MapRenderer(width, height, area, true, null);
                noStrokes.reference(!batched);
                if (o.containsKey("parallel")) {
                    renderer.parallel(true);
                    noStrokes.parallel(true);
                }
                MapRenderer other = compare ? new MapRenderer(width, height, area, true, null) : null;
                if (other != null) {
                    other.reference(batched);
                }
                for (String layerName : LAYERS) {
                    LayerDefinition layer = catalog.layer(layerName, caller);
                    Style style = StandardStyles.load(layerName);
                    List<String> props = StyleProperties.of(style).stream().filter(n -> layer.attribute(n).isPresent()).toList();
                    Query q = Query.of(layerName, caller).bbox(area, crs).properties(props).time(new TimeSelection.Current())
                            .outputCrs(crs).bboxIndexOnly(true).drawing(true).build();
                    // the store's read, as the server does it
                    long s0 = System.nanoTime();
                    List<Feature> list = new ArrayList<>();
                    try (FeatureCursor c = store.read(q)) {
                        c.forEachRemaining(list::add);
                    }
                    u[0] += System.nanoTime() - s0;
                    // the same rows through plain JDBC, phase by phase
                    Envelope stored = crs.equals(storage) ? area : crsService.transform(area, crs, storage);
                    StringBuilder sql = new StringBuilder("SELECT id");
                    props.forEach(p -> sql.append(", ").append(p));
                    // as the store's drawing read (Query.drawing): no valid time or version, no ORDER BY
                    sql.append(", ST_AsBinary(geom) FROM ").append(layerName)
                            .append(" WHERE valid_to IS NULL AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)");
                    List<byte[]> wkbs = new ArrayList<>();
                    s0 = System.nanoTime();
                    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
                        c.setAutoCommit(false);
                        ps.setFetchSize(1000);
                        ps.setDouble(1, stored.getMinX());
                        ps.setDouble(2, stored.getMinY());
                        ps.setDouble(3, stored.getMaxX());
                        ps.setDouble(4, stored.getMaxY());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                for (int i = 1; i <= props.size() + 1; i++) {
                                    rs.getObject(i);
                                }
                                wkbs.add(rs.getBytes(props.size() + 2));
                            }
                        }
                        c.commit();
                    }
                    u[1] += System.nanoTime() - s0;
                    s0 = System.nanoTime();
                    WKBReader reader = new WKBReader();
                    List<Geometry> geoms = new ArrayList<>(wkbs.size());
                    for (byte[] b : wkbs) {
                        geoms.add(reader.read(b));
                    }
                    u[2] += System.nanoTime() - s0;
                    s0 = System.nanoTime();
                    if (!crs.equals(storage)) {
                        for (Geometry g : geoms) {
                            crsService.transform(g, storage, crs);
                        }
                    }
                    u[3] += System.nanoTime() - s0;
                    // rules
                    s0 = System.nanoTime();
                    int matched = 0;
                    Map<Rule, java.util.function.Predicate<Feature>> compiled = new java.util.IdentityHashMap<>();
                    for (FeatureTypeStyle fts : style.featureTypeStyles()) {
                        for (Rule r : fts.rules()) {
                            compiled.put(r, batched ? FeatureFilter.compile(r.filter()) : f -> FeatureFilter.matches(r.filter(), f));
                        }
                    }
                    for (Feature f : list) {
                        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
                            for (Rule r : fts.rules()) {
                                if (!r.elseFilter() && r.appliesAtScale(scale) && compiled.get(r).test(f)) {
                                    matched++;
                                }
                            }
                        }
                    }
                    u[4] += System.nanoTime() - s0;
                    // generalization: the renderer's vertex skipping and screen transform into paths
                    s0 = System.nanoTime();
                    matched += generalize(list, area, width, height);
                    u[5] += System.nanoTime() - s0;
                    s0 = System.nanoTime();
                    renderer.draw(list.iterator(), style, scale);
                    renderer.sync();
                    u[6] += System.nanoTime() - s0;
                    s0 = System.nanoTime();
                    noStrokes.draw(list.iterator(), withoutStrokes(style), scale);
                    noStrokes.sync();
                    u[7] += System.nanoTime() - s0;
                    if (other != null) {
                        other.draw(list.iterator(), style, scale);
                    }
                    features += m >= 0 ? list.size() : 0;
                    if (matched == Integer.MIN_VALUE) {
                        System.out.print(""); // keep the loops
                    }
                }
                long s0 = System.nanoTime();
                BufferedImage image = renderer.finish();
                u[8] += System.nanoTime() - s0;
                s0 = System.nanoTime();
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                ImageEncoder.write(image, ImageEncoder.Format.PNG, null, out);
                u[9] += System.nanoTime() - s0;
                u[10] += out.size();
                if (compare) {
                    BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(out.toByteArray()));
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            if (decoded.getRGB(x, y) != image.getRGB(x, y)) {
                                throw new IllegalStateException("the PNG decodes to other pixels at " + x + "," + y);
                            }
                        }
                    }
                }
                if (other != null) {
                    BufferedImage b = other.finish();
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            int p = image.getRGB(x, y);
                            int q = b.getRGB(x, y);
                            if (p != q) {
                                differing++;
                                for (int sh = 0; sh < 32; sh += 8) {
                                    worst = Math.max(worst, Math.abs((p >>> sh & 0xFF) - (q >>> sh & 0xFF)));
                                }
                            }
                        }
                    }
                }
                if (m >= 0) {
                    for (int i = 0; i < t.length; i++) {
                        t[i] += u[i];
                    }
                }
            }
            double ms = 1e6 * maps;
            double java2d = t[6] - t[4] - t[5];
            double fills = Math.max(0, t[7] - t[4] - t[5]);
            double total = t[1] + t[2] + t[3] + t[6] + t[8] + t[9];
            System.out.printf(Locale.ROOT, "# %d maps %dx%d %s, span %.3f deg, layers %s, standard styles, %s; %.0f features "
                            + "and %.0f KiB PNG per map%n", maps, width, height, crsName, span, String.join(",", LAYERS),
                    batched ? "current renderer" : "reference renderer", features / (double) maps, t[10] / maps / 1024);
            row("SQL and transfer (JDBC, bytes only)", t[1], ms, total);
            row("WKB decoding", t[2], ms, total);
            row("CRS transformation", t[3], ms, total);
            row("rules (style filters)", t[4], ms, total);
            row("generalization + screen transform", t[5], ms, total);
            row("Java2D fill (AA)", Math.min(fills, java2d), ms, total);
            row("Java2D stroke (AA)", Math.max(0, java2d - fills), ms, total);
            row("labels", t[8], ms, total);
            row("PNG encoding", t[9], ms, total);
            System.out.printf(Locale.ROOT, "%-40s %8.1f ms%n", "sum", total / ms);
            System.out.printf(Locale.ROOT, "%-40s %8.1f ms (SQL + WKB + transformation as the server reads)%n",
                    "store read", t[0] / ms);
            if (compare) {
                System.out.printf(Locale.ROOT, "current vs reference renderer: %d differing pixels in %d maps, largest channel "
                        + "difference %d%n", differing, maps, worst);
            }
        }
    }

    private static void row(String name, double nanos, double ms, double total) {
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms %5.1f %%%n", name, nanos / ms, 100 * nanos / total);
    }

    /** The screen paths the renderer builds, without drawing them: its generalization and transform. */
    private static int generalize(List<Feature> features, Envelope extent, int width, int height) {
        double sx = width / extent.getWidth();
        double sy = height / extent.getHeight();
        AffineTransform toScreen = new AffineTransform(sx, 0, 0, -sy, -extent.getMinX() * sx, extent.getMaxY() * sy);
        double halfPixel = 0.5 / Math.min(sx, sy);
        int n = 0;
        for (Feature f : features) {
            Geometry g = f.geometry();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                Path2D.Double path = new Path2D.Double();
                if (part instanceof Polygon p) {
                    Envelope e = p.getEnvelopeInternal();
                    if (e.getWidth() < 2 * halfPixel && e.getHeight() < 2 * halfPixel) {
                        continue;
                    }
                    MapRenderer.append(path, p.getExteriorRing().getCoordinateSequence(), toScreen, halfPixel, false);
                    for (int r = 0; r < p.getNumInteriorRing(); r++) {
                        MapRenderer.append(path, p.getInteriorRingN(r).getCoordinateSequence(), toScreen, halfPixel, false);
                    }
                } else if (part instanceof LineString l) {
                    MapRenderer.append(path, l.getCoordinateSequence(), toScreen, halfPixel, false);
                }
                n += path.getCurrentPoint() == null ? 0 : 1;
            }
        }
        return n;
    }

    /** The style without strokes: polygon fills only, line symbolizers dropped. */
    private static Style withoutStrokes(Style style) {
        List<FeatureTypeStyle> ftss = new ArrayList<>();
        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
            List<Rule> rules = new ArrayList<>();
            for (Rule r : fts.rules()) {
                List<Symbolizer> symbolizers = new ArrayList<>();
                for (Symbolizer s : r.symbolizers()) {
                    if (s instanceof PolygonSymbolizer p) {
                        symbolizers.add(new PolygonSymbolizer(p.fill(), null));
                    } else if (!(s instanceof LineSymbolizer)) {
                        symbolizers.add(s);
                    }
                }
                rules.add(new Rule(r.name(), r.title(), r.filter(), r.elseFilter(), r.minScale(), r.maxScale(), symbolizers));
            }
            ftss.add(new FeatureTypeStyle(rules));
        }
        return new Style(style.name(), style.title(), ftss);
    }
}
