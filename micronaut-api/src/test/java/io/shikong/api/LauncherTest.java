package io.shikong.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/shikong, the launcher of {@code make run} and the benchmarks: the server gets the options of bin/jvm.options,
 * then JAVA_OPTS (a collector named there replaces the file's), the commands JAVA_OPTS alone; and it starts the
 * server. The argument checks run it with a stand-in java that writes down its arguments.
 */
class LauncherTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin/shikong");

    @TempDir
    Path dir;

    /** The options of bin/jvm.options as the launcher reads them: one a line, # comments and blank lines skipped. */
    static List<String> fileOptions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("bin/jvm.options"))) {
            String o = line.replaceFirst("#.*", "").strip();
            if (!o.isEmpty()) {
                out.add(o);
            }
        }
        return out;
    }

    record Run(int status, List<String> args, String output) {
    }

    /** bin/shikong with a stand-in java (every argument a line of the file it writes), `env` added. */
    Run launch(Map<String, String> env, String... args) throws Exception {
        Path stub = dir.resolve("java");
        Path seen = dir.resolve("args");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + seen + "'\n");
        assertThat(stub.toFile().setExecutable(true)).isTrue();
        Files.deleteIfExists(seen);
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("SHIKONG_JVM_OPTIONS");
        pb.environment().remove("SHIKONG_CLASSPATH");
        pb.environment().remove("SHIKONG_JAR");
        pb.environment().put("JAVA", stub.toString());
        pb.environment().put("SHIKONG_CLASSPATH", "/nowhere/classes");  // never builds the jar
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> got = Files.exists(seen) ? Files.readAllLines(seen) : List.of();
        return new Run(p.exitValue(), got, out);
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    @Test
    void theOptionsFileNamesOneCollector() throws IOException {
        assertThat(fileOptions()).filteredOn(o -> o.matches("-XX:\\+Use\\w*GC")).hasSize(1);
    }

    @Test
    void theServerGetsTheFileThenJavaOpts() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-Xmx512m -Dx=1"), "--micronaut.server.port=1");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.args()).isEqualTo(concat(fileOptions(), "-Xmx512m", "-Dx=1", "-cp", "/nowhere/classes",
                "io.shikong.api.Application", "--micronaut.server.port=1"));
    }

    @Test
    void aCollectorInJavaOptsReplacesTheFilesOne() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC"));
        assertThat(run.status()).as(run.output()).isZero();
        List<String> rest = fileOptions().stream().filter(o -> !o.matches("-XX:\\+Use\\w*GC")).toList();
        assertThat(run.args()).isEqualTo(concat(rest, "-XX:+UseG1GC", "-cp", "/nowhere/classes", "io.shikong.api.Application"));
    }

    @Test
    void theCommandsGetJavaOptsAlone() throws Exception {
        for (String command : List.of("ingest", "export", "tiles", "hash-password")) {
            Run run = launch(Map.of("JAVA_OPTS", "-Xmx256m"), command, "--help");
            assertThat(run.status()).as(run.output()).isZero();
            assertThat(run.args()).isEqualTo(List.of("-Xmx256m", "-cp", "/nowhere/classes", "io.shikong.api.Application",
                    command, "--help"));
        }
    }

    @Test
    void anotherOptionsFileOrNone() throws Exception {
        Path file = dir.resolve("jvm.options");
        Files.writeString(file, "# mine\n-XX:+UseSerialGC   # the small one\n\n  -Xss1m\n-Dno.newline=1");
        assertThat(launch(Map.of("SHIKONG_JVM_OPTIONS", file.toString())).args())
                .isEqualTo(List.of("-XX:+UseSerialGC", "-Xss1m", "-Dno.newline=1", "-cp", "/nowhere/classes",
                        "io.shikong.api.Application"));
        assertThat(launch(Map.of("SHIKONG_JVM_OPTIONS", "")).args())
                .isEqualTo(List.of("-cp", "/nowhere/classes", "io.shikong.api.Application"));
        Run missing = launch(Map.of("SHIKONG_JVM_OPTIONS", dir.resolve("nowhere").toString()));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("SHIKONG_JVM_OPTIONS");
        assertThat(missing.args()).isEmpty();
    }

    @Test
    void anotherJar() throws Exception {
        Path jar = dir.resolve("other.jar");
        Run run = launch(Map.of("SHIKONG_CLASSPATH", "", "SHIKONG_JAR", jar.toString()), "--x");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.args()).isEqualTo(concat(fileOptions(), "-jar", jar.toString(), "--x"));
    }

    /** The real thing: the server starts through the launcher on the embedded store, the JVM with both kinds of options. */
    @Test
    void itStartsTheServerWithTheOptions() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().remove("JAVA");
        pb.environment().remove("SHIKONG_JVM_OPTIONS");
        pb.environment().putAll(Map.of(
                "JAVA_OPTS", "-Xmx256m -Dshikong.launcher.check=yes",
                "SHIKONG_CLASSPATH", System.getProperty("java.class.path"),
                "SHIKONG_PORT", String.valueOf(port),
                "SHIKONG_STORE", "embedded",
                "SHIKONG_DATA_FILE", dir.resolve("data").toString(),
                "SHIKONG_SAMPLES", "false",
                "SHIKONG_TILES_CACHE_DIR", dir.resolve("tiles").toString()));
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            int status = 0;
            for (int i = 0; i < 240 && status != 200 && p.isAlive(); i++) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    Thread.sleep(500);
                }
            }
            assertThat(status).as(Files.readString(dir.resolve("server.log"))).isEqualTo(200);
            // the launcher execs java: the process started is the JVM, its command line both kinds of options
            List<String> cmdline = List.of(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).split("\0"));
            assertThat(cmdline).containsSubsequence(concat(fileOptions(), "-Xmx256m", "-Dshikong.launcher.check=yes"));
            assertThat(cmdline).contains("io.shikong.api.Application");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
