package io.shikong.ingest.read;

import java.util.Iterator;
import java.util.Optional;

/**
 * A streaming reader of one source file: records one at a time, never the whole file in memory.
 *
 * <p>{@link #next()} and {@link #hasNext()} throw {@link SourceReadException} when the file cannot be
 * read on (truncated, malformed, wrong encoding); the message says where. {@link #crs()} is known once
 * the reader is open (for legacy GeoJSON with a {@code crs} member after the features, only once they are
 * read; such a member is refused).
 */
public interface SourceReader extends Iterator<SourceRecord>, AutoCloseable {

    /** The file's format. */
    SourceFormat format();

    /** The file name, for reports. */
    String source();

    /**
     * The CRS the file declares, as an identifier {@code CrsService.resolve} understands
     * ({@code EPSG:4490}, {@code CRS84}), or empty when the file declares none. GeoJSON without a
     * {@code crs} member is CRS84 by its specification.
     *
     * @throws SourceReadException when the file declares a CRS that cannot be identified
     */
    Optional<String> crs();

    /** Bytes of the file read so far (approximate for formats read through a library). */
    long bytesRead();

    /** Size of the file in bytes, or -1 when unknown. */
    long totalBytes();

    @Override
    void close();
}
