package dev.xent.bench;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.ChunkedSum;
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
 * Issue 16's yardstick for the scalar binary cross-entropy kernel: the same math written as a plain loop
 * over the arrays (stable BCE on logits, {@code softplus(x) - x y} and {@code sigmoid(x) - y}, one
 * {@code exp}, one {@code log}, one division per element, mean reduction), with no validation, no
 * interface calls, and a plain sum ({@code plainLoop}) or a compensated one ({@code plainLoopCompensated}),
 * against the library's scalar kernel on the same inputs ({@code scalarKernel}: {@code valueAndGradient}
 * into a reused buffer, validation included). Inputs as in {@link LossBenchmark}: logits uniform in
 * [-6, 6], random 0/1 labels. The plain loops run in the kernels' chunks of 16,384 elements on the same
 * fork/join pool ({@code threads}), so the comparison is per element, not of the parallel structure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PlainLoopBenchmark {
    private static final int GRAIN = 16384;

    @Param({"10000", "10000000"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    private Loss bce;
    private Tensor predictions;
    private Tensor targets;
    private double[] x;
    private double[] y;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        System.setProperty("xent.vector", "false");
        bce = Losses.create("binary_cross_entropy", Map.of("from_logits", true));
        SplittableRandom random = new SplittableRandom(42);
        x = new double[size];
        y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble(-6, 6);
            y[i] = random.nextInt(2);
        }
        predictions = Tensor.wrap(x, size);
        targets = Tensor.wrap(y, size);
        gradient = new double[size];
    }

    @Benchmark
    public double scalarKernel() {
        return bce.valueAndGradient(predictions, targets, null, gradient);
    }

    @Benchmark
    public double plainLoop() {
        double scale = 1.0 / size;
        return ChunkedSum.sum(size, GRAIN, (from, to, sum) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += element(i, scale);
            }
            sum.add(s);
        }) * scale;
    }

    @Benchmark
    public double plainLoopCompensated() {
        double scale = 1.0 / size;
        return ChunkedSum.sum(size, GRAIN, (from, to, sum) -> {
            for (int i = from; i < to; i++) {
                sum.add(element(i, scale));
            }
        }) * scale;
    }

    /** Stable BCE on logits: loss {@code max(x, 0) - x y + log1p(exp(-|x|))}, gradient {@code scale (sigmoid(x) - y)}. */
    private double element(int i, double scale) {
        double xi = x[i];
        double yi = y[i];
        double e = Math.exp(-Math.abs(xi));
        double r = 1.0 / (1.0 + e);
        gradient[i] = scale * ((xi >= 0 ? r : e * r) - yi);
        return Math.max(xi, 0.0) - xi * yi + Math.log(1.0 + e);
    }
}
