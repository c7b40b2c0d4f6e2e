package io.shikong.ingest.spark;

import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session of a job with Sedona's types and functions registered. The master comes from
 * {@code spark-submit} or {@code -Dspark.master} ({@code spark.master}); a job started with plain {@code java}
 * runs on {@code local[*]} without the web UI. Session time zone UTC, so timestamps travel to PostgreSQL unchanged.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** The session for {@code appName}, Sedona registered; an existing session is reused. */
    public static SparkSession create(String appName) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SedonaContext.builder().appName(appName)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator");
        if (!conf.contains("spark.master")) {
            // started with plain java: local, and no web UI unless asked for
            builder.master("local[*]");
            if (!conf.contains("spark.ui.enabled")) {
                builder.config("spark.ui.enabled", "false");
            }
        }
        return SedonaContext.create(builder.getOrCreate());
    }

    /** A job's work in its session: the exit status when it ends normally. */
    @FunctionalInterface
    interface Work {
        int run(SparkSession spark) throws Exception;
    }

    /**
     * Runs a job's work in a new session and stops the session whatever happens; gives the work's status,
     * 2 when it refused an argument ({@link IllegalArgumentException}, printed after {@code name}) or 1 when it
     * failed (printed after {@code name} and {@code failed}, with the stack trace).
     */
    static int runJob(String appName, String name, String failed, Work work) {
        SparkSession spark = create(appName);
        try {
            return work.run(spark);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println(name + ": " + failed + ": " + e);
            e.printStackTrace(System.err);
            return 1;
        } finally {
            spark.stop();
        }
    }
}
