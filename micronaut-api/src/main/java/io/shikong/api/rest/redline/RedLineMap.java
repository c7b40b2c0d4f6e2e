package io.shikong.api.rest.redline;

import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.styles.map.RedLineMapStyles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The map of a check, drawn by the SLD renderer with the red-line map styles of the styles module
 * ({@link RedLineMapStyles}): the zones in force around the footprints (hatched green, the touched ones
 * darker, labelled with their names), the buffers dashed, the overlaps red, the footprints on top, with
 * title, north arrow, scale bar and legend; in the Gauss-Krüger zone of the first footprint, so shapes and
 * the scale bar are true.
 */
final class RedLineMap {

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
        List<RedLineIndex.Zone> zones = s.index.snapshot().candidates(search, asOf);
        List<Feature> zoneFeatures = new ArrayList<>();
        for (RedLineIndex.Zone z : zones) {
            boolean hit = touched.contains(z.feature().id() + "@" + z.feature().version());
            zoneFeatures.add(RedLineMapStyles.zone(z.feature().id(), z.projected(s.crsService, s.storage, zone),
                    z.text(s.redLine.name()), hit));
        }
        List<Feature> project = new ArrayList<>();
        for (int i = 0; i < footprints.size(); i++) {
            Geometry f = footprints.get(i);
            Geometry p = s.crsService.transform(f, s.storage, zone);
            if (report.bufferMeters() > 0) {
                project.add(RedLineMapStyles.buffer("buffer-" + i, p.buffer(report.bufferMeters())));
            }
            for (RedLineIndex.Zone z : zones) {
                if (touched.contains(z.feature().id() + "@" + z.feature().version()) && z.prepared().intersects(f) && p.getArea() > 0) {
                    Geometry overlap = OverlayNGRobust.overlay(z.projected(s.crsService, s.storage, zone), p, OverlayNG.INTERSECTION);
                    if (!overlap.isEmpty()) {
                        project.add(RedLineMapStyles.overlap("overlap-" + i + "-" + z.feature().id(), overlap));
                    }
                }
            }
            project.add(RedLineMapStyles.footprint("footprint-" + i, p));
        }
        BufferedImage image = RedLineMapStyles.draw(width, height, projected, "红线合规检查 " + report.id().substring(0, 8),
                zoneFeatures, project);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
