package dev.xent.bench;

import dev.xent.core.numeric.StableMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code tanh} over an array of 32,768 values (a 256 x 128 hidden layer), ns per value: core's
 * {@link StableMath#tanh} (the graph's and the train module's) against {@link Math#tanh}, on pre-activations
 * normal with standard deviation 1.5 (a third below |x| = 0.625, where {@code StableMath.tanh} takes its
 * polynomial branch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TanhBenchmark {
    private static final int VALUES = 32_768;

    private final double[] inputs = new double[VALUES];
    private final double[] outputs = new double[VALUES];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < VALUES; i++) {
            inputs[i] = 1.5 * random.nextGaussian();
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public double[] stableMathTanh() {
        for (int i = 0; i < VALUES; i++) {
            outputs[i] = StableMath.tanh(inputs[i]);
        }
        return outputs;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public double[] mathTanh() {
        for (int i = 0; i < VALUES; i++) {
            outputs[i] = Math.tanh(inputs[i]);
        }
        return outputs;
    }
}
