package dev.xent.spark.bench;

import dev.xent.spark.LossAggregates;
import dev.xent.spark.LossSpec;
import dev.xent.spark.train.LinearModel;
import dev.xent.spark.train.LinearTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of xent's loss aggregates (the aggregate column and {@code LossAggregates.evaluate}) against
 * MLlib's evaluator and a SQL expression, and time per
 * training iteration against MLlib's LogisticRegression, on local[2] over cached rows. Not a unit
 * test (run by hand, see BENCHMARKS.md): each measurement runs {@code repeats} times after one
 * warm-up run and prints every time and the median.
 * <pre>  java [Spark's JVM options] -cp ... dev.xent.spark.bench.SparkBenchmark ROWS CLASS_ROWS TRAIN_ROWS REPEATS</pre>
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        long classRows = Long.parseLong(args[1]);
        long trainRows = Long.parseLong(args[2]);
        int repeats = Integer.parseInt(args[3]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("xent-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");

        if (rows > 0) {
            binaryAggregates(spark, rows, repeats);
        }
        classesAndTraining(spark, classRows, trainRows, repeats);
        spark.stop();
    }

    private static void binaryAggregates(SparkSession spark, long rows, int repeats) {
        Dataset<Row> binary = spark.range(0, rows, 1, 2).selectExpr(
                        "1 / (1 + exp(-3 * randn(7))) AS p", "CAST(rand(8) < 0.5 AS DOUBLE) AS y", "0.5 + rand(9) AS w")
                .withColumn("pv", functions.array_to_vector(org.apache.spark.sql.functions.array(
                        org.apache.spark.sql.functions.expr("1 - p"), org.apache.spark.sql.functions.col("p"))))
                .cache();
        System.out.println("rows " + binary.count());
        LossSpec bce = LossSpec.of("bce");
        Column xentBce = LossAggregates.column(bce, "p", "y", "w");
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setMetricName("logLoss")
                .setProbabilityCol("pv").setLabelCol("y").setPredictionCol("y").setWeightCol("w");
        interleaved(repeats, rows, Map.of(
                "xent bce aggregate (weighted), " + rows + " rows", () -> binary.agg(xentBce).first().getDouble(0),
                "xent bce evaluate (weighted), " + rows + " rows",
                () -> LossAggregates.evaluate(binary, bce, "p", "y", "w").getValue(),
                "MLlib evaluator logLoss (weightCol), " + rows + " rows", () -> evaluator.evaluate(binary),
                "SQL -avg(y*ln(p) + (1-y)*ln(1-p)), " + rows + " rows",
                () -> binary.selectExpr("-avg(y * ln(p) + (1 - y) * ln(1 - p))").first().getDouble(0)));
        binary.unpersist();
    }

    /** A deterministic uniform number in [0, 1) of a row id and a position (seeded rand() is not allowed in a lambda). */
    private static String uniform(String id, String position) {
        return "(abs(sin(" + id + " * 12.9898 + " + position + " * 78.233) * 43758.5453) % 1)";
    }

    private static void classesAndTraining(SparkSession spark, long classRows, long trainRows, int repeats) {
        // Plain (code-generated) expressions per class, no higher-order functions: quick to generate.
        String[] e = new String[10];
        String[] p = new String[10];
        for (int c = 0; c < 10; c++) {
            e[c] = "exp(4 * " + uniform("id", Integer.toString(c)) + ") AS e" + c;
            p[c] = "e" + c + " / (" + String.join(" + ", java.util.stream.IntStream.range(0, 10).mapToObj(j -> "e" + j)
                    .toArray(String[]::new)) + ")";
        }
        Dataset<Row> classes = spark.range(0, classRows, 1, 2)
                .selectExpr(java.util.stream.Stream.concat(java.util.stream.Stream.of(e),
                        java.util.stream.Stream.of("CAST(floor(rand(3) * 10) AS DOUBLE) AS k")).toArray(String[]::new))
                .selectExpr("array(" + String.join(", ", p) + ") AS probabilities", "k")
                .withColumn("pv", functions.array_to_vector(org.apache.spark.sql.functions.col("probabilities")))
                .cache();
        System.out.println("class rows " + classes.count() + ", probabilities " + classes.schema().apply("probabilities").dataType());
        LossSpec cce = LossSpec.of("cce", Map.of("epsilon", 1e-15));
        Column xentCce = LossAggregates.column(classes, cce, "pv", "k", null);
        Column xentCceArray = LossAggregates.column(classes, cce, "probabilities", "k", null);
        MulticlassClassificationEvaluator classEvaluator = new MulticlassClassificationEvaluator().setMetricName("logLoss")
                .setProbabilityCol("pv").setLabelCol("k").setPredictionCol("k");
        interleaved(repeats, classRows, Map.of(
                "xent softmax cross-entropy aggregate (Vector), " + classRows + " x 10",
                () -> classes.agg(xentCce).first().getDouble(0),
                "xent softmax cross-entropy aggregate (array), " + classRows + " x 10",
                () -> classes.agg(xentCceArray).first().getDouble(0),
                "xent softmax cross-entropy evaluate (Vector), " + classRows + " x 10",
                () -> LossAggregates.evaluate(classes, cce, "pv", "k", null).getValue(),
                "xent softmax cross-entropy evaluate (array), " + classRows + " x 10",
                () -> LossAggregates.evaluate(classes, cce, "probabilities", "k", null).getValue(),
                "MLlib evaluator logLoss, " + classRows + " x 10", () -> classEvaluator.evaluate(classes)));
        classes.unpersist();
        if (trainRows > 0) {
            training(spark, trainRows, repeats);
        }
    }

    private static void training(SparkSession spark, long trainRows, int repeats) {
        LossSpec bce = LossSpec.of("bce");
        Dataset<Row> training = spark.range(0, trainRows, 1, 2).selectExpr(
                        "transform(sequence(0, 19), c -> 4 * " + uniform("id", "c") + " - 2) AS x")
                .selectExpr("x", "CAST(rand(5) < 1 / (1 + exp(-(x[0] - x[1] + 0.5 * x[2]))) AS DOUBLE) AS label")
                .withColumn("features", functions.array_to_vector(org.apache.spark.sql.functions.col("x")))
                .cache();
        System.out.println("training rows " + training.count());
        int iterations = 10;
        time("xent lbfgs, " + iterations + " iterations, " + trainRows + " x 20, s per iteration", repeats, 0, () -> {
            long t = System.nanoTime();
            LinearModel m = LinearTraining.of(bce).l2(1e-3).maxIterations(iterations).tolerance(0)
                    .fit(training, "features", "label", null, 2);
            return (System.nanoTime() - t) / 1e9 / m.iterations();
        });
        time("MLlib LogisticRegression, " + iterations + " iterations, s per iteration", repeats, 0, () -> {
            long t = System.nanoTime();
            var m = new LogisticRegression().setRegParam(1e-3).setElasticNetParam(0).setStandardization(false)
                    .setMaxIter(iterations).setTol(0).fit(training);
            return (System.nanoTime() - t) / 1e9 / m.summary().totalIterations();
        });
    }

    /**
     * Warms each measurement up once, then runs them in turn {@code repeats} times (so that the
     * shared machine's load falls on all alike); prints each one's times, median and rows/s, and the
     * median of the process's CPU time per run (all threads: less disturbed than elapsed time when
     * other processes share the cores).
     */
    private static void interleaved(int repeats, long rows, Map<String, DoubleSupplier> runs) {
        Map<String, Double> results = new TreeMap<>();
        Map<String, List<Double>> seconds = new TreeMap<>();
        Map<String, List<Double>> cpuSeconds = new TreeMap<>();
        runs.forEach((name, run) -> {
            results.put(name, run.getAsDouble());
            seconds.put(name, new ArrayList<>());
            cpuSeconds.put(name, new ArrayList<>());
        });
        for (int i = 0; i < repeats; i++) {
            runs.forEach((name, run) -> {
                long cpu = processCpuNanos();
                long t = System.nanoTime();
                run.getAsDouble();
                seconds.get(name).add((System.nanoTime() - t) / 1e9);
                cpuSeconds.get(name).add((processCpuNanos() - cpu) / 1e9);
            });
        }
        seconds.forEach((name, times) -> print(name, times, rows, results.get(name)
                + String.format(Locale.ROOT, "  cpu median %.3f s", median(cpuSeconds.get(name)))));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** Runs once to warm up, then {@code repeats} times; prints the times, the median and rows/s. */
    private static void time(String name, int repeats, long rows, DoubleSupplier run) {
        double result = run.getAsDouble();
        List<Double> seconds = new ArrayList<>();
        List<Double> results = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            results.add(run.getAsDouble());
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        print(name, seconds, rows, rows > 0 ? result : results);
    }

    private static void print(String name, List<Double> seconds, long rows, Object result) {
        double median = median(seconds);
        System.out.printf(Locale.ROOT, "%-62s median %.3f s  runs %s  %s  result %s%n", name, median,
                Arrays.toString(seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toArray()),
                rows > 0 ? String.format(Locale.ROOT, "%.2f M rows/s", rows / median / 1e6) : "",
                result);
    }
}
