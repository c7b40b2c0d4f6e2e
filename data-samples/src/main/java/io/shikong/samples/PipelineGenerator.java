package io.shikong.samples;

import static io.shikong.samples.FeatureRandom.chance;
import static io.shikong.samples.FeatureRandom.pick;
import static io.shikong.samples.ShenyangGeography.FACTORY;

import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * Pipelines: 2–8 vertex polylines of 50–800 m that follow the street grid, each valid from its
 * installation: the first version of a pipe in service starts on a day of its {@code install_year}
 * (1960–2024, more every decade). About 10% are planned (first version the day the plan was recorded,
 * 2015–2024, status {@code planned}, the install year one or two years on); most of those whose year has
 * come go into service then (a new version). About 5% are abandoned some time after their installation,
 * and about 15% have their risk grade re-assessed once or twice: a new version each. None is deleted.
 */
final class PipelineGenerator implements LayerGenerator {

    static final String[] NETWORKS = {"water_supply", "drainage", "heating", "gas"};
    static final String[] RISK = {"A", "B", "C", "D"};
    private static final String[][] MATERIALS = {
        {"ductile_iron", "pe", "steel", "cast_iron"},
        {"concrete", "hdpe", "pvc", "brick"},
        {"preinsulated_steel", "steel"},
        {"pe", "steel"},
    };
    private static final int[][] DIAMETERS = {
        {100, 150, 200, 300, 400, 500, 600, 800, 1000, 1200},
        {300, 400, 500, 600, 800, 1000, 1200, 1500, 2000},
        {100, 150, 200, 300, 400, 500, 700, 1000},
        {50, 100, 160, 200, 300, 400, 500},
    };
    private static final String[][] PRESSURES = {
        {"0.4MPa", "0.6MPa", "1.0MPa"},
        {"gravity", "pressure"},
        {"1.0MPa", "1.6MPa", "2.5MPa"},
        {"low", "medium_b", "medium_a", "sub_high_b"},
    };
    /** Installation by era: the networks grew with the city. */
    private static final int[] ERAS = {1960, 1980, 2000, 2025};
    private static final int[] PER_YEAR = {1, 2, 3};

    @Override
    public List<Feature> versions(long seed, int index) {
        SplittableRandom r = FeatureRandom.of(seed, SampleLayer.PIPELINES.salt(), index);
        LineString line = line(r, ShenyangGeography.settledLocation(r, 0.8));
        int network = r.nextInt(NETWORKS.length);
        int status = FeatureRandom.weighted(r, 85, 5, 10); // in service, abandoned later, planned
        boolean planned = status == 2;
        Instant from;
        int installYear;
        if (planned) {
            from = SampleTimes.first(r);
            installYear = SampleTimes.year(from) + 1 + r.nextInt(2);
        } else {
            installYear = SampleTimes.year(r, ERAS, PER_YEAR);
            from = SampleTimes.during(r, installYear, SampleTimes.FIRST_END);
        }

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("network", NETWORKS[network]);
        int[] diameters = DIAMETERS[network];
        p.put("diameter_mm", diameters[r.nextInt(diameters.length)]);
        String material = pick(r, MATERIALS[network]);
        p.put("material", material);
        double depth = network == 1 ? r.nextDouble(2.0, 6.0) : r.nextDouble(0.8, 3.0);
        p.put("depth_m", Math.round(depth * 10) / 10.0);
        p.put("pressure_class", pick(r, PRESSURES[network]));
        p.put("install_year", installYear);
        p.put("status", planned ? "planned" : "in_service");
        p.put("risk_grade", RISK[risk(r, installYear, material)]);

        Versions versions = new Versions(SampleLayer.PIPELINES.id(index)).add(from, line, p);
        if (planned) {
            // the plan carried out: in service on a day of the planned year, when that has come
            Instant yearStart = SampleTimes.startOf(installYear);
            if (yearStart.isBefore(SampleTimes.EPOCH.minus(2, ChronoUnit.DAYS)) && chance(r, 0.7)) {
                p = new LinkedHashMap<>(p);
                p.put("status", "in_service");
                versions.add(SampleTimes.during(r, installYear, SampleTimes.EPOCH), line, p);
            }
            return versions.current();
        }
        int regrades = chance(r, 0.15) ? 1 + r.nextInt(2) : 0;
        boolean abandoned = status == 1;
        Instant[] times = SampleTimes.later(r, from, regrades + (abandoned ? 1 : 0));
        for (int i = 0; i < regrades; i++) {
            p = new LinkedHashMap<>(p);
            p.put("risk_grade", RISK[r.nextInt(RISK.length)]);
            versions.add(times[i], line, p);
        }
        if (abandoned) {
            p = new LinkedHashMap<>(p);
            p.put("status", "abandoned");
            p.put("risk_grade", "A"); // an abandoned pipe is emptied: no longer a hazard
            versions.add(times[regrades], line, p);
        }
        return versions.current();
    }

    /** Older and cast-iron pipes score higher: A is lowest risk, D highest. */
    private static int risk(SplittableRandom r, int installYear, String material) {
        int score = r.nextInt(2) + (installYear < 1990 ? 1 : 0) + (material.equals("cast_iron") || material.equals("brick") ? 1 : 0);
        return Math.min(3, score);
    }

    /**
     * A staircase along the street grid: runs alternate east-west and north-south with a constant sign
     * each way (plus a few degrees of skew), so the line never crosses itself.
     */
    private static LineString line(SplittableRandom r, Coordinate start) {
        int segments = 1 + r.nextInt(7);
        double length = r.nextDouble(50, 800);
        double signX = r.nextBoolean() ? 1 : -1;
        double signY = r.nextBoolean() ? 1 : -1;
        boolean eastWest = r.nextBoolean();
        double[] weights = new double[segments];
        double total = 0;
        for (int i = 0; i < segments; i++) {
            weights[i] = r.nextDouble(0.3, 1.0);
            total += weights[i];
        }
        Coordinate[] coords = new Coordinate[segments + 1];
        coords[0] = ShenyangGeography.offset(start, 0, 0);
        double east = 0;
        double north = 0;
        for (int i = 0; i < segments; i++) {
            double run = length * weights[i] / total;
            double skew = run * r.nextDouble(0, 0.08);
            east += signX * (eastWest ? run : skew);
            north += signY * (eastWest ? skew : run);
            coords[i + 1] = ShenyangGeography.offset(start, east, north);
            eastWest = !eastWest;
        }
        return FACTORY.createLineString(coords);
    }
}
