package io.shikong.ingest;

import io.shikong.core.store.LoadResult;
import java.util.List;

/**
 * The outcome of loading one file: counts, the rejects (the first {@code reportLimit} of them; all are
 * counted) and, when nothing was written, why.
 *
 * @param file       the source file name
 * @param layer      the target layer
 * @param status     what happened
 * @param sourceCrs  the CRS the source was read in ({@code EPSG:4490}, {@code CRS84}...); {@code null}
 *                   when the load failed before knowing it
 * @param read       records read
 * @param rejected   records rejected
 * @param counts     what the store did, or would do in a dry run ({@link #NOTHING} unless LOADED or DRY_RUN)
 * @param rejects    the first rejects, in file order
 * @param unmappedFields source fields that fill no attribute (the first 50)
 * @param reason     why nothing was written (STOPPED, FAILED), else {@code null}
 */
public record IngestReport(String file, String layer, Status status, String sourceCrs, long read, long rejected,
                           LoadResult counts, List<Reject> rejects, List<String> unmappedFields, String reason) {

    /** The counts of a load that wrote nothing. */
    public static final LoadResult NOTHING = new LoadResult(0, 0, 0, 0, false);

    public IngestReport {
        rejects = List.copyOf(rejects);
        unmappedFields = List.copyOf(unmappedFields);
    }

    /** What happened to a load. */
    public enum Status {
        /** Written: the valid records are in the layer (rejects, up to the limit, left out). */
        LOADED,
        /** Validated and counted; nothing written, as asked. */
        DRY_RUN,
        /** Too many rejects, or rejects in a snapshot load: nothing written. */
        STOPPED,
        /** The file could not be read, its CRS is unknown, or the store refused the load: nothing written. */
        FAILED
    }

    /**
     * Exit code for scripts: 0 loaded (or dry run) without rejects, 3 loaded with rejects left out,
     * 2 stopped on rejects, 1 failed.
     */
    public int exitCode() {
        return switch (status) {
            case LOADED, DRY_RUN -> rejected == 0 ? 0 : 3;
            case STOPPED -> 2;
            case FAILED -> 1;
        };
    }

    /** A few lines for a terminal, in Chinese and English. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(switch (status) {
            case LOADED -> "已载入 loaded";
            case DRY_RUN -> "试运行，未写入 dry run, nothing written";
            case STOPPED -> "已停止，未写入 stopped, nothing written";
            case FAILED -> "失败，未写入 failed, nothing written";
        }).append(": ").append(file).append(" -> ").append(layer).append('\n');
        s.append("读取 read ").append(read).append(", 拒绝 rejected ").append(rejected)
                .append(", 新增 inserted ").append(counts.inserted()).append(", 变更 changed ").append(counts.changed())
                .append(", 未变 unchanged ").append(counts.unchanged()).append(", 关闭 closed ").append(counts.closed())
                .append('\n');
        if (reason != null) {
            s.append("原因 reason: ").append(reason).append('\n');
        }
        for (Reject r : rejects) {
            s.append("  ").append(r).append('\n');
        }
        if (rejected > rejects.size()) {
            s.append("  ... ").append(rejected - rejects.size()).append(" 条未列出 more not listed\n");
        }
        return s.toString();
    }
}
