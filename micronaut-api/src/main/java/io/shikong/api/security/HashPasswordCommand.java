package io.shikong.api.security;

import io.shikong.core.security.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shikong hash-password [--iterations N]}: reads a password (from the terminal without echo, asked
 * twice; or the first line of standard input when it is not a terminal) and prints its
 * {@link PasswordHash} string for {@code shikong.security.users}. {@code --api-key} makes a new random API
 * key instead and prints the key (give it to the tool) and its hash (for {@code shikong.security.api-keys}).
 * Runs without the server's configuration or store. Exit status 0 printed, 1 failed, 2 bad usage.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, sortOptions = false,
        description = "散列口令 / hash a password (or make an API key) for shikong.security.users / api-keys",
        exitCodeListHeading = "%n退出码 Exit status:%n",
        exitCodeList = {"0:已输出 printed", "1:失败 failed", "2:用法错误 bad usage"})
public final class HashPasswordCommand implements Callable<Integer> {

    /**
     * Iterations of API-key hashes: a key is 256 random bits, which no number of iterations makes harder to
     * guess, while every unknown key presented costs one check per configured key.
     */
    static final int API_KEY_ITERATIONS = PasswordHash.MIN_ITERATIONS;

    @Option(names = "--api-key", description = "make a new random API key and print it with its hash")
    boolean apiKey;

    @Option(names = "--iterations", description = "PBKDF2 iterations (default ${DEFAULT-VALUE} for passwords)")
    int iterations = PasswordHash.DEFAULT_ITERATIONS;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean iterationsGiven = spec.commandLine().getParseResult().hasMatchedOption("--iterations");
        if (iterations < PasswordHash.MIN_ITERATIONS || iterations > PasswordHash.MAX_ITERATIONS) {
            err.println("--iterations must be between " + PasswordHash.MIN_ITERATIONS + " and " + PasswordHash.MAX_ITERATIONS);
            return 2;
        }
        if (apiKey) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            out.println("key:  " + key);
            out.println("hash: " + PasswordHash.hash(key.toCharArray(), iterationsGiven ? iterations : API_KEY_ITERATIONS));
            err.println("shikong.security.api-keys entry: NAME:<hash>:role+role (the key is shown once; keep it secret)");
            out.flush();
            return 0;
        }
        char[] password = read(err);
        if (password == null) {
            return 1;
        }
        try {
            out.println(PasswordHash.hash(password, iterations));
            out.flush();
        } finally {
            Arrays.fill(password, '\0');
        }
        err.println("shikong.security.users entry: NAME:<hash>:role+role");
        return 0;
    }

    private static char[] read(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("口令 Password: ");
            char[] second = console.readPassword("再输一次 Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("the two passwords differ (or none was given)");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
        // not a terminal: the first line of standard input (echo is not ours to turn off)
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            err.println("no password on standard input");
            return null;
        }
        return line.toCharArray();
    }

    /** Runs the command line (the arguments after {@code hash-password}); returns the exit status. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HashPasswordCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(e.getMessage() == null ? e.toString() : e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
