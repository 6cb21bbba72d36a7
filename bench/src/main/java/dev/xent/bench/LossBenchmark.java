package dev.xent.bench;

import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every built-in loss on logits, float64: analytic value, gradient and value+gradient (fused
 * kernels), the autodiff path (graph built per call, backward included), and a plain array pass
 * (read two arrays, write one) as the memory-bandwidth yardstick. {@code size} counts elements:
 * N for binary losses, N x C with C = 10 for categorical ones; {@code size = 10} measures the fixed
 * cost of a call (graph building and backward for autodiff). Divide {@code size} by the time per
 * operation for elements per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The incubator module is always added so that "-p vector=false,true" compares both paths in one run.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class LossBenchmark {
    static final int CLASSES = 10;

    @Param({"binary_cross_entropy", "binary_focal_cross_entropy", "categorical_cross_entropy",
            "categorical_focal_cross_entropy"})
    public String loss;

    @Param({"10", "1000", "1000000", "10000000"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    /**
     * The Vector API kernels ({@code xent.vector}, set before the loss is created; BCE, and cross-entropy
     * on logits with class indices): they run only if the fork has the module (the forks add it), so
     * {@code -p vector=false,true} measures both in one run. Here the scalar kernels are the default.
     */
    @Param({"false"})
    public boolean vector;

    private Loss configured;
    private Tensor predictions;
    private Tensor targets;
    private double[] gradient;
    private double[] a;
    private double[] b;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        pool = Executors.newFixedThreadPool(threads);
        System.setProperty("xent.vector", Boolean.toString(vector));
        configured = Losses.create(loss, Map.of("from_logits", true));
        SplittableRandom random = new SplittableRandom(42);
        boolean classWise = configured.inputSpace().isClassWise();
        int rows = classWise ? size / CLASSES : size;
        double[] logits = new double[size];
        for (int i = 0; i < size; i++) {
            logits[i] = random.nextDouble(-6, 6);
        }
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = classWise ? random.nextInt(CLASSES) : random.nextInt(2);
        }
        predictions = classWise ? Tensor.wrap(logits, rows, CLASSES) : Tensor.wrap(logits, size);
        targets = Tensor.wrap(labels, rows);
        gradient = new double[size];
        a = logits;
        b = new double[size];
        System.arraycopy(logits, 0, b, 0, size);
    }

    @Benchmark
    public double analyticValue() {
        return configured.value(predictions, targets);
    }

    @Benchmark
    public Tensor analyticGradient() {
        return configured.gradient(predictions, targets);
    }

    @Benchmark
    public double analyticValueAndGradient() {
        return configured.valueAndGradient(predictions, targets, null, gradient);
    }

    @Benchmark
    public double autodiffValueAndGradient() {
        return GraphEvaluation.valueAndGradient(configured, predictions, targets, null, gradient);
    }

    /**
     * The memory-bandwidth yardstick: read two arrays, write one, single-threaded ({@code threads} is
     * ignored; {@link #plainArrayPassOnThreads} is the same pass split over {@code threads}).
     */
    @Benchmark
    public double[] plainArrayPass() {
        double[] out = gradient;
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /**
     * {@link #plainArrayPass} split into {@code threads} contiguous parts, one per thread of a pool made
     * at set-up: the yardstick at the kernels' thread count (issue 16's "fraction of a plain array pass").
     */
    @Benchmark
    public double[] plainArrayPassOnThreads() throws Exception {
        double[] out = gradient;
        int parts = threads;
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) out.length * t / parts);
            int to = (int) ((long) out.length * (t + 1) / parts);
            tasks.add(() -> {
                for (int i = from; i < to; i++) {
                    out[i] = a[i] - b[i];
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }
}
