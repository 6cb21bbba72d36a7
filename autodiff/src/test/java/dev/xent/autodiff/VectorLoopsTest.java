package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Above the vector threshold the sigmoid family and the softmax family along the last axis take core's
 * vector loops (SigmoidBlocks, SoftmaxBlocks): their values and gradients agree with the scalar loops
 * to 1e-12 relative, or 1e-15 absolute where a gradient cancels terms of order 1 (NaN where those give
 * NaN; special values included: NaN, +-inf, +-0, +-1e3, logits whose exp(-|x|) is subnormal or 0), and
 * have the same bits on 1, 2 and 3 threads.
 */
class VectorLoopsTest {
    private static final int SIZE = 100_003; // above the default threshold (65,536), a partial last chunk
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1e3, -1e3, 745.0, -745.0, 800.0, -800.0, 708.5, -708.5, 1e-310, 36.0, -36.0};
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(threadsBefore);
    }

    private static double[] logits(int n) {
        SplittableRandom random = new SplittableRandom(16);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 97 < SPECIAL.length ? SPECIAL[i % 97] : random.nextDouble(-40, 40);
        }
        return x;
    }

    @Test
    void sigmoidFamilyOnTheVectorLoopsAgreesWithTheScalarLoopsAndKeepsItsBitsOnAnyThreadCount() {
        checkAgainstScalar(Tensor.wrap(logits(SIZE), SIZE),
                x -> x.sigmoid().add(x.softplus()).add(x.logSigmoid().mul(0.5)).add(x.neg().sigmoid().mul(3)));
    }

    @Test
    void softmaxFamilyOnTheVectorLoopsAgreesWithTheScalarLoopsAndKeepsItsBitsOnAnyThreadCount() {
        int rows = SIZE / 10;
        double[] x = logits(rows * 10);
        // Row 0 holds a NaN and both infinities (SPECIAL); row 5 is all -inf, row 6 has +inf twice, row 7 once.
        for (int c = 0; c < 10; c++) {
            x[50 + c] = Double.NEGATIVE_INFINITY;
        }
        x[61] = Double.POSITIVE_INFINITY;
        x[66] = Double.POSITIVE_INFINITY;
        x[73] = Double.POSITIVE_INFINITY;
        checkAgainstScalar(Tensor.wrap(x, rows, 10),
                p -> p.softmax(1).mul(p.softmax(1)).add(p.logSoftmax(1).mul(0.25)).sum(1).add(p.logSumExp(1)));
    }

    /** Values and gradients of {@code f} at {@code x}: vector loops against scalar loops, and bits per thread count. */
    private void checkAgainstScalar(Tensor x, UnaryOperator<Node> f) {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        assumeTrue(VectorSupport.enabled() && VectorLoops.enabledFor(x.size()), "vector loops off");
        double[][] scalar = VectorSupport.with(false, () -> run(x, f));
        double[][] first = null;
        for (int threads : new int[] {1, 2, 3}) {
            Parallelism.setThreads(threads);
            double[][] vector = run(x, f);
            if (first == null) {
                first = vector;
                assertClose(scalar[0], vector[0], "value");
                assertClose(scalar[1], vector[1], "gradient");
            } else {
                assertArrayEquals(first[0], vector[0], "value on " + threads + " threads");
                assertArrayEquals(first[1], vector[1], "gradient on " + threads + " threads");
            }
        }
    }

    private static double[][] run(Tensor x, UnaryOperator<Node> f) {
        Node input = Graph.variable(x);
        Node out = f.apply(input);
        out.sum().backward(); // a NaN value does not reach the gradient: each element's upstream gradient is 1
        return new double[][] {out.value().toArray(), input.gradient().toArray()};
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean close = Double.compare(e, a) == 0 || e == a
                    || Math.abs(e - a) <= 1e-12 * Math.max(Math.abs(e), Math.abs(a)) + 1e-15;
            assertTrue(close, what + " at " + i + ": scalar " + e + ", vector " + a);
        }
    }
}
