package io.shikong.ingest;

/** Progress of an ingestion, for a progress bar; called from the ingesting thread every few hundred records. */
@FunctionalInterface
public interface IngestProgress {

    /** The two passes of a load. */
    enum Phase {
        /** Reading and validating the source into the spool. */
        VALIDATE,
        /** Handing the validated features to the store. */
        LOAD
    }

    /**
     * @param phase      the pass
     * @param records    records done in this pass
     * @param bytes      bytes of the source read (VALIDATE) or records done (LOAD)
     * @param totalBytes size of the source in bytes (VALIDATE) or records to load (LOAD); -1 when unknown
     */
    void update(Phase phase, long records, long bytes, long totalBytes);

    /** Ignores progress. */
    IngestProgress NONE = (phase, records, bytes, total) -> { };
}
