package dev.xent.bench;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
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
 * Binary cross-entropy's {@code gradientAndHessian} (the XGBoost objective's call: reduction sum, gradient
 * and diagonal Hessian) with the scalar kernels and the vector ones ({@code -p vector=false,true}; the forks
 * always add the module), on logits uniform in [-6, 6] or probabilities uniform in (0, 1), random 0/1 labels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class HessianBenchmark {

    @Param({"true", "false"})
    public boolean logits;

    @Param({"1000000"})
    public int size;

    @Param({"1"})
    public int threads;

    @Param({"false", "true"})
    public boolean vector;

    private SecondOrderLoss objective;
    private Tensor predictions;
    private Tensor labels;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        System.setProperty("xent.vector", Boolean.toString(vector));
        objective = (SecondOrderLoss) Losses.create("binary_cross_entropy",
                Map.of("from_logits", logits, "reduction", "sum"));
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = logits ? random.nextDouble(-6, 6) : random.nextDouble();
            y[i] = random.nextInt(2);
        }
        predictions = Tensor.wrap(x, size);
        labels = Tensor.wrap(y, size);
    }

    @Benchmark
    public GradientAndHessian gradientAndHessian() {
        return objective.gradientAndHessian(predictions, labels, null);
    }
}
