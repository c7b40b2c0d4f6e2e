package io.shikong.styles.render;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The well-known marks of SLD (square, circle, triangle, star, cross, x) and the hatch marks used as
 * graphic fills (shape://slash, shape://backslash, shape://horline, shape://vertline, shape://times,
 * shape://plus), centred on the origin, {@code size} pixels high.
 */
final class Marks {

    private Marks() {
    }

    static boolean isLine(String name) {
        return name != null && name.startsWith("shape://");
    }

    static Shape shape(String name, double size) {
        double h = size / 2;
        String n = name == null ? "square" : name.toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "circle":
                return new Ellipse2D.Double(-h, -h, size, size);
            case "triangle": {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(0, -h);
                p.lineTo(h, h);
                p.lineTo(-h, h);
                p.closePath();
                return p;
            }
            case "star": {
                Path2D.Double p = new Path2D.Double();
                for (int i = 0; i < 10; i++) {
                    double r = i % 2 == 0 ? h : h * 0.4;
                    double a = Math.PI / 5 * i - Math.PI / 2;
                    if (i == 0) {
                        p.moveTo(r * Math.cos(a), r * Math.sin(a));
                    } else {
                        p.lineTo(r * Math.cos(a), r * Math.sin(a));
                    }
                }
                p.closePath();
                return p;
            }
            case "cross":
            case "plus":
            case "shape://plus": {
                double t = size / 6;
                Path2D.Double p = new Path2D.Double();
                p.append(new Rectangle2D.Double(-t, -h, 2 * t, size), false);
                p.append(new Rectangle2D.Double(-h, -t, size, 2 * t), false);
                if (n.startsWith("shape://")) {
                    Path2D.Double lines = new Path2D.Double();
                    lines.append(new Line2D.Double(0, -h, 0, h), false);
                    lines.append(new Line2D.Double(-h, 0, h, 0), false);
                    return lines;
                }
                return p;
            }
            case "x":
            case "shape://times": {
                Path2D.Double p = new Path2D.Double();
                p.append(new Line2D.Double(-h, -h, h, h), false);
                p.append(new Line2D.Double(-h, h, h, -h), false);
                return p;
            }
            case "shape://slash":
                return new Line2D.Double(-h, h, h, -h);
            case "shape://backslash":
                return new Line2D.Double(-h, -h, h, h);
            case "shape://horline":
                return new Line2D.Double(-h, 0, h, 0);
            case "shape://vertline":
                return new Line2D.Double(0, -h, 0, h);
            case "square":
            default:
                return new Rectangle2D.Double(-h, -h, size, size);
        }
    }
}
