package io.shikong.styles.map;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Draws geometries given in a projected CRS (metres, x east) onto an anti-aliased image, with a scale
 * bar, a north arrow and a legend. Written on Java2D because GeoTools' renderer is not available from
 * our registries; the SLD renderer of the WMS builds on the same drawing.
 *
 * <p>Degenerate cases: an empty extent is grown to 100 m around its centre; geometries outside the
 * extent are clipped by Java2D; labels need a CJK font for Chinese (fonts-wqy-zenhei; without one
 * they show as boxes).
 */
public final class MapCanvas {

    /** How one group of geometries is drawn, and its legend entry. */
    public record Style(Color fill, Color stroke, float width, boolean dashed, boolean hatched, String legend) {
    }

    private record Item(Geometry geometry, Style style, String label) {
    }

    private final int width;
    private final int height;
    private final Envelope extent;
    private final List<Item> items = new ArrayList<>();
    private final List<Style> legend = new ArrayList<>();
    private String title;

    /**
     * @param extent the area to show in projected metres; it is widened to the image's aspect ratio
     */
    public MapCanvas(int width, int height, Envelope extent) {
        if (width < 64 || height < 64 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("map size must be 64..4096 pixels a side, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        Envelope e = new Envelope(extent);
        if (e.isNull() || e.getWidth() < 1 && e.getHeight() < 1) {
            Coordinate c = e.isNull() ? new Coordinate(0, 0) : e.centre();
            e = new Envelope(c.x - 50, c.x + 50, c.y - 50, c.y + 50);
        }
        double aspect = (double) width / height;
        if (e.getWidth() / e.getHeight() > aspect) {
            double h = e.getWidth() / aspect;
            e = new Envelope(e.getMinX(), e.getMaxX(), e.centre().y - h / 2, e.centre().y + h / 2);
        } else {
            double w = e.getHeight() * aspect;
            e = new Envelope(e.centre().x - w / 2, e.centre().x + w / 2, e.getMinY(), e.getMaxY());
        }
        this.extent = e;
    }

    public MapCanvas title(String title) {
        this.title = title;
        return this;
    }

    /** Adds a geometry to draw (in order: later on top), with an optional label. */
    public MapCanvas add(Geometry g, Style style, String label) {
        items.add(new Item(g, style, label));
        if (style.legend() != null && legend.stream().noneMatch(s -> s.legend().equals(style.legend()))) {
            legend.add(style);
        }
        return this;
    }

    /** Draws everything. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF7F5EF));
            g.fillRect(0, 0, width, height);
            double scale = width / extent.getWidth();
            AffineTransform toScreen = new AffineTransform(scale, 0, 0, -scale, -extent.getMinX() * scale,
                    extent.getMaxY() * scale);
            for (Item item : items) {
                draw(g, item, toScreen);
            }
            g.setFont(font(Font.PLAIN, 11));
            for (Item item : items) {
                if (item.label() != null) {
                    Coordinate c = item.geometry().getInteriorPoint().getCoordinate();
                    double[] p = {c.x, c.y};
                    toScreen.transform(p, 0, p, 0, 1);
                    halo(g, item.label(), (int) p[0] + 4, (int) p[1] - 4);
                }
            }
            scaleBar(g, scale);
            north(g);
            legend(g);
            if (title != null) {
                g.setFont(font(Font.BOLD, 14));
                halo(g, title, 10, 20);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void draw(Graphics2D g, Item item, AffineTransform toScreen) {
        Style s = item.style();
        for (int i = 0; i < item.geometry().getNumGeometries(); i++) {
            Geometry part = item.geometry().getGeometryN(i);
            if (part instanceof Point p) {
                double[] xy = {p.getX(), p.getY()};
                toScreen.transform(xy, 0, xy, 0, 1);
                Shape dot = new java.awt.geom.Ellipse2D.Double(xy[0] - 4, xy[1] - 4, 8, 8);
                g.setPaint(s.fill() == null ? s.stroke() : s.fill());
                g.fill(dot);
                continue;
            }
            Shape shape = toScreen.createTransformedShape(path(part));
            if (s.fill() != null && part instanceof Polygon) {
                g.setPaint(s.hatched() ? hatch(s.fill()) : s.fill());
                g.fill(shape);
            }
            if (s.stroke() != null) {
                g.setPaint(s.stroke());
                g.setStroke(s.dashed() ? new BasicStroke(s.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                        new float[] {6, 4}, 0) : new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(shape);
            }
        }
    }

    private static Path2D path(Geometry g) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        if (g instanceof Polygon p) {
            ring(path, p.getExteriorRing(), true);
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(path, p.getInteriorRingN(i), true);
            }
        } else if (g instanceof LineString l) {
            ring(path, l, false);
        }
        return path;
    }

    private static void ring(Path2D.Double path, LineString l, boolean close) {
        Coordinate[] cs = l.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            if (i == 0) {
                path.moveTo(cs[i].x, cs[i].y);
            } else {
                path.lineTo(cs[i].x, cs[i].y);
            }
        }
        if (close) {
            path.closePath();
        }
    }

    private static Paint hatch(Color color) {
        BufferedImage tile = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        Graphics2D t = tile.createGraphics();
        t.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        t.fillRect(0, 0, 8, 8);
        t.setColor(color);
        t.drawLine(0, 8, 8, 0);
        t.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, 8, 8));
    }

    /** A scale bar of a round length near a fifth of the width. */
    private void scaleBar(Graphics2D g, double pixelsPerMeter) {
        double target = extent.getWidth() / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
        double meters = magnitude;
        for (double f : new double[] {1, 2, 5}) {
            if (f * magnitude <= target) {
                meters = f * magnitude;
            }
        }
        int px = (int) Math.round(meters * pixelsPerMeter);
        int x = 12;
        int y = height - 18;
        g.setColor(Color.WHITE);
        g.fillRect(x - 4, y - 16, px + 60, 26);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2));
        g.drawLine(x, y, x + px, y);
        g.drawLine(x, y - 5, x, y + 3);
        g.drawLine(x + px, y - 5, x + px, y + 3);
        g.setFont(font(Font.PLAIN, 11));
        String text = meters >= 1000 ? (meters / 1000) + " km" : (int) meters + " m";
        g.drawString(text, x + px + 6, y + 4);
    }

    private void north(Graphics2D g) {
        int x = width - 24;
        int y = 16;
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(x, y);
        arrow.lineTo(x - 7, y + 20);
        arrow.lineTo(x, y + 15);
        arrow.lineTo(x + 7, y + 20);
        arrow.closePath();
        g.setColor(Color.BLACK);
        g.fill(arrow);
        g.setFont(font(Font.BOLD, 11));
        g.drawString("N", x - 4, y + 33);
    }

    private void legend(Graphics2D g) {
        if (legend.isEmpty()) {
            return;
        }
        g.setFont(font(Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int w = 0;
        for (Style s : legend) {
            w = Math.max(w, fm.stringWidth(s.legend()));
        }
        int boxW = w + 40;
        int boxH = legend.size() * 18 + 10;
        int x = width - boxW - 10;
        int y = height - boxH - 10;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x, y, boxW, boxH);
        for (int i = 0; i < legend.size(); i++) {
            Style s = legend.get(i);
            int ry = y + 8 + i * 18;
            if (s.fill() != null) {
                g.setPaint(s.hatched() ? hatch(s.fill()) : s.fill());
                g.fillRect(x + 8, ry, 18, 12);
            }
            if (s.stroke() != null) {
                g.setPaint(s.stroke());
                g.setStroke(new BasicStroke(Math.min(2, s.width())));
                g.drawRect(x + 8, ry, 18, 12);
            }
            g.setColor(Color.BLACK);
            g.drawString(s.legend(), x + 32, ry + 11);
        }
    }

    private static void halo(Graphics2D g, String text, int x, int y) {
        g.setColor(new Color(255, 255, 255, 200));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                g.drawString(text, x + dx, y + dy);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(text, x, y);
    }

    /**
     * A font that has Chinese glyphs, simplified (the labels) and traditional alike, when one is installed
     * (WenQuanYi Zen Hei), else SansSerif.
     */
    static Font font(int style, int size) {
        Font cjk = new Font("WenQuanYi Zen Hei", style, size);
        return cjk.canDisplayUpTo("沈阳红线区區") < 0 ? cjk : new Font(Font.SANS_SERIF, style, size);
    }
}
