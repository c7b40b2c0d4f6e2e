package io.shikong.styles.render;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.ExternalGraphic;
import io.shikong.styles.sld.FeatureTypeStyle;
import io.shikong.styles.sld.Fill;
import io.shikong.styles.sld.Graphic;
import io.shikong.styles.sld.Halo;
import io.shikong.styles.sld.GraphicalSymbol;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.Mark;
import io.shikong.styles.sld.PointSymbolizer;
import io.shikong.styles.sld.PolygonSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.Stroke;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import io.shikong.styles.sld.TextSymbolizer;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Draws features with an SLD style onto an anti-aliased ARGB image, streaming: each feature is drawn
 * as it is read and then forgotten; only label candidates are kept until the end, when they are placed
 * with conflict detection (a label that would overlap one already placed is dropped, first come first
 * served). Geometries are generalized to the pixel before drawing: vertices closer than half a pixel
 * to the previous kept one are skipped, and features smaller than a pixel become a dot.
 *
 * <p>Rules: a rule applies when the scale is in its range and its filter matches; an ElseFilter rule
 * applies when no other rule of its FeatureTypeStyle did. FeatureTypeStyles are drawn in order, each
 * over the whole stream (the stream is read once per FeatureTypeStyle when there are several).
 */
public final class MapRenderer {

    private static final Map<String, BufferedImage> GRAPHICS = new ConcurrentHashMap<>();
    /** The longest dash drawn, pixels: longer ones are as good as solid on any map. */
    private static final float MAX_DASH = 1e6f;

    private final BufferedImage image;
    private final Graphics2D g;
    private final AffineTransform toScreen;
    private final double halfPixel;
    /** Symbol sizes are multiplied by this (high-DPI output). */
    private double k = 1;
    /** {@link System#nanoTime()} by which drawing must be done; {@link Long#MAX_VALUE} for none. */
    private long deadline = Long.MAX_VALUE;
    private java.time.Duration budget;
    private final List<Label> labels = new ArrayList<>();
    /** Placed label boxes, indexed: the conflict test looks only at neighbours. */
    private final org.locationtech.jts.index.quadtree.Quadtree placed = new org.locationtech.jts.index.quadtree.Quadtree();
    /** Fill tiles per graphic: built once per map, not once per polygon. */
    private final Map<Graphic, Paint> tiles = new java.util.HashMap<>();
    /** Java2D strokes per SLD stroke (at the current symbol scale): built once per map, not once per feature. */
    private final Map<Stroke, BasicStroke> strokes = new java.util.IdentityHashMap<>();
    /** The rule filters of the stream being drawn, compiled ({@link FeatureFilter#compile}). */
    private final Map<Rule, java.util.function.Predicate<Feature>> filters = new java.util.IdentityHashMap<>();
    /** Draw as the first renderer did, without the shortcuts that give the same pixels ({@link #reference}). */
    private boolean reference;
    /** The image's pixels, once a dot is written straight into them. */
    private int[] argb;
    /** The two bands' graphics while drawing in parallel ({@link #parallel}), else null. */
    private Graphics2D[] bands;
    /** First row of each band, and the image height. */
    private int[] bandRows;
    /** Ops emitted and not yet handed to the bands. */
    private List<Op> chunk = new ArrayList<>();
    /** The lower band's drawing so far. */
    private java.util.concurrent.CompletableFuture<Void> lowerBand = java.util.concurrent.CompletableFuture.completedFuture(null);

    private static final int FILL = 0;
    private static final int DRAW = 1;
    private static final int DOT = 2;
    /** A small polygon with a plain fill and a thin outline, drawn by {@link PolygonRaster}. */
    private static final int POLY = 3;
    /** Outlines up to this wide (pixels) may be drawn by {@link PolygonRaster}; wider ones by Java2D. */
    private static final double THIN = 1.5;
    /** The polygon rasterizer of the whole image or upper band [0] and of the lower band [1]. */
    private final PolygonRaster[] rasters = new PolygonRaster[2];
    /**
     * An opaque solid round line from 1.5 px up to this wide is drawn by {@link LineRaster}; others by Java2D (on
     * thinner lines the caps' coverage, estimated from a straight edge, would be too much).
     */
    private static final double THIN_LINE = 4;
    /** A line drawn by {@link LineRaster}. */
    private static final int LINE = 4;
    /** The line rasterizer of the whole image or upper band [0] and of the lower band [1]. */
    private final LineRaster[] lineRasters = new LineRaster[2];
    /** Screen points of the polygon being built. */
    private final Points points = new Points();
    /** Maps of at least this many pixels (512²) may be drawn in two bands ({@link #parallel}). */
    public static final int PARALLEL_PIXELS = 512 * 512;
    /** Ops handed to the bands at once. */
    private static final int CHUNK = 256;
    /** Threads drawing lower bands, shared by all maps; daemons. */
    private static final java.util.concurrent.ExecutorService BAND_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shikong-map-band");
        t.setDaemon(true);
        return t;
    });

    /** One fill, stroke or dot (pixel index, paint a Color) to draw. */
    private record Op(int kind, Shape shape, Paint paint, BasicStroke stroke, int pixel, PolygonRaster.Poly poly,
                      LineRaster.Line line) {
        Op(int kind, Shape shape, Paint paint, BasicStroke stroke, int pixel) {
            this(kind, shape, paint, stroke, pixel, null, null);
        }

        Op(int kind, Shape shape, Paint paint, BasicStroke stroke, int pixel, PolygonRaster.Poly poly) {
            this(kind, shape, paint, stroke, pixel, poly, null);
        }
    }

    private record Label(String text, TextSymbolizer symbolizer, double x, double y, double angle) {
    }

    /**
     * @param extent the map extent in the map CRS, x = longitude/easting
     */
    public MapRenderer(int width, int height, Envelope extent, boolean transparent, Color background) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        if (!transparent) {
            g.setColor(background == null ? Color.WHITE : background);
            g.fillRect(0, 0, width, height);
        }
        double sx = width / extent.getWidth();
        double sy = height / extent.getHeight();
        toScreen = new AffineTransform(sx, 0, 0, -sy, -extent.getMinX() * sx, extent.getMaxY() * sy);
        halfPixel = 0.5 / Math.min(sx, sy);
    }

    /** Draws strokes, marks and labels {@code k} times larger (for output above the OGC 90.7 DPI). */
    public void symbolScale(double k) {
        if (!(k > 0) || k > 16) {
            throw new IllegalArgumentException("symbol scale must be in (0, 16], was " + k);
        }
        this.k = k;
        strokes.clear();
    }

    /**
     * Draws without the shortcuts that give the same pixels faster (rule filters compiled, opaque dots written to the
     * raster): for comparing pictures in tests and benchmarks. Off by default.
     */
    public void reference(boolean on) {
        this.reference = on;
    }

    /**
     * Gives drawing a time budget from now: {@link #draw} and {@link #finish} check it before each feature
     * and each label and throw a {@link RenderTimeoutException} once it is spent (one feature's drawing is
     * not interrupted: symbol sizes bound it).
     */
    public void deadline(java.time.Duration budget) {
        this.budget = java.util.Objects.requireNonNull(budget, "budget");
        long nanos = budget.toNanos();
        long now = System.nanoTime();
        this.deadline = nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }

    private void checkDeadline() {
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
            throw new RenderTimeoutException(budget);
        }
    }

    /** Draws every feature of the stream with the rules of {@code style} that apply at {@code scale}. */
    public void draw(Iterator<Feature> features, Style style, double scale) {
        List<FeatureTypeStyle> ftss = style.featureTypeStyles();
        filters.clear();
        for (FeatureTypeStyle fts : ftss) {
            for (Rule rule : fts.rules()) {
                Filter filter = rule.filter();
                filters.put(rule, reference ? f -> FeatureFilter.matches(filter, f) : FeatureFilter.compile(filter));
            }
        }
        boolean onlyLabelsAfterFirst = ftss.stream().skip(1).allMatch(fts -> fts.rules().stream()
                .allMatch(r -> r.symbolizers().stream().allMatch(s -> s instanceof TextSymbolizer)));
        if (ftss.size() == 1 || onlyLabelsAfterFirst) {
            // labels are placed at the end anyway: one pass, nothing kept but label candidates
            while (features.hasNext()) {
                checkDeadline();
                Feature f = features.next();
                for (FeatureTypeStyle fts : ftss) {
                    draw(f, fts, scale);
                }
            }
            return;
        }
        // several FeatureTypeStyles paint in layers: keep the features of this map (bounded by the query)
        List<Feature> all = new ArrayList<>();
        while (features.hasNext()) {
            checkDeadline();
            all.add(features.next());
        }
        for (FeatureTypeStyle fts : ftss) {
            for (Feature f : all) {
                checkDeadline();
                draw(f, fts, scale);
            }
        }
    }

    private void draw(Feature f, FeatureTypeStyle fts, double scale) {
        if (f.geometry() == null || f.geometry().isEmpty()) {
            return;
        }
        boolean any = false;
        for (Rule rule : fts.rules()) {
            if (rule.elseFilter() || !rule.appliesAtScale(scale)) {
                continue;
            }
            if (filters.get(rule).test(f)) {
                any = true;
                rule.symbolizers().forEach(s -> symbolize(f, s));
            }
        }
        if (!any) {
            for (Rule rule : fts.rules()) {
                if (rule.elseFilter() && rule.appliesAtScale(scale)) {
                    rule.symbolizers().forEach(s -> symbolize(f, s));
                }
            }
        }
    }

    /** Draws symbolizers for one feature whatever the rules say (legend swatches). */
    void drawSymbolizers(Feature f, List<Symbolizer> symbolizers) {
        symbolizers.forEach(s -> symbolize(f, s));
    }

    private void symbolize(Feature f, Symbolizer s) {
        Geometry geometry = f.geometry();
        if (s instanceof PolygonSymbolizer p) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                if (geometry.getGeometryN(i) instanceof Polygon poly) {
                    Envelope e = poly.getEnvelopeInternal();
                    if (e.getWidth() < 2 * halfPixel && e.getHeight() < 2 * halfPixel) {
                        // smaller than a pixel: one pixel of its fill (or outline) colour, no path to build
                        dot(e.centre(), p.fill() != null && p.fill().graphicFill() == null
                                ? withOpacity(p.fill().color(), p.fill().opacity())
                                : p.stroke() != null ? withOpacity(p.stroke().color(), p.stroke().opacity()) : null);
                        continue;
                    }
                    if (!reference && thin(p) && emitPoly(poly, p)) {
                        continue;
                    }
                    Shape shape = shape(poly);
                    if (p.fill() != null) {
                        emit(FILL, shape, fillPaint(p.fill()), null);
                    }
                    if (p.stroke() != null) {
                        emitStroke(p.stroke(), shape);
                    }
                }
            }
        } else if (s instanceof LineSymbolizer l) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Geometry part = geometry.getGeometryN(i);
                if (part instanceof LineString line) {
                    if (!reference && roundLine(l.stroke()) && emitLine(line, l.stroke())) {
                        continue;
                    }
                    emitStroke(l.stroke(), path(line.getCoordinateSequence(), false));
                } else if (part instanceof Polygon poly) {
                    emitStroke(l.stroke(), shape(poly));
                }
            }
        } else if (s instanceof PointSymbolizer p) {
            sync(); // marks and images are drawn on the whole image, after what the bands have waiting
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Geometry part = geometry.getGeometryN(i);
                Coordinate c = part instanceof Point pt ? pt.getCoordinate() : part.getInteriorPoint().getCoordinate();
                double[] xy = {c.x, c.y};
                toScreen.transform(xy, 0, xy, 0, 1);
                graphic(p.graphic(), xy[0], xy[1]);
            }
        } else if (s instanceof TextSymbolizer t) {
            Object value = t.labelProperty() == null ? null : f.get(t.labelProperty());
            if (value == null && t.labelProperty() != null && t.labelProperty().equals("id")) {
                value = f.id();
            }
            if (value == null || String.valueOf(value).isBlank()) {
                return;
            }
            Geometry anchor = geometry;
            double angle = 0;
            double[] xy;
            if (t.linePlacement() && geometry.getGeometryN(0) instanceof LineString line && line.getNumPoints() > 1) {
                int mid = Math.max(1, line.getNumPoints() / 2);
                double[] a = {line.getCoordinateN(mid - 1).x, line.getCoordinateN(mid - 1).y, line.getCoordinateN(mid).x,
                        line.getCoordinateN(mid).y};
                toScreen.transform(a, 0, a, 0, 2);
                xy = new double[] {(a[0] + a[2]) / 2, (a[1] + a[3]) / 2};
                angle = Math.atan2(a[3] - a[1], a[2] - a[0]);
                if (angle > Math.PI / 2 || angle < -Math.PI / 2) {
                    angle += Math.PI; // never upside down
                }
            } else {
                Coordinate c = anchor instanceof Point ? anchor.getCoordinate() : anchor.getInteriorPoint().getCoordinate();
                xy = new double[] {c.x, c.y};
                toScreen.transform(xy, 0, xy, 0, 1);
            }
            labels.add(new Label(String.valueOf(value), t, xy[0], xy[1], angle));
        }
    }

    private void dot(Coordinate c, Color colour) {
        if (colour == null) {
            return;
        }
        double[] xy = {c.x, c.y};
        toScreen.transform(xy, 0, xy, 0, 1);
        double fx = Math.floor(xy[0]);
        double fy = Math.floor(xy[1]);
        if (bands != null) {
            if (fx >= 0 && fx < image.getWidth() && fy >= 0 && fy < image.getHeight()) {
                chunk.add(new Op(DOT, null, colour, null, (int) fy * image.getWidth() + (int) fx));
            }
            return;
        }
        dot(g, (int) fx, (int) fy, colour, 0, image.getHeight());
    }

    /** A dot at a pixel, drawn if its row is in {@code [top, bottom)} (a band). */
    private void dot(Graphics2D on, int x, int y, Color colour, int top, int bottom) {
        if (!reference && colour.getAlpha() == 255) {
            // a whole pixel fully covered by an opaque colour is that colour, as Java2D's anti-aliased fillRect
            // paints it, without a trip through the rasterizer
            if (x >= 0 && x < image.getWidth() && y >= top && y < bottom) {
                argb()[y * image.getWidth() + x] = colour.getRGB();
            }
            return;
        }
        on.setColor(colour);
        on.fillRect(x, y, 1, 1);
    }

    private int[] argb() {
        if (argb == null) {
            argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        }
        return argb;
    }

    /**
     * Draws the rest of this map in two horizontal bands at once, the lower one on another thread: every fill,
     * stroke and dot is drawn in both bands, each clipped to its rows (a clip changes no pixel inside it), so the
     * picture is the same; marks and labels, drawn on the whole image, wait for both bands first. Call before
     * drawing; for a large map while the server has nothing else to draw. Maps under {@link #PARALLEL_PIXELS} pixels
     * and machines of one core draw in one piece anyway (the handover would cost more than it saves).
     */
    public void parallel(boolean on) {
        sync();
        if (!on || (long) image.getWidth() * image.getHeight() < PARALLEL_PIXELS
                || Runtime.getRuntime().availableProcessors() < 2) {
            bands = null;
            return;
        }
        int mid = image.getHeight() / 2;
        bands = new Graphics2D[] {band(0, mid), band(mid, image.getHeight())};
        bandRows = new int[] {0, mid, image.getHeight()};
    }

    private Graphics2D band(int top, int bottom) {
        Graphics2D b = image.createGraphics();
        b.setRenderingHints(g.getRenderingHints());
        b.setClip(0, top, image.getWidth(), bottom - top);
        return b;
    }

    private void emit(int kind, Shape shape, Paint paint, BasicStroke stroke) {
        submit(new Op(kind, shape, paint, stroke, 0));
    }

    /** Draws {@code op} now, or, while two bands draw the map, queues it for both. */
    private void submit(Op op) {
        if (bands == null) {
            draw(g, op, 0, image.getHeight(), 0);
            return;
        }
        chunk.add(op);
        if (chunk.size() == CHUNK) {
            dispatch();
        }
    }

    /**
     * Whether {@link PolygonRaster} draws this symbolizer: a plain fill (or none) and a solid outline (or none) at
     * most {@link #THIN} pixels wide with miter joins, the standard style of buildings.
     */
    private boolean thin(PolygonSymbolizer p) {
        Fill fill = p.fill();
        Stroke s = p.stroke();
        if (fill != null && fill.graphicFill() != null) {
            return false;
        }
        if (s != null && s.width() > 0) {
            return (s.dashArray() == null || s.dashArray().length == 0) && s.width() * k <= THIN
                    && (s.lineJoin() == null || s.lineJoin().equals("mitre") || s.lineJoin().equals("miter"));
        }
        return fill != null;
    }

    /** Emits a polygon for {@link PolygonRaster}; false when it is too large for it (nothing emitted). */
    private boolean emitPoly(Polygon poly, PolygonSymbolizer p) {
        Points pts = points;
        pts.n = 0;
        int rings = 1 + poly.getNumInteriorRing();
        int[] ends = new int[rings];
        for (int r = 0; r < rings; r++) {
            int start = pts.n;
            generalize((r == 0 ? poly.getExteriorRing() : poly.getInteriorRingN(r - 1)).getCoordinateSequence(), toScreen,
                    halfPixel, pts);
            // the ring without its closing point and repeated points
            int kept = start;
            for (int i = start; i < pts.n; i++) {
                double x = pts.xy[2 * i];
                double y = pts.xy[2 * i + 1];
                if (kept > start && x == pts.xy[2 * kept - 2] && y == pts.xy[2 * kept - 1]) {
                    continue;
                }
                pts.xy[2 * kept] = x;
                pts.xy[2 * kept + 1] = y;
                kept++;
            }
            if (kept - start > 1 && pts.xy[2 * start] == pts.xy[2 * kept - 2] && pts.xy[2 * start + 1] == pts.xy[2 * kept - 1]) {
                kept--;
            }
            pts.n = kept;
            ends[r] = kept;
        }
        Stroke s = p.stroke();
        int fill = p.fill() == null ? 0 : argbOrZero(withOpacity(p.fill().color(), p.fill().opacity()));
        int stroke = s == null || s.width() <= 0 ? 0 : argbOrZero(withOpacity(s.color(), s.opacity()));
        double half = s == null ? 0 : s.width() * k / 2;
        // the outline reaches at most the miter limit (10 half widths) beyond the points
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * pts.n; i += 2) {
            minX = Math.min(minX, pts.xy[i]);
            maxX = Math.max(maxX, pts.xy[i]);
            minY = Math.min(minY, pts.xy[i + 1]);
            maxY = Math.max(maxY, pts.xy[i + 1]);
        }
        double w = maxX - minX + 20 * half + 3;
        double h = maxY - minY + 20 * half + 3;
        if (!(w * h <= PolygonRaster.MAX_PIXELS)) {
            return false;
        }
        if (fill == 0 && stroke == 0) {
            return true;
        }
        if (stroke != 0 && !PolygonRaster.simpleOutline(pts.xy, ends, half)) {
            return false;
        }
        PolygonRaster.Poly poly2 = new PolygonRaster.Poly(java.util.Arrays.copyOf(pts.xy, 2 * pts.n), ends, fill, stroke, half);
        submit(new Op(POLY, null, null, null, 0, poly2));
        return true;
    }

    /** Whether {@link LineRaster} draws this stroke: opaque, solid, round caps and joins, 1.5 to {@link #THIN_LINE} px wide. */
    private boolean roundLine(Stroke s) {
        double w = s.width() * k;
        return w >= 1.5 && w <= THIN_LINE && (s.dashArray() == null || s.dashArray().length == 0)
                && "round".equals(s.lineCap()) && "round".equals(s.lineJoin())
                && withOpacity(s.color(), s.opacity()).getAlpha() == 255;
    }

    /** Emits a line for {@link LineRaster}; false when Java2D must draw it (nothing emitted). */
    private boolean emitLine(LineString line, Stroke s) {
        Points pts = points;
        pts.n = 0;
        generalize(line.getCoordinateSequence(), toScreen, halfPixel, pts);
        if (pts.n < 2 || !LineRaster.fits(pts.xy, pts.n, image.getWidth(), image.getHeight())) {
            return false;
        }
        boolean moves = false;
        for (int i = 2; i < 2 * pts.n && !moves; i += 2) {
            moves = pts.xy[i] != pts.xy[0] || pts.xy[i + 1] != pts.xy[1];
        }
        if (!moves) {
            return false; // a line of one point: as Java2D draws it
        }
        LineRaster.Line l = new LineRaster.Line(java.util.Arrays.copyOf(pts.xy, 2 * pts.n), pts.n,
                withOpacity(s.color(), s.opacity()).getRGB(), s.width() * k / 2);
        submit(new Op(LINE, null, null, null, 0, null, l));
        return true;
    }

    private static int argbOrZero(Color c) {
        return c.getAlpha() == 0 ? 0 : c.getRGB();
    }

    private void emitStroke(Stroke s, Shape shape) {
        if (s.width() > 0) {
            emit(DRAW, shape, withOpacity(s.color(), s.opacity()), reference ? newStroke(s)
                    : strokes.computeIfAbsent(s, this::newStroke));
        }
    }

    private Paint fillPaint(Fill fill) {
        return fill.graphicFill() != null ? tiles.computeIfAbsent(fill.graphicFill(), gf -> texture(gf, fill.opacity()))
                : withOpacity(fill.color(), fill.opacity());
    }

    private void draw(Graphics2D on, Op op, int top, int bottom, int band) {
        switch (op.kind()) {
            case POLY -> {
                PolygonRaster r = rasters[band];
                if (r == null) {
                    r = new PolygonRaster(argb(), image.getWidth(), image.getHeight());
                    rasters[band] = r;
                }
                r.draw(op.poly(), top, bottom);
            }
            case LINE -> {
                LineRaster r = lineRasters[band];
                if (r == null || !r.covers(top, bottom)) {
                    r = new LineRaster(argb(), image.getWidth(), top, bottom);
                    lineRasters[band] = r;
                }
                r.draw(op.line());
            }
            case FILL -> {
                on.setPaint(op.paint());
                on.fill(op.shape());
            }
            case DRAW -> {
                on.setStroke(op.stroke());
                on.setPaint(op.paint());
                on.draw(op.shape());
            }
            default -> dot(on, op.pixel() % image.getWidth(), op.pixel() / image.getWidth(), (Color) op.paint(), top, bottom);
        }
    }

    /** Hands the ops waiting to the lower band's thread (in order, after its earlier ones) and draws the upper band. */
    private void dispatch() {
        if (chunk.isEmpty()) {
            return;
        }
        List<Op> ops = chunk;
        chunk = new ArrayList<>(CHUNK);
        Graphics2D lower = bands[1];
        lowerBand = lowerBand.thenRunAsync(() -> {
            for (Op op : ops) {
                draw(lower, op, bandRows[1], bandRows[2], 1);
            }
        }, BAND_THREADS);
        for (Op op : ops) {
            draw(bands[0], op, bandRows[0], bandRows[1], 0);
        }
    }

    /** Waits until both bands have drawn everything emitted so far. */
    public void sync() {
        if (bands == null) {
            return;
        }
        dispatch();
        try {
            lowerBand.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        } finally {
            lowerBand = java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /** Places the collected labels (first come, first served) and returns the image. */
    public BufferedImage finish() {
        sync();
        bands = null;
        for (Label l : labels) {
            checkDeadline();
            TextSymbolizer t = l.symbolizer();
            java.awt.Font font = Fonts.font(t.font(), l.text());
            if (k != 1) {
                font = font.deriveFont((float) (font.getSize2D() * k));
            }
            TextLayout layout = new TextLayout(l.text(), font, g.getFontRenderContext());
            Rectangle2D bounds = layout.getBounds();
            double dx = -bounds.getWidth() * t.anchorX() + t.displacementX() * k;
            double dy = bounds.getHeight() * t.anchorY() - t.displacementY() * k;
            AffineTransform at = new AffineTransform();
            at.translate(l.x(), l.y());
            at.rotate(l.angle());
            at.translate(dx, dy);
            double halo = t.halo() == null ? 0 : t.halo().radius() * k;
            Rectangle2D box = at.createTransformedShape(new Rectangle2D.Double(bounds.getX() - halo - 1,
                    bounds.getY() - halo - 1, bounds.getWidth() + 2 * halo + 2, bounds.getHeight() + 2 * halo + 2)).getBounds2D();
            Envelope key = new Envelope(box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
            if (!box.intersects(0, 0, image.getWidth(), image.getHeight())) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Rectangle2D> near = placed.query(key);
            if (near.stream().anyMatch(box::intersects)) {
                continue;
            }
            placed.insert(key, box);
            text(g, layout.getOutline(at), t.halo(), t.fill(), k);
        }
        g.dispose();
        return image;
    }

    /**
     * Draws text outlines with their halo (a round stroke of twice the radius under the glyphs) and fill:
     * the one text drawing of maps, legends and map decorations.
     *
     * @param halo null for none
     * @param fill null for black
     */
    static void text(Graphics2D g, Shape outline, Halo halo, Fill fill, double k) {
        if (halo != null && halo.radius() > 0) {
            Fill hf = halo.fill() == null ? Fill.of(Color.WHITE) : halo.fill();
            g.setColor(withOpacity(hf.color(), hf.opacity()));
            g.setStroke(new BasicStroke((float) (2 * halo.radius() * k), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
        }
        Fill f = fill == null ? Fill.of(Color.BLACK) : fill;
        g.setColor(withOpacity(f.color(), f.opacity()));
        g.fill(outline);
    }

    /** The image as drawn so far (legend graphics draw on it directly). */
    public Graphics2D graphics() {
        sync();
        return g;
    }

    private void paint(Fill fill, Runnable draw) {
        if (fill.graphicFill() != null) {
            Paint old = g.getPaint();
            g.setPaint(tiles.computeIfAbsent(fill.graphicFill(), gf -> texture(gf, fill.opacity())));
            draw.run();
            g.setPaint(old);
            return;
        }
        g.setColor(withOpacity(fill.color(), fill.opacity()));
        draw.run();
    }

    private void stroke(Stroke s, Shape shape) {
        if (s.width() <= 0) {
            return;
        }
        g.setStroke(reference ? newStroke(s) : strokes.computeIfAbsent(s, this::newStroke));
        g.setColor(withOpacity(s.color(), s.opacity()));
        g.draw(shape);
    }

    /** The Java2D stroke of an SLD stroke at the current symbol scale. */
    private BasicStroke newStroke(Stroke s) {
        float[] dash = s.dashArray();
        int cap = switch (s.lineCap() == null ? "butt" : s.lineCap()) {
            case "round" -> BasicStroke.CAP_ROUND;
            case "square" -> BasicStroke.CAP_SQUARE;
            default -> BasicStroke.CAP_BUTT;
        };
        int join = switch (s.lineJoin() == null ? "miter" : s.lineJoin()) {
            case "round" -> BasicStroke.JOIN_ROUND;
            case "bevel" -> BasicStroke.JOIN_BEVEL;
            default -> BasicStroke.JOIN_MITER;
        };
        float[] scaledDash = null;
        double period = 0;
        if (dash != null && dash.length > 0) {
            scaledDash = new float[dash.length];
            for (int i = 0; i < dash.length; i++) {
                // a dash longer than any map is as good as solid; Java2D refuses infinite lengths
                scaledDash[i] = (float) Math.min(dash[i] * k, MAX_DASH);
                period += scaledDash[i];
            }
        }
        return scaledDash == null ? new BasicStroke((float) (s.width() * k), cap, join)
                : new BasicStroke((float) (s.width() * k), cap, join, 10f, scaledDash, dashPhase(s.dashOffset() * k, period));
    }

    /**
     * The dash phase Java2D takes (0 or more) for an SVG/SLD {@code stroke-dashoffset}, which may be negative
     * (the pattern shifted the other way) or larger than the pattern: the offset modulo the pattern's period.
     */
    static float dashPhase(double offset, double period) {
        if (!(period > 0) || !Double.isFinite(offset)) {
            return 0;
        }
        double phase = offset % period;
        return (float) (phase < 0 ? phase + period : phase + 0.0); // + 0.0: never -0.0
    }

    private void graphic(Graphic graphic, double x, double y) {
        for (GraphicalSymbol symbol : graphic.symbols()) {
            Composite old = g.getComposite();
            if (graphic.opacity() < 1) {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) graphic.opacity()));
            }
            try {
                if (symbol instanceof ExternalGraphic e) {
                    BufferedImage img = external(e);
                    if (img == null) {
                        continue; // try the next symbol, as SLD says
                    }
                    double size = graphic.sizeOr(img.getHeight()) * k;
                    double w = img.getWidth() * size / img.getHeight();
                    AffineTransform at = new AffineTransform();
                    at.translate(x, y);
                    at.rotate(Math.toRadians(graphic.rotation()));
                    at.translate(-w / 2, -size / 2);
                    at.scale(w / img.getWidth(), size / img.getHeight());
                    g.drawImage(img, at, null);
                    return;
                }
                Mark m = (Mark) symbol;
                double size = graphic.sizeOr(Graphic.DEFAULT_SIZE) * k;
                Shape shape = Marks.shape(m.wellKnownName(), size);
                AffineTransform at = new AffineTransform();
                at.translate(x, y);
                at.rotate(Math.toRadians(graphic.rotation()));
                Shape placedShape = at.createTransformedShape(shape);
                if (m.fill() != null && !Marks.isLine(m.wellKnownName())) {
                    paint(m.fill(), () -> g.fill(placedShape));
                }
                if (m.stroke() != null) {
                    stroke(m.stroke(), placedShape);
                }
                return;
            } finally {
                g.setComposite(old);
            }
        }
    }

    private static BufferedImage external(ExternalGraphic e) {
        return GRAPHICS.computeIfAbsent(e.href(), href -> {
            try (InputStream in = e.open()) {
                return ImageIO.read(in);
            } catch (IOException | RuntimeException ex) {
                return null;
            }
        });
    }

    /** A tile of the fill graphic: marks (including hatches) repeated at their size. */
    private Paint texture(Graphic graphic, double opacity) {
        int size = Math.max(2, (int) Math.round(graphic.sizeOr(Graphic.DEFAULT_SIZE)));
        BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D t = tile.createGraphics();
        t.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        GraphicalSymbol symbol = graphic.symbols().get(0);
        if (symbol instanceof Mark m) {
            Shape shape = Marks.shape(m.wellKnownName(), size);
            Shape centred = AffineTransform.getTranslateInstance(size / 2.0, size / 2.0).createTransformedShape(shape);
            if (m.fill() != null && !Marks.isLine(m.wellKnownName())) {
                t.setColor(withOpacity(m.fill().color(), m.fill().opacity() * opacity));
                t.fill(centred);
            }
            Stroke s = m.stroke() == null ? Stroke.DEFAULT : m.stroke();
            t.setColor(withOpacity(s.color(), s.opacity() * opacity));
            t.setStroke(new BasicStroke((float) s.width()));
            t.draw(centred);
        }
        t.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, size, size));
    }

    private Shape shape(Polygon p) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        append(path, p.getExteriorRing().getCoordinateSequence(), true);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            append(path, p.getInteriorRingN(i).getCoordinateSequence(), true);
        }
        return path;
    }

    private Shape path(CoordinateSequence s, boolean close) {
        Path2D.Double path = new Path2D.Double();
        append(path, s, close);
        return path;
    }

    /** Appends a ring or line in screen space, skipping vertices within half a pixel of the last kept one. */
    private void append(Path2D.Double path, CoordinateSequence s, boolean close) {
        append(path, s, toScreen, halfPixel, close);
    }

    /**
     * The renderer's generalization: appends a ring or line through {@code toScreen}, skipping vertices within
     * {@code halfPixel} (map units) of the last kept one; public for the map profile of bench/jmh, which times it.
     */
    public static void append(Path2D.Double path, CoordinateSequence s, AffineTransform toScreen, double halfPixel,
                              boolean close) {
        Points pts = new Points();
        generalize(s, toScreen, halfPixel, pts);
        for (int i = 0; i < pts.n; i++) {
            if (i == 0) {
                path.moveTo(pts.xy[0], pts.xy[1]);
            } else {
                path.lineTo(pts.xy[2 * i], pts.xy[2 * i + 1]);
            }
        }
        if (close) {
            path.closePath();
        }
    }

    /** Screen points, x, y pairs, growing as needed. */
    static final class Points {
        double[] xy = new double[128];
        int n;
    }

    /**
     * The generalization itself: appends the kept vertices of {@code s} to {@code out}, in screen space (the first and
     * last always, the others unless within {@code halfPixel} map units of the last kept one).
     */
    static void generalize(CoordinateSequence s, AffineTransform toScreen, double halfPixel, Points out) {
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        int n = s.size();
        int start = out.n;
        if (out.xy.length < 2 * (start + n)) {
            out.xy = java.util.Arrays.copyOf(out.xy, Math.max(2 * (start + n), 2 * out.xy.length));
        }
        double[] xy = out.xy;
        int k = start;
        for (int i = 0; i < n; i++) {
            double x = s.getX(i);
            double y = s.getY(i);
            if (i > 0 && i < n - 1 && Math.abs(x - lastX) < halfPixel && Math.abs(y - lastY) < halfPixel) {
                continue;
            }
            lastX = x;
            lastY = y;
            xy[2 * k] = x;
            xy[2 * k + 1] = y;
            k++;
        }
        toScreen.transform(xy, 2 * start, xy, 2 * start, k - start);
        out.n = k;
    }

    static Color withOpacity(Color c, double opacity) {
        Color base = c == null ? Color.GRAY : c;
        int alpha = (int) Math.round(base.getAlpha() * Math.max(0, Math.min(1, opacity)));
        return new Color(base.getRed(), base.getGreen(), base.getBlue(), alpha);
    }

}
