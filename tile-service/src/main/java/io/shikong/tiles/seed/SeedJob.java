package io.shikong.tiles.seed;

import io.shikong.tiles.TileFormat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A seeding or truncating job and where it stands.
 *
 * @param id        identifier (a UUID)
 * @param kind      seed (draw or encode every tile into the cache) or truncate (drop the cached tiles)
 * @param layers    layer names of the tiles (one tile of all of them, as {@code layers=a,b} asks)
 * @param style     style of raster tiles, or {@code null} for each layer's default
 * @param matrixSet tile matrix set identifier
 * @param minZoom   first zoom (matrix zoom, Tianditu's level for its set)
 * @param maxZoom   last zoom, included
 * @param area      the area, longitude/latitude (CRS84) on CGCS2000
 * @param format    tile format (seed jobs)
 * @param state     where the job stands
 * @param done      steps done: tiles for a seed job (in zoom, row, column order), zooms for a truncate job
 * @param total     steps in all
 * @param error     why the job failed, or {@code null}
 * @param created   when it was asked for
 * @param started   when it first ran, or {@code null}
 * @param finished  when it ended (done, failed or cancelled), or {@code null}
 */
public record SeedJob(String id, Kind kind, List<String> layers, String style, String matrixSet, int minZoom, int maxZoom,
                      Area area, TileFormat format, State state, long done, long total, String error,
                      Instant created, Instant started, Instant finished) {

    /** What a job does. */
    public enum Kind {
        SEED, TRUNCATE;

        /** The name in JSON and on the command line. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where a job stands; done, failed and cancelled are final. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        /** The name in JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the job will not run again. */
        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * A longitude/latitude box (CRS84 axis order) on CGCS2000.
     *
     * @param west  least longitude
     * @param south least latitude
     * @param east  greatest longitude
     * @param north greatest latitude
     */
    public record Area(double west, double south, double east, double north) {
        public Area {
            if (!(west >= -180 && east <= 180 && west < east && south >= -90 && north <= 90 && south < north)) {
                throw new io.shikong.core.error.InvalidParameterException("bbox",
                        "范围无效 invalid area: west,south,east,north in degrees with west < east and south < north, was "
                                + west + "," + south + "," + east + "," + north);
            }
        }
    }

    public SeedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        layers = List.copyOf(layers);
        Objects.requireNonNull(matrixSet, "matrixSet");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
    }

    /** This job in another state, with its progress and error. */
    SeedJob with(State newState, long newDone, long newTotal, String newError, Instant newStarted, Instant newFinished) {
        return new SeedJob(id, kind, layers, style, matrixSet, minZoom, maxZoom, area, format, newState, newDone, newTotal,
                newError, created, newStarted, newFinished);
    }
}
