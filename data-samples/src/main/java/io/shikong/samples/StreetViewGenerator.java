package io.shikong.samples;

import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;

/**
 * Street-view captures: runs of {@value #SEQUENCE_LENGTH} consecutive features share a sequence, a
 * drive along two street legs with one turn, a capture every ~10 m and every ~3 s. Single versions.
 *
 * <p>The track of a sequence is a closed form of the capture's position in it, so a capture needs only
 * its sequence's random stream, never the captures before it.
 */
final class StreetViewGenerator implements LayerGenerator {

    static final int SEQUENCE_LENGTH = 50;
    private static final double SPACING_M = 10;
    /** Sequence streams use their own salt so they never coincide with a capture's stream. */
    private static final int SEQUENCE_SALT = 0x5E0;

    @Override
    public List<Feature> versions(long seed, int index) {
        int sequence = index / SEQUENCE_LENGTH;
        int k = index % SEQUENCE_LENGTH;
        SplittableRandom s = FeatureRandom.of(seed, SEQUENCE_SALT, sequence);
        Coordinate start = ShenyangGeography.settledLocation(s, 0.9);
        // Compass headings in degrees clockwise from north, along the street grid give or take a little.
        double heading1 = s.nextInt(4) * 90 + s.nextDouble(-4, 4);
        double heading2 = heading1 + (s.nextBoolean() ? 90 : -90);
        int turnAt = s.nextInt(10, SEQUENCE_LENGTH - 10);
        // Starts early enough that the whole drive ends before FIRST_END, like every first version.
        Instant startTime = SampleTimes.first(s).minusSeconds(3L * SEQUENCE_LENGTH);
        if (startTime.isBefore(SampleTimes.FIRST_START)) {
            startTime = SampleTimes.FIRST_START;
        }

        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.STREET_VIEW.salt(), index);
        double along = k * SPACING_M + r.nextDouble(-0.5, 0.5);
        double leg1 = Math.min(along, turnAt * SPACING_M);
        double leg2 = along - leg1;
        double heading = leg2 > 0 ? heading2 : heading1;
        Coordinate at = ShenyangGeography.offset(start,
                leg1 * sin(heading1) + leg2 * sin(heading2), leg1 * cos(heading1) + leg2 * cos(heading2));
        // 3 s per capture plus less than 3 s of jitter keeps capture times strictly increasing.
        Instant captured = startTime.plusSeconds(3L * k + r.nextInt(3));

        Map<String, Object> p = new LinkedHashMap<>();
        String sequenceId = "SEQ" + String.format(Locale.ROOT, "%06d", sequence + 1);
        String id = SampleLayer.STREET_VIEW.id(index);
        p.put("sequence_id", sequenceId);
        p.put("captured_at", captured);
        p.put("heading_deg", compass(heading + r.nextDouble(-2, 2)));
        p.put("pitch_deg", Math.round(r.nextDouble(-5, 5) * 10) / 10.0);
        p.put("image_uri", "https://img.shikong.example/street_view/" + sequenceId + "/" + id + ".jpg");
        return new Versions(id).add(captured, ShenyangGeography.point(at), p).current();
    }

    private static double sin(double headingDeg) {
        return Math.sin(Math.toRadians(headingDeg));
    }

    private static double cos(double headingDeg) {
        return Math.cos(Math.toRadians(headingDeg));
    }

    /** A heading in [0, 360), to a tenth of a degree. */
    private static double compass(double deg) {
        long tenths = Math.floorMod(Math.round(deg * 10), 3600L);
        return tenths / 10.0;
    }
}
