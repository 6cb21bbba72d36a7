package dev.xent.bench;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The value of categorical cross-entropy on probabilities with class indices (MLlib's {@code logLoss}
 * case, what the Spark aggregate computes): the value-only kernel ({@code categorical_cross_entropy})
 * against the general class-wise kernel on the same inputs ({@code categorical_focal_cross_entropy}
 * with gamma 0 and alpha 1: the same numbers, bit for bit). {@code size} counts elements, N x 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ProbabilityValueBenchmark {
    static final int CLASSES = 10;

    @Param({"categorical_cross_entropy", "categorical_focal_cross_entropy"})
    public String loss;

    @Param({"40960", "10000000"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    private Loss configured;
    private Tensor probabilities;
    private Tensor targets;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        configured = loss.equals("categorical_cross_entropy") ? Losses.create(loss, Map.of("epsilon", 1e-15))
                : Losses.create(loss, Map.of("epsilon", 1e-15, "gamma", 0.0, "alpha", 1.0));
        SplittableRandom random = new SplittableRandom(42);
        int rows = size / CLASSES;
        double[] p = new double[size];
        double[] labels = new double[rows];
        for (int r = 0; r < rows; r++) {
            double total = 0;
            for (int c = 0; c < CLASSES; c++) {
                p[r * CLASSES + c] = Math.exp(random.nextDouble(0, 4));
                total += p[r * CLASSES + c];
            }
            for (int c = 0; c < CLASSES; c++) {
                p[r * CLASSES + c] /= total;
            }
            labels[r] = random.nextInt(CLASSES);
        }
        probabilities = Tensor.wrap(p, rows, CLASSES);
        targets = Tensor.wrap(labels, rows);
    }

    @Benchmark
    public double value() {
        return configured.value(probabilities, targets);
    }

    @Benchmark
    public Tensor perSample() {
        return configured.perSample(probabilities, targets);
    }
}
