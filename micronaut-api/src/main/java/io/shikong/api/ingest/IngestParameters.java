package io.shikong.api.ingest;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.params.Params;
import io.shikong.ingest.AttributeMapping;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.read.ReadOptions;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The parameters of one load, as the command line ({@code shikong ingest}) and the REST jobs take them,
 * checked and turned into {@link IngestOptions}.
 *
 * @param layer       the target layer
 * @param crs         the source CRS declared ({@code --crs}); {@code null} = the file's
 * @param key         the source field holding the feature ids ({@code --key}); {@code null} = the layer's id attribute
 * @param snapshot    the file is the whole layer: current features absent from it are closed
 * @param dryRun      validate and count, write nothing
 * @param validFrom   ISO-8601 instant or date the loaded versions are valid from; {@code null} = now
 * @param encoding    text encoding of CSV and DBF ({@code UTF-8}, {@code GBK}); {@code null} = detected
 * @param repair      repair invalid geometries instead of rejecting them
 * @param maxRejects  rejects tolerated (left out and reported); one more stops the load
 */
public record IngestParameters(String layer, String crs, String key, boolean snapshot, boolean dryRun,
                               String validFrom, String encoding, boolean repair, long maxRejects) {

    /**
     * The pipeline's options.
     *
     * @param mapping     a mapping file, or {@code null} to match names
     * @param reportLimit rejects kept in the report
     * @param spool       where validated features wait; {@code null} = the temp folder
     * @throws InvalidParameterException naming the parameter that is wrong
     */
    public IngestOptions options(Path mapping, int reportLimit, Path spool) throws IOException {
        if (layer == null || layer.isBlank()) {
            throw new MissingParameterException("layer");
        }
        if (maxRejects < 0) {
            throw new InvalidParameterException("maxRejects", "拒绝上限不能为负 / maxRejects must not be negative");
        }
        Instant from = validFrom == null || validFrom.isBlank() ? null : Params.instant(validFrom.strip(), "validFrom");
        ReadOptions read = ReadOptions.DEFAULTS;
        if (encoding != null && !encoding.isBlank()) {
            try {
                read = read.withCharset(Charset.forName(encoding.strip()));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new InvalidParameterException("encoding", "未知的编码 unknown encoding '" + encoding
                        + "' (UTF-8, GBK, GB18030 …)");
            }
        }
        return IngestOptions.builder().read(read).mapping(mapping == null ? null : AttributeMapping.read(mapping))
                .crs(crs == null || crs.isBlank() ? null : crs.strip()).key(key == null || key.isBlank() ? null : key.strip())
                .repair(repair).maxRejects(maxRejects).snapshot(snapshot).validFrom(from).dryRun(dryRun)
                .reportLimit(reportLimit).spoolDirectory(spool).build();
    }
}
