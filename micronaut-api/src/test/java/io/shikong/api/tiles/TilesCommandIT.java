package io.shikong.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line of the tile jobs in a process of its own, as {@code java -jar … tiles seed …} runs it
 * (the application's main class on the test classpath): a seed job fills the cache and exits 0, bad usage
 * and refused jobs exit 2.
 */
class TilesCommandIT {

    record Run(int exit, String output) {
    }

    static Run tiles(Path data, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dshikong.store.file=" + data, "-Dshikong.tiles.cache-dir=" + cache, "-Dshikong.samples.load=true",
                "io.shikong.api.Application", "tiles"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void seedFillsTheCacheAndTruncateEmptiesIt() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tiles-it")), "cli");
        Path data = work.resolve("db").resolve("shikong");
        Path cache = work.resolve("cache");
        Run seed = tiles(data, cache, "seed", "--layers", "buildings", "--tms", "WebMercatorQuad", "--zoom", "12-13",
                "--bbox", "123.35,41.75,123.45,41.85", "--format", "png");
        assertThat(seed.exit()).as(seed.output()).isZero();
        assertThat(seed.output()).contains("done ");
        assertThat(pngs(cache)).isNotEmpty();
        assertThat(pngs(cache)).allSatisfy(p -> assertThat(p.toString()).contains(File.separator + "WebMercatorQuad" + File.separator));
        try (Stream<Path> jobs = Files.list(cache.resolve("jobs"))) {
            assertThat(jobs.map(j -> {
                try {
                    return Files.readString(j);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).anySatisfy(j -> assertThat(j).contains("\"state\" : \"done\""));
        }

        Run truncate = tiles(data, cache, "truncate", "--layers", "buildings", "--tms", "WebMercatorQuad", "--zoom", "12-13");
        assertThat(truncate.exit()).as(truncate.output()).isZero();
        assertThat(pngs(cache)).isEmpty();
    }

    @Test
    void badUsageAndRefusedJobsExitWithTwo() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tiles-it")), "cli");
        Path data = work.resolve("db").resolve("shikong");
        Path cache = work.resolve("cache");
        Run missing = tiles(data, cache, "seed", "--layers", "buildings", "--zoom", "3");
        assertThat(missing.exit()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("--tms");
        Run none = tiles(data, cache);
        assertThat(none.exit()).as(none.output()).isEqualTo(2);
        Run layer = tiles(data, cache, "seed", "--layers", "nosuchlayer", "--tms", "WebMercatorQuad", "--zoom", "3");
        assertThat(layer.exit()).as(layer.output()).isEqualTo(2);
        assertThat(layer.output()).contains("nosuchlayer");
        Run zoom = tiles(data, cache, "seed", "--layers", "buildings", "--tms", "c", "--zoom", "0-3");
        assertThat(zoom.exit()).as(zoom.output()).isEqualTo(2);
    }

    static List<Path> pngs(Path cache) throws Exception {
        if (!Files.isDirectory(cache.resolve("tiles"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache.resolve("tiles"))) {
            return s.filter(p -> p.toString().endsWith(".png")).toList();
        }
    }
}
