package dev.xent.bench;

import dev.xent.autodiff.Graph;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.MatrixProduct;
import dev.xent.core.numeric.MatrixProduct.Output;
import dev.xent.core.numeric.Parallelism;
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
 * {@link MatrixProduct} at the shapes of issue 19's training benchmark ({@code n x k x m}: a batch of n
 * rows, k inputs, m outputs of a layer): the forward {@code X W}, the weight gradient {@code X^T G}
 * and the input gradient {@code G W^T}, each {@code 2 n k m} floating-point operations (divide by the
 * time for GFLOP/s; BENCHMARKS.md compares them with {@link PeakFlopsBenchmark}). {@code graphForward}
 * is today's autodiff {@code matmul} forward on the same operands (leaves built once; it allocates its
 * output), the loop the kernel replaces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class MatrixProductBenchmark {
    /** {@code n x k x m}: batch rows, layer inputs, layer outputs. */
    @Param({"256x50x10", "256x50x128", "256x128x10", "4096x50x10", "4096x50x128", "4096x128x10"})
    public String shape;

    /** The Vector API kernels ({@link MatrixProduct#vector()}) or the scalar ones. */
    @Param({"false", "true"})
    public boolean vector;

    @Param({"2"})
    public int threads;

    private MatrixProduct kernel;
    private int n;
    private int k;
    private int m;
    private double[] x;
    private double[] w;
    private double[] g;
    private double[] logits;
    private double[] weightGradient;
    private double[] inputGradient;
    private Node xNode;
    private Node wNode;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        kernel = vector ? MatrixProduct.vector() : MatrixProduct.scalar();
        String[] dims = shape.split("x");
        n = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        m = Integer.parseInt(dims[2]);
        SplittableRandom random = new SplittableRandom(19);
        x = random.doubles(n * k, -2, 2).toArray();
        w = random.doubles(k * m, -1, 1).toArray();
        g = random.doubles(n * m, -0.1, 0.1).toArray();
        logits = new double[n * m];
        weightGradient = new double[k * m];
        inputGradient = new double[n * k];
        xNode = Graph.constant(Tensor.wrap(x.clone(), n, k));
        wNode = Graph.constant(Tensor.wrap(w.clone(), k, m));
    }

    @Benchmark
    public double[] forward() {
        kernel.multiply(x, 0, w, 0, logits, 0, n, k, m, Output.OVERWRITE);
        return logits;
    }

    @Benchmark
    public double[] weightGradient() {
        kernel.transposedTimes(x, 0, g, 0, weightGradient, 0, n, k, m, Output.OVERWRITE);
        return weightGradient;
    }

    @Benchmark
    public double[] inputGradient() {
        kernel.timesTransposed(g, 0, w, 0, inputGradient, 0, n, m, k, Output.OVERWRITE);
        return inputGradient;
    }

    @Benchmark
    public Node graphForward() {
        return xNode.matmul(wNode);
    }
}
