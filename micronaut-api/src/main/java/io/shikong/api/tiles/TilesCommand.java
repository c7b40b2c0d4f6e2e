package io.shikong.api.tiles;

import io.micronaut.context.ApplicationContext;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.tiles.seed.SeedJob;
import io.shikong.tiles.seed.SeedJobs;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of the tile jobs: {@code java -jar micronaut-api-…-all.jar tiles seed|truncate --layers
 * buildings --tms WebMercatorQuad --zoom 10-14 [--bbox 123.2,41.6,123.7,42.0] [--format png] [--style s]}.
 * It starts the beans without the HTTP server, with the server's configuration ({@code application.yml},
 * the {@code SHIKONG_*} variables, {@code -D} properties), queues the job with the same
 * {@link SeedJobs} the REST API uses (so it is kept in the cache's {@code jobs} directory and an
 * interrupted run is resumed by the next start of the server or of this command) and follows it with a
 * progress bar. Exit status: 0 done, 1 failed or cancelled, 2 bad usage or a refused job.
 */
@Command(name = "tiles", mixinStandardHelpOptions = true,
        description = "瓦片缓存任务 / tile cache jobs: seed (fill) or truncate (empty) by layers, matrix set, zoom range and area",
        subcommands = {TilesCommand.Seed.class, TilesCommand.Truncate.class})
public final class TilesCommand implements Callable<Integer> {

    /** Exit status of a job done. */
    public static final int OK = 0;
    /** Exit status of a job failed or cancelled. */
    public static final int FAILED = 1;
    /** Exit status of bad usage or a job refused before it ran. */
    public static final int USAGE = 2;

    private static final Caller CLI = Caller.of("tiles-cli", Caller.ADMIN);

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return USAGE;
    }

    /** Runs the command line (the arguments after {@code tiles}); returns the exit status. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new TilesCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
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

    /** Options of both jobs. */
    abstract static class JobOptions implements Callable<Integer> {

        @Option(names = "--layers", required = true, split = ",", description = "layer names, comma-separated (one tile of all of them)")
        List<String> layers;

        @Option(names = {"--tms", "--tile-matrix-set"}, required = true,
                description = "tile matrix set: WebMercatorQuad, WorldCRS84Quad, CGCS2000Quad (c), WebMercatorQuadGCJ02")
        String matrixSet;

        @Option(names = "--zoom", required = true, description = "zoom or zoom range, e.g. 14 or 10-14")
        String zoom;

        @Option(names = "--bbox", description = "west,south,east,north in degrees (CRS84 on CGCS2000); default: the layers' extent")
        String bbox;

        @Option(names = "--style", description = "style of raster tiles (default: each layer's)")
        String style;

        abstract SeedJob.Kind kind();

        String format() {
            return null;
        }

        @Override
        public Integer call() {
            int[] zooms = zooms(zoom);
            List<Double> area = bbox == null ? null : Arrays.stream(bbox.split(",")).map(v -> parse(v, "--bbox")).toList();
            if (area != null && area.size() != 4) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--bbox needs west,south,east,north");
            }
            SeedJobs.Spec spec = TileJobsController.spec(new TileJobsController.TileJobRequest(kind().label(), layers, style,
                    matrixSet, zooms[0], zooms[1], area, format()));
            try (ApplicationContext ctx = ApplicationContext.run()) {
                Optional<SeedJobs> found = ctx.findBean(SeedJobs.class);
                if (found.isEmpty()) {
                    System.err.println("未配置瓦片缓存 / no tile cache is configured: set shikong.tiles.cache-dir (SHIKONG_TILES_CACHE_DIR)");
                    return FAILED;
                }
                return follow(found.get(), found.get().submit(spec, CLI));
            }
        }

        private static int follow(SeedJobs jobs, SeedJob job) {
            String task = job.kind().label() + " " + String.join(",", job.layers()) + " " + job.matrixSet() + " "
                    + job.minZoom() + "-" + job.maxZoom();
            SeedJob now = job;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(job.total())
                    .setStyle(ProgressBarStyle.ASCII).setUnit(job.kind() == SeedJob.Kind.SEED ? " tiles" : " zooms", 1)
                    .setUpdateIntervalMillis(250).continuousUpdate().build()) {
                while (!now.state().finished()) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        System.err.println("interrupted; the job resumes at the next start: " + now.id());
                        return FAILED;
                    }
                    now = jobs.get(job.id());
                    bar.stepTo(now.done());
                }
                bar.stepTo(now.done());
            }
            switch (now.state()) {
                case DONE -> {
                    System.out.println("done " + now.id() + ": " + now.done() + "/" + now.total());
                    return OK;
                }
                case FAILED -> System.err.println("failed " + now.id() + ": " + now.error());
                default -> System.err.println(now.state().label() + " " + now.id());
            }
            return FAILED;
        }
    }

    /** {@code tiles seed}: draws or encodes the tiles into the cache. */
    @Command(name = "seed", mixinStandardHelpOptions = true, description = "预生成瓦片 / fill the cache with the tiles")
    static final class Seed extends JobOptions {

        @Option(names = "--format", defaultValue = "mvt", description = "mvt (default), png, png8 or jpg")
        String format;

        @Override
        SeedJob.Kind kind() {
            return SeedJob.Kind.SEED;
        }

        @Override
        String format() {
            return format;
        }
    }

    /** {@code tiles truncate}: drops the cached tiles. */
    @Command(name = "truncate", mixinStandardHelpOptions = true, description = "清除缓存瓦片 / drop the cached tiles")
    static final class Truncate extends JobOptions {

        @Override
        SeedJob.Kind kind() {
            return SeedJob.Kind.TRUNCATE;
        }
    }

    /** {@code 14} or {@code 10-14}. */
    static int[] zooms(String value) {
        String[] p = value.trim().split("-", -1);
        if (p.length > 2) {
            throw new CommandLine.ParameterException(new CommandLine(new TilesCommand()), "--zoom: a zoom or a range like 10-14, not " + value);
        }
        int from = (int) (double) parse(p[0], "--zoom");
        int to = p.length == 2 ? (int) (double) parse(p[1], "--zoom") : from;
        return new int[] {from, to};
    }

    private static Double parse(String v, String option) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(new TilesCommand()), option + ": not a number: '" + v + "'");
        }
    }
}
