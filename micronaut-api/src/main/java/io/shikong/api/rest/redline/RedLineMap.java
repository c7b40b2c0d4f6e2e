package io.shikong.api.rest.redline;

import io.shikong.core.crs.Crs;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.styles.map.MapCanvas;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The map of a check: the zones in force around the footprints (touched zones hatched red, others
 * green), the footprints, their overlaps filled, the buffer dashed; in the Gauss-Krüger zone of the
 * first footprint, so shapes and the scale bar are true.
 */
final class RedLineMap {

    static final MapCanvas.Style ZONE = new MapCanvas.Style(new Color(46, 139, 87), new Color(20, 90, 50), 1.2f, false, true, "生态红线 red-line zone");
    static final MapCanvas.Style TOUCHED = new MapCanvas.Style(new Color(200, 120, 0), new Color(150, 70, 0), 1.6f, false, true, "涉及红线 zone touched");
    static final MapCanvas.Style FOOTPRINT = new MapCanvas.Style(null, new Color(30, 60, 200), 2.2f, false, false, "项目范围 footprint");
    static final MapCanvas.Style BUFFER = new MapCanvas.Style(null, new Color(30, 60, 200), 1.2f, true, false, "缓冲区 buffer");
    static final MapCanvas.Style OVERLAP = new MapCanvas.Style(new Color(220, 20, 20, 200), new Color(160, 0, 0), 1.5f, false, false, "重叠 overlap");

    private RedLineMap() {
    }

    static byte[] png(RedLineService s, List<Geometry> footprints, RedLineCheckResponse report, Instant asOf, int width,
                      int height) {
        Crs zone = s.crsService.gaussKrugerZone(footprints.get(0).getEnvelopeInternal().centre().x);
        Envelope lonLat = new Envelope();
        footprints.forEach(f -> lonLat.expandToInclude(f.getEnvelopeInternal()));
        double reach = report.bufferMeters();
        for (var f : report.footprints()) {
            if (f.nearest() != null) {
                reach = Math.max(reach, f.nearest().distanceM());
            }
        }
        Envelope projected = s.crsService.transform(lonLat, s.storage, zone);
        double margin = Math.max(reach * 1.2, Math.max(projected.getWidth(), projected.getHeight()) * 0.3) + 50;
        projected.expandBy(margin);
        Envelope search = s.crsService.transform(projected, zone, s.storage);
        Set<String> touched = report.footprints().stream().flatMap(f -> f.zones().stream())
                .map(z -> z.id() + "@" + z.version()).collect(Collectors.toSet());
        MapCanvas canvas = new MapCanvas(width, height, projected).title("红线合规检查 " + report.id().substring(0, 8));
        List<RedLineIndex.Zone> zones = s.index.snapshot().candidates(search, asOf);
        for (RedLineIndex.Zone z : zones) {
            boolean hit = touched.contains(z.feature().id() + "@" + z.feature().version());
            canvas.add(z.projected(s.crsService, s.storage, zone), hit ? TOUCHED : ZONE, z.text(s.redLine.name()));
        }
        for (Geometry f : footprints) {
            Geometry p = s.crsService.transform(f, s.storage, zone);
            if (report.bufferMeters() > 0) {
                canvas.add(p.buffer(report.bufferMeters()), BUFFER, null);
            }
            for (RedLineIndex.Zone z : zones) {
                if (touched.contains(z.feature().id() + "@" + z.feature().version()) && z.prepared().intersects(f) && p.getArea() > 0) {
                    Geometry overlap = org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(
                            z.projected(s.crsService, s.storage, zone), p, org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
                    if (!overlap.isEmpty()) {
                        canvas.add(overlap, OVERLAP, null);
                    }
                }
            }
            canvas.add(p, FOOTPRINT, null);
        }
        BufferedImage image = canvas.render();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
