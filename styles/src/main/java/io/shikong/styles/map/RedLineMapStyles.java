package io.shikong.styles.map;

import io.shikong.core.feature.Feature;
import io.shikong.styles.render.MapDecorations;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The red-line compliance map: its two SLD styles, the features they read, and the map drawn from them by
 * the SLD renderer with {@link MapDecorations}.
 *
 * <ul>
 *   <li>{@link #zones()} ({@code io/shikong/styles/redline/zones.sld}): the red-line zones hatched green
 *       as the standard {@code eco_red_lines} style, the zones a footprint touches denser and darker,
 *       each labelled with its name. Its features ({@link #zone}) carry {@value #NAME} and
 *       {@value #TOUCHED}, whatever the catalog calls the name attribute.</li>
 *   <li>{@link #project()} ({@code io/shikong/styles/redline/project.sld}): the buffer dashed, the
 *       overlaps filled red, the footprints outlined blue on top. Its features ({@link #buffer},
 *       {@link #overlap}, {@link #footprint}) carry {@value #KIND}.</li>
 * </ul>
 *
 * <p>Geometries are in a projected CRS in metres (the Gauss-Krüger zone of the check), so shapes and the
 * scale bar are true.
 */
public final class RedLineMapStyles {

    /** The zone's name, labelled. */
    public static final String NAME = "zone_name";
    /** Whether a footprint touches the zone: {@code true} or {@code false}. */
    public static final String TOUCHED = "touched";
    /** What a project feature is: buffer, overlap, footprint, footprint_line, footprint_point. */
    public static final String KIND = "kind";
    /** The paper colour under the map. */
    public static final Color BACKGROUND = new Color(0xF7F5EF);
    /** Map sizes, pixels a side. */
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 4096;

    /** Zones are cut this many pixels beyond the map. */
    private static final double CLIP_MARGIN_PX = 8;
    /** Footprints smaller than this many pixels both ways are drawn as a dot. */
    private static final double MIN_FOOTPRINT_PX = 4;
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Map<String, Style> CACHE = new ConcurrentHashMap<>();

    private RedLineMapStyles() {
    }

    /** The style of the red-line zones. */
    public static Style zones() {
        return CACHE.computeIfAbsent("zones", RedLineMapStyles::read);
    }

    /** The style of the project: buffers, overlaps, footprints. */
    public static Style project() {
        return CACHE.computeIfAbsent("project", RedLineMapStyles::read);
    }

    /** The SLD document of {@code zones} or {@code project}. */
    public static byte[] document(String name) {
        if (!name.equals("zones") && !name.equals("project")) {
            throw new IllegalArgumentException("no red-line map style '" + name + "', known: zones, project");
        }
        String resource = "io/shikong/styles/redline/" + name + ".sld";
        try (InputStream in = RedLineMapStyles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Style read(String name) {
        return SldParser.parseStyle(document(name));
    }

    /** A red-line zone; {@code name} null when the zone has none (then it is not labelled). */
    public static Feature zone(String id, Geometry projected, String name, boolean touched) {
        Map<String, Object> p = new HashMap<>();
        if (name != null) {
            p.put(NAME, name);
        }
        p.put(TOUCHED, touched);
        return Feature.of(id, projected, p);
    }

    /** A footprint: outlined when an area, a line when linear, a dot when a point. */
    public static Feature footprint(String id, Geometry projected) {
        String kind = switch (projected.getDimension()) {
            case 0 -> "footprint_point";
            case 1 -> "footprint_line";
            default -> "footprint";
        };
        return Feature.of(id, projected, Map.of(KIND, kind));
    }

    /** The buffer around a footprint. */
    public static Feature buffer(String id, Geometry projected) {
        return Feature.of(id, projected, Map.of(KIND, "buffer"));
    }

    /** Where a footprint overlaps a zone. */
    public static Feature overlap(String id, Geometry projected) {
        return Feature.of(id, projected, Map.of(KIND, "overlap"));
    }

    /**
     * The map: the zones cut to the map (so each name is placed in the part one sees; touched zones
     * first, so their names win where labels would collide), the project over them (a footprint of less
     * than 4 pixels as a dot, so it stays visible on a map scaled to a distant nearest zone), then title,
     * north arrow, scale bar and a legend of the rules that drew something.
     *
     * @param extent the area to show in projected metres; widened to the image's aspect ratio
     * @param zones features made by {@link #zone}
     * @param project features made by {@link #buffer}, {@link #overlap} and {@link #footprint}
     */
    public static BufferedImage draw(int width, int height, Envelope extent, String title, List<Feature> zones,
                                     List<Feature> project) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("map size must be " + MIN_SIZE + ".." + MAX_SIZE + " pixels a side, was "
                    + width + "x" + height);
        }
        Envelope fitted = MapDecorations.fit(extent, width, height);
        MapDecorations decorations = new MapDecorations(width, height, fitted).title(title);
        double scale = decorations.scaleDenominator();
        double pixel = decorations.metresPerPixel();
        Envelope margin = new Envelope(fitted);
        margin.expandBy(CLIP_MARGIN_PX * pixel);
        Geometry frame = GF.toGeometry(margin);
        List<Feature> shown = new ArrayList<>();
        for (Feature z : zones) {
            Feature c = clipped(z, frame);
            if (c != null) {
                shown.add(c);
            }
        }
        shown.sort(Comparator.comparing(f -> !Boolean.TRUE.equals(f.get(TOUCHED))));
        List<Feature> projectShown = new ArrayList<>();
        for (Feature f : project) {
            projectShown.add(visible(f, MIN_FOOTPRINT_PX * pixel));
        }
        MapRenderer renderer = new MapRenderer(width, height, fitted, false, BACKGROUND);
        renderer.draw(shown.iterator(), zones(), scale);
        renderer.draw(projectShown.iterator(), project(), scale);
        return decorations.legend(zones(), shown).legend(project(), projectShown).draw(renderer.finish());
    }

    /**
     * A zone cut to the map and a few pixels beyond (so the cut edges stay off the image): what is hidden
     * is not drawn, and the zone's name is placed in the part one sees; null when none of it is seen.
     */
    static Feature clipped(Feature zone, Geometry frame) {
        Geometry g = zone.geometry();
        if (g == null || g.isEmpty() || frame.getEnvelopeInternal().contains(g.getEnvelopeInternal())) {
            return zone;
        }
        if (!frame.getEnvelopeInternal().intersects(g.getEnvelopeInternal())) {
            return null;
        }
        Geometry cut;
        try {
            cut = OverlayNGRobust.overlay(g, frame, OverlayNG.INTERSECTION);
        } catch (RuntimeException e) {
            return zone; // an invalid zone: drawn whole, Java2D clips it
        }
        return cut.isEmpty() ? null
                : new Feature(zone.id(), cut, zone.properties(), zone.validFrom(), zone.validTo(), zone.version());
    }

    /** A footprint or line footprint smaller than a few pixels either way would vanish: shown as a dot. */
    static Feature visible(Feature f, double minSize) {
        Object kind = f.get(KIND);
        Geometry g = f.geometry();
        if (("footprint".equals(kind) || "footprint_line".equals(kind)) && g != null && !g.isEmpty()
                && g.getEnvelopeInternal().getWidth() < minSize && g.getEnvelopeInternal().getHeight() < minSize) {
            return footprint(f.id(), g.getInteriorPoint());
        }
        return f;
    }
}
