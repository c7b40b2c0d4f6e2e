package io.shikong.ingest;

import io.shikong.ingest.read.ReadOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How to load one file into one layer.
 *
 * @param read        how to read the file (encoding, CSV columns, GeoPackage table)
 * @param mapping     source field to layer attribute; {@code null} matches names case-insensitively
 * @param crs         the declared source CRS ({@code --crs}), overriding the file's; {@code null} = the
 *                    file's, and a file that declares none is refused
 * @param key         the source field holding each feature's stable id ({@code --key}); {@code null} = the
 *                    field named like the layer's id attribute
 * @param repair      repair invalid geometries with JTS's GeometryFixer instead of rejecting them
 * @param maxRejects  rejects tolerated (left out of the load and reported); one more stops the load with
 *                    nothing written. 0 (the default) loads only a file without a single reject
 * @param snapshot    the file is the whole layer: current features absent from it are closed
 * @param validFrom   the instant the loaded versions are valid from; {@code null} = now
 * @param dryRun      validate and compute the counts, write nothing
 * @param reportLimit rejects kept in the report (all are counted)
 * @param spoolDirectory where the validated features wait for the load; {@code null} = the temp folder
 */
public record IngestOptions(ReadOptions read, AttributeMapping mapping, String crs, String key, boolean repair,
                            long maxRejects, boolean snapshot, Instant validFrom, boolean dryRun, int reportLimit,
                            Path spoolDirectory) {

    public IngestOptions {
        read = read == null ? ReadOptions.DEFAULTS : read;
        if (maxRejects < 0) {
            throw new IllegalArgumentException("maxRejects < 0");
        }
        if (reportLimit < 0) {
            throw new IllegalArgumentException("reportLimit < 0");
        }
    }

    /** Defaults: everything detected, names matched, no rejects tolerated, not a snapshot, now, 1000 rejects kept. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link IngestOptions}. */
    public static final class Builder {
        private ReadOptions read = ReadOptions.DEFAULTS;
        private AttributeMapping mapping;
        private String crs;
        private String key;
        private boolean repair;
        private long maxRejects;
        private boolean snapshot;
        private Instant validFrom;
        private boolean dryRun;
        private int reportLimit = 1000;
        private Path spoolDirectory;

        public Builder read(ReadOptions r) {
            this.read = r;
            return this;
        }

        public Builder mapping(AttributeMapping m) {
            this.mapping = m;
            return this;
        }

        public Builder crs(String c) {
            this.crs = c;
            return this;
        }

        public Builder key(String k) {
            this.key = k;
            return this;
        }

        public Builder repair(boolean r) {
            this.repair = r;
            return this;
        }

        public Builder maxRejects(long m) {
            this.maxRejects = m;
            return this;
        }

        public Builder snapshot(boolean s) {
            this.snapshot = s;
            return this;
        }

        public Builder validFrom(Instant v) {
            this.validFrom = v;
            return this;
        }

        public Builder dryRun(boolean d) {
            this.dryRun = d;
            return this;
        }

        public Builder reportLimit(int l) {
            this.reportLimit = l;
            return this;
        }

        public Builder spoolDirectory(Path d) {
            this.spoolDirectory = d;
            return this;
        }

        public IngestOptions build() {
            return new IngestOptions(read, mapping, crs, key, repair, maxRejects, snapshot, validFrom, dryRun,
                    reportLimit, spoolDirectory);
        }
    }
}
