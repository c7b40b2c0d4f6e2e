package io.shikong.api.ingest;

import io.micronaut.context.ApplicationContext;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.Query;
import io.shikong.core.store.FeatureStore;
import io.shikong.ingest.write.ExportFormat;
import io.shikong.ingest.write.Exporter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shikong export --layer L --format gpkg|fgb|geojson|csv --output FILE [--as-of T] [--filter ECQL]
 * [--crs C] [--encoding GBK]}: writes a layer's features (current, or as of an instant; filtered) to a file,
 * with a progress bar. The file appears whole or not at all (written beside it, then moved). Exports as the
 * command line's system caller ({@link CommandContext#CLI}). Exit status as {@link IngestCommand}: 0 written,
 * 1 failed, 2 bad usage, 4 store unavailable.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "导出图层 / export a layer (as of an instant, filtered) to GeoPackage, FlatGeobuf, GeoJSON or CSV",
        exitCodeListHeading = "%n退出码 Exit status:%n",
        exitCodeList = {"0:已导出 written", "1:失败 failed", "2:用法错误 bad usage", "4:存储不可用 store unavailable"})
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--layer", required = true, description = "the layer")
    String layer;

    @Option(names = "--format", required = true, description = "gpkg, fgb, geojson or csv")
    String format;

    @Option(names = {"--output", "-o"}, required = true, description = "the file to write (replaced)")
    Path output;

    @Option(names = "--as-of", description = "ISO 8601 instant or date: the layer as it was then; default: current")
    String asOf;

    @Option(names = "--filter", description = "ECQL filter, geometry literals in CRS84, e.g. \"district = '和平区'\"")
    String filter;

    @Option(names = "--crs", description = "CRS of the file (EPSG:4326, EPSG:3857 …); default: the layer's storage CRS")
    String crs;

    @Option(names = "--encoding", description = "CSV encoding (default UTF-8; GBK for older spreadsheets)")
    Charset encoding;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /** Runs the command line (the arguments after {@code export}); returns the exit status. */
    public static int run(String... args) {
        return IngestCommand.execute(new CommandLine(new ExportCommand()), args);
    }

    @Override
    public Integer call() throws IOException {
        ExportFormat f = LayerExport.format(format);
        try (ApplicationContext ctx = CommandContext.start()) {
            CrsService crsService = ctx.getBean(CrsService.class);
            FeatureStore store = ctx.getBean(FeatureStore.class);
            LayerDefinition def = ctx.getBean(LayerCatalog.class).layer(layer, CommandContext.CLI);
            Crs out = LayerExport.crs(crsService, def, crs);
            Query query = LayerExport.query(crsService, def, CommandContext.CLI, asOf, filter, out);
            long total = store.count(query);
            Path target = output.toAbsolutePath();
            Path partial = target.resolveSibling("." + target.getFileName() + ".partial." + f.extension());
            Files.deleteIfExists(partial);
            long n;
            try (ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName("导出 export " + layer)
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" features", 1)
                    .setUpdateIntervalMillis(250).continuousUpdate().build()) {
                n = Exporter.export(store.read(query), Exporter.open(f, partial, def, out, encoding),
                        done -> {
                            if (bar != null) {
                                bar.stepTo(done);
                            }
                        });
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            System.out.println("已导出 exported " + n + " features of " + layer + " to " + target + " (" + f.extension()
                    + ", " + out.code() + ")");
            return IngestCommand.OK;
        }
    }
}
