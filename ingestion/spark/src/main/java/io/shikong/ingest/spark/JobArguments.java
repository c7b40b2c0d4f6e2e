package io.shikong.ingest.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --flag} arguments of a job, checked against the names the job
 * knows. Errors are {@link IllegalArgumentException}s whose message says what is wrong in Chinese and
 * English; the jobs print them with their usage and exit with status 2.
 */
public final class JobArguments {

    private final Map<String, String> values;

    private JobArguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args}.
     *
     * @param options names that take a value
     * @param flags   names that take none
     * @throws IllegalArgumentException for an unknown name, a missing value or a name given twice
     */
    public static JobArguments parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("多余的参数 unexpected argument: '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (options.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("参数缺少值 --" + name + " needs a value");
                }
                value = args[++i];
            } else {
                value = null;
            }
            if (!options.contains(name) && !flags.contains(name)) {
                throw new IllegalArgumentException("未知参数 unknown option: --" + name);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("参数重复 option given twice: --" + name);
            }
        }
        return new JobArguments(values);
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or {@code fallback} when absent. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code name}; absent is an error naming it. */
    public String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("缺少必需参数 missing required option --" + name);
        }
        return v;
    }

    /** An integer value at least {@code min}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " 应为不小于 " + min + " 的整数 must be an integer >= "
                    + min + ": '" + v + "'");
        }
    }

    /** A flag's value. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false").toLowerCase(Locale.ROOT));
    }
}
