package dev.xent.bench;

import dev.xent.xgboost.XentObjective;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XGBoost training of {@value #ROUNDS} rounds from scratch (depth 3, eta 0.3, one thread, hist) with the
 * built-in {@code binary:logistic} against xent's custom objectives: each custom round also predicts
 * the margins, copies them to Java, computes gradient and Hessian in double precision and copies them
 * back (JNI both ways). Divide by {@value #ROUNDS} for the time per round; every operation trains the
 * same rounds, so the objectives are compared on the same model sizes. The data is synthetic:
 * {@code rows} x 30 standard normal features, labels drawn from a logistic model. Run with
 * {@code OMP_WAIT_POLICY=PASSIVE} (inherited by the forked JVM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XGBoostRoundBenchmark {
    static final int FEATURES = 30;
    static final int ROUNDS = 20;

    @Param({"1000", "100000"})
    public int rows;

    /** {@code builtin} (binary:logistic), or the xent loss used as the objective. */
    @Param({"builtin", "binary_cross_entropy", "binary_focal_cross_entropy"})
    public String objective;

    private DMatrix data;
    private Map<String, Object> parameters;
    private IObjective custom;

    @Setup(Level.Trial)
    public void setUp() throws XGBoostError {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double score = 0;
            for (int c = 0; c < FEATURES; c++) {
                double v = gaussian(random);
                x[r * FEATURES + c] = (float) v;
                score += (c % 3 == 0 ? 1.0 : -0.5) * v / Math.sqrt(FEATURES);
            }
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-2 * score)) ? 1 : 0;
        }
        data = new DMatrix(x, rows, FEATURES, Float.NaN);
        data.setLabel(y);
        parameters = new HashMap<>(Map.of("max_depth", 3, "eta", 0.3, "nthread", 1,
                "verbosity", 0, "seed", 0));
        if (objective.equals("builtin")) {
            parameters.put("objective", "binary:logistic");
        } else {
            parameters.put("base_score", XentObjective.logisticBaseScore(data));
            custom = XentObjective.of(objective, Map.of());
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.dispose();
    }

    @Benchmark
    public int train() throws XGBoostError {
        Booster booster = XGBoost.train(data, parameters, ROUNDS, Map.of(), custom, null);
        int rounds = booster.getNumBoostedRound();
        booster.dispose();
        return rounds;
    }
}
