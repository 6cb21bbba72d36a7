package dev.xent.spark;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM (local[2]), created on first use and stopped at exit. */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    private static final class Holder {
        static final SparkSession SPARK = SparkSession.builder()
                .master("local[2]")
                .appName("xent-spark-tests")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }

    public static SparkSession spark() {
        return Holder.SPARK;
    }

    /** The messages of an exception and its causes, joined (Spark wraps task failures). */
    public static String messages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getMessage()).append(" | ");
        }
        return out.toString();
    }
}
