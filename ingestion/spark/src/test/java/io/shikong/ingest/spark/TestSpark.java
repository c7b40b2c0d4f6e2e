package io.shikong.ingest.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] Sedona session for every test of the module (Spark allows one context per JVM). */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            System.setProperty("spark.master", "local[2]");
            session = SparkSessions.create("shikong-spark-tests");
            session.conf().set("spark.sql.shuffle.partitions", "4");
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
