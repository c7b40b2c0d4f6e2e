package io.shikong.api.ingest;

import io.micronaut.context.ApplicationContext;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.store.FeatureStore;
import io.shikong.ingest.Ingest;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.IngestProgress;
import io.shikong.ingest.IngestReport;
import io.shikong.ingest.Reject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shikong ingest FILE --layer L [--crs C] [--key F] [--snapshot] [--dry-run] [--valid-from T]
 * [--encoding E] [--mapping M] [--repair] [--max-rejects N] [--reject-report R]}: validates a file
 * (GeoJSON, GeoJSON Lines, CSV, GeoPackage, FlatGeobuf, Shapefile, zipped or not) against a layer and
 * loads it by feature key into the store the server's configuration names, all or nothing, with a
 * progress bar (bytes read, then features loaded), a summary of the counts and the first rejects.
 * It loads as a system caller with the {@code admin} role ({@link CommandContext#CLI}).
 *
 * <p>Exit status: {@value #OK} loaded (or dry run); {@value #FAILED} the load was refused or failed,
 * nothing written (unreadable file, unknown CRS, a refusal by the store such as a backdated change);
 * {@value #USAGE} bad usage (options, unknown layer, missing file); {@value #REJECTS} more rejects than
 * {@code --max-rejects} (or any in a snapshot), nothing written; {@value #UNAVAILABLE} the store cannot be
 * opened (the embedded file held by a running server, PostGIS unreachable).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "载入数据文件到图层 / load a file into a layer by feature key (new → inserted, changed → new "
                + "version, unchanged → nothing, absent → closed with --snapshot), all or nothing",
        exitCodeListHeading = "%n退出码 Exit status:%n",
        exitCodeList = {"0:载入完成（或试运行） loaded (or dry run)", "1:载入被拒或失败，未写入 load refused or failed, nothing written",
            "2:用法错误 bad usage", "3:拒绝数超过上限，未写入 rejects over the limit, nothing written",
            "4:存储不可用或被占用 store unavailable or held by the server"})
public final class IngestCommand implements Callable<Integer> {

    /** Loaded, or a dry run. */
    public static final int OK = 0;
    /** The load was refused or failed; nothing written. */
    public static final int FAILED = 1;
    /** Bad usage. */
    public static final int USAGE = 2;
    /** More rejects than allowed; nothing written. */
    public static final int REJECTS = 3;
    /** The store cannot be opened or is held by the server. */
    public static final int UNAVAILABLE = 4;

    private static final int REPORT_FILE_LIMIT = 1_000_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "the file: .geojson .geojsonl .csv .gpkg .fgb .shp .zip")
    Path file;

    @Option(names = "--layer", required = true, description = "target layer")
    String layer;

    @Option(names = "--crs", description = "source CRS (EPSG:4326, EPSG:4490, GCJ-02, BD-09 …); default: the file's")
    String crs;

    @Option(names = "--key", description = "source field holding each feature's stable id; default: the layer's id attribute")
    String key;

    @Option(names = "--snapshot", description = "the file is the whole layer: features absent from it are closed")
    boolean snapshot;

    @Option(names = "--dry-run", description = "validate and print what would change; write nothing")
    boolean dryRun;

    @Option(names = "--valid-from", description = "ISO 8601 instant or date the versions are valid from; default: now")
    String validFrom;

    @Option(names = "--encoding", description = "encoding of CSV and DBF files (UTF-8, GBK); default: detected")
    String encoding;

    @Option(names = "--mapping", description = "YAML/JSON file mapping source fields to layer attributes")
    Path mapping;

    @Option(names = "--repair", description = "repair invalid geometries instead of rejecting them")
    boolean repair;

    @Option(names = "--max-rejects", defaultValue = "0", description = "rejects tolerated (left out); one more stops the load (default 0)")
    long maxRejects;

    @Option(names = "--reject-report", description = "write every reject (file, location, field, reason) to this CSV file")
    Path rejectReport;

    @Option(names = "--show-rejects", defaultValue = "20", description = "rejects printed (default 20)")
    int showRejects;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /** Runs the command line (the arguments after {@code ingest}); returns the exit status. */
    public static int run(String... args) {
        return execute(new CommandLine(new IngestCommand()), args);
    }

    /** Runs a command with the exit codes of {@code ingest} and {@code export}. */
    static int execute(CommandLine cl, String... args) {
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CommandContext.StoreUnavailable) {
                line.getErr().println(e.getMessage());
                return UNAVAILABLE;
            }
            line.getErr().println(e.getMessage() == null ? e.toString() : e.getMessage());
            return e instanceof ShikongException s && s.status() < 500 ? USAGE : FAILED;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            System.err.println("文件不存在或不可读 / no such file or not readable: " + file);
            return USAGE;
        }
        if (mapping != null && !Files.isReadable(mapping)) {
            System.err.println("映射文件不存在 / no such mapping file: " + mapping);
            return USAGE;
        }
        IngestOptions options = new IngestParameters(layer, crs, key, snapshot, dryRun, validFrom, encoding, repair,
                maxRejects).options(mapping, rejectReport == null ? Math.max(showRejects, 0) : REPORT_FILE_LIMIT, null);
        long t0 = System.nanoTime();
        try (ApplicationContext ctx = CommandContext.start()) {
            long t1 = System.nanoTime();
            LayerDefinition def = ctx.getBean(LayerCatalog.class).layer(layer, CommandContext.CLI);
            Ingest ingest = new Ingest(ctx.getBean(CrsService.class),
                    io.shikong.ingest.Loader.of(ctx.getBean(FeatureStore.class), CommandContext.CLI));
            IngestReport report;
            Bars bars = new Bars(file.getFileName().toString(), layer, noProgress);
            try (bars) {
                report = ingest.run(file, def, options, bars);
            }
            print(report, System.out);
            long t3 = System.nanoTime();
            long t2 = bars.loadStarted == 0 ? t3 : bars.loadStarted;
            System.out.printf(java.util.Locale.ROOT, "用时 time: 启动 start %.1f s, 校验 validate %.1f s, 载入 load %.1f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
            if (rejectReport != null) {
                writeRejects(report, rejectReport);
                System.out.println("拒绝报告 reject report: " + rejectReport + " (" + report.rejects().size() + ")");
            }
            return exitCode(report);
        }
    }

    /** The exit status of a report. */
    static int exitCode(IngestReport report) {
        return switch (report.status()) {
            case LOADED, DRY_RUN -> OK;
            case STOPPED -> REJECTS;
            case FAILED -> FAILED;
        };
    }

    private void print(IngestReport r, PrintStream out) {
        String summary = r.summary();
        // the summary lists every reject kept; print the first --show-rejects of them
        String[] lines = summary.split("\n");
        int shown = 0;
        for (String line : lines) {
            if (line.startsWith("  ") && !line.startsWith("  ...")) {
                if (shown++ >= showRejects) {
                    continue;
                }
            } else if (line.startsWith("  ...")) {
                continue;
            }
            out.println(line);
        }
        if (r.rejected() > Math.min(showRejects, r.rejects().size())) {
            out.println("  ... " + (r.rejected() - Math.min(showRejects, r.rejects().size()))
                    + " 条未列出 more not listed" + (rejectReport == null ? " (--reject-report FILE)" : ""));
        }
        if (!r.unmappedFields().isEmpty()) {
            out.println("未映射的字段 unmapped source fields: " + String.join(", ", r.unmappedFields()));
        }
    }

    /** Writes the rejects as UTF-8 CSV (with a byte-order mark, for spreadsheets): file, location, field, reason. */
    static void writeRejects(IngestReport report, Path target) throws IOException {
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                    .setHeader("file", "location", "field", "reason").build())) {
                for (Reject r : report.rejects()) {
                    csv.printRecord(r.file(), r.location(), r.field(), r.reason());
                }
            }
        }
    }

    /** The progress bars: bytes of the file while validating, then features while loading. */
    private static final class Bars implements IngestProgress, AutoCloseable {
        private final String file;
        private final String layer;
        private final boolean off;
        private ProgressBar validate;
        private ProgressBar load;
        /** When the load pass began ({@link System#nanoTime()}), 0 before. */
        volatile long loadStarted;

        Bars(String file, String layer, boolean off) {
            this.file = file;
            this.layer = layer;
            this.off = off;
        }

        @Override
        public synchronized void update(Phase phase, long records, long bytes, long total) {
            if (phase == Phase.VALIDATE) {
                if (off) {
                    return;
                }
                if (validate == null) {
                    validate = bar("校验 validate " + file, total, " MiB", 1 << 20);
                }
                validate.stepTo(bytes);
                validate.setExtraMessage(records + " records");
                return;
            }
            if (loadStarted == 0) {
                loadStarted = System.nanoTime();
                if (validate != null) {
                    validate.close();
                    validate = null;
                }
                // a plain line as well, for logs and scripts following the load
                System.err.println("载入 loading " + total + " features into " + layer);
                System.err.flush();
                if (!off && load == null) {
                    load = bar("载入 load " + layer, total, " features", 1);
                }
            }
            if (load != null) {
                load.stepTo(records);
            }
        }

        private static ProgressBar bar(String task, long total, String unit, long unitSize) {
            return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0))
                    .setStyle(ProgressBarStyle.ASCII).setUnit(unit, unitSize).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
        }

        @Override
        public synchronized void close() {
            if (validate != null) {
                validate.close();
            }
            if (load != null) {
                load.close();
            }
        }
    }
}
