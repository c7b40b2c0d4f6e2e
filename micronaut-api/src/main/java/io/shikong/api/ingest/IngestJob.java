package io.shikong.api.ingest;

import io.shikong.ingest.IngestProgress;
import io.shikong.ingest.IngestReport;
import java.time.Instant;

/**
 * One load run by {@link IngestJobs}: what was asked, where it stands (state, phase, records and bytes
 * done) and, once finished, its report. Written by the job's thread, read by any.
 */
public final class IngestJob {

    /** Where a job stands. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED;

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final String layer;
    private final String file;
    private final String owner;
    private final IngestParameters parameters;
    private final Instant created;
    private volatile State state = State.QUEUED;
    private volatile IngestProgress.Phase phase;
    private volatile long records;
    private volatile long bytes;
    private volatile long totalBytes = -1;
    private volatile IngestReport report;
    private volatile String error;
    private volatile Instant started;
    private volatile Instant finished;

    IngestJob(String id, String file, String owner, IngestParameters parameters, Instant created) {
        this.id = id;
        this.layer = parameters.layer();
        this.file = file;
        this.owner = owner;
        this.parameters = parameters;
        this.created = created;
    }

    void progress(IngestProgress.Phase p, long r, long b, long total) {
        phase = p;
        records = r;
        bytes = b;
        totalBytes = total;
    }

    void started(Instant at) {
        started = at;
        state = State.RUNNING;
    }

    void finished(IngestReport r, String failure, Instant at) {
        report = r;
        error = failure;
        finished = at;
        state = r != null && (r.status() == IngestReport.Status.LOADED || r.status() == IngestReport.Status.DRY_RUN)
                ? State.DONE : State.FAILED;
    }

    public String id() {
        return id;
    }

    public String layer() {
        return layer;
    }

    /** The source file's name (an upload's name as sent, or the path under the import directory). */
    public String file() {
        return file;
    }

    /** Who asked for the job. */
    public String owner() {
        return owner;
    }

    public IngestParameters parameters() {
        return parameters;
    }

    public Instant created() {
        return created;
    }

    public State state() {
        return state;
    }

    /** The pass under way ({@code null} before the first progress). */
    public IngestProgress.Phase phase() {
        return phase;
    }

    /** Records done in the current pass. */
    public long records() {
        return records;
    }

    /** Bytes of the source read (validation pass) or features loaded (load pass). */
    public long bytes() {
        return bytes;
    }

    /** Size of the source (validation) or features to load (load); -1 when unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The report of a finished job; {@code null} before, and when the job failed outside the pipeline. */
    public IngestReport report() {
        return report;
    }

    /** Why a job failed, when it did. */
    public String error() {
        return error != null ? error : report == null ? null : report.reason();
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished;
    }
}
