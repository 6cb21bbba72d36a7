package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.numeric.MatrixProduct.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MatrixProduct against the plain loops of the autodiff graph's matmul (forward, and the backward
 * steps for each operand, which the CLI's linear layer repeats), bit for bit: on edge shapes, past a
 * cache block of the inner index, above the parallel threshold, at offsets, on the scalar and the
 * vector path (the surefire configuration adds the incubator module) and for 1 and 2 threads.
 */
class MatrixProductTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 0, 3}, {0, 4, 2}, {3, 5, 0}, {2, 3, 4}, {5, 7, 3}, {7, 13, 11}, {9, 3, 17},
        {4, MatrixProduct.DEPTH_BLOCK + 37, 6}, {70, 50, 10}, {67, 33, 130},
    };
    private final int originalThreads = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(originalThreads);
    }

    private static List<MatrixProduct> kernels() {
        List<MatrixProduct> kernels = new ArrayList<>(List.of(MatrixProduct.scalar()));
        if (VectorSupport.modulePresent()) {
            kernels.add(MatrixProduct.vectorOnEverySize());
            kernels.add(MatrixProduct.vector()); // scalar below VECTOR_WORK and until warmed up, then vector
        }
        return kernels;
    }

    /** Uniform values with a sprinkling of zeros of both signs, subnormals and large magnitudes. */
    private static double[] values(SplittableRandom random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(20)) {
                case 0 -> x[i] = -0.0;
                case 1 -> x[i] = 0.0;
                case 2 -> x[i] = 3e-310 * (random.nextDouble() - 0.5);
                case 3 -> x[i] = 1e150 * (random.nextDouble() - 0.5);
                default -> x[i] = random.nextDouble(-2, 2);
            }
        }
        return x;
    }

    /** The graph's forward: {@code c[i][j] (+)= sum_p a[i][p] b[p][j]} from 0, p ascending. */
    private static void naiveMultiply(double[] a, double[] b, double[] c, int n, int k, int m, Output output) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = output == Output.OVERWRITE ? s : c[i * m + j] + s;
            }
        }
    }

    /** The graph's gradient of its right operand: {@code c[p][j] += a[i][p] g[i][j]}, i ascending. */
    private static void naiveTransposedTimes(double[] a, double[] g, double[] c, int n, int k, int m, Output output) {
        if (output == Output.OVERWRITE) {
            Arrays.fill(c, 0, k * m, 0.0);
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < m; j++) {
                    c[p * m + j] += a[i * k + p] * g[i * m + j];
                }
            }
        }
    }

    /** The graph's gradient of its left operand: {@code c[i][p] (+)= sum_j g[i][j] b[p][j]} from 0. */
    private static void naiveTimesTransposed(double[] g, double[] b, double[] c, int n, int m, int k, Output output) {
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += g[i * m + j] * b[p * m + j];
                }
                c[i * k + p] = output == Output.OVERWRITE ? s : c[i * k + p] + s;
            }
        }
    }

    @Test
    void everyProductHasTheBitsOfTheGraphsLoopsOnEveryShapeKernelAndOutputMode() {
        SplittableRandom random = new SplittableRandom(19);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int k = shape[1];
            int m = shape[2];
            double[] a = values(random, n * k);
            double[] b = values(random, k * m);
            double[] g = values(random, n * m);
            double[] start = values(random, Math.max(n * m, Math.max(k * m, n * k)));
            for (MatrixProduct kernel : kernels()) {
                for (Output output : Output.values()) {
                    String where = Arrays.toString(shape) + " " + output + (kernel.vectorized() ? " vector" : " scalar");
                    double[] expected = start.clone();
                    double[] actual = start.clone();
                    naiveMultiply(a, b, expected, n, k, m, output);
                    kernel.multiply(a, 0, b, 0, actual, 0, n, k, m, output);
                    assertArrayEquals(expected, actual, "multiply " + where);

                    expected = start.clone();
                    actual = start.clone();
                    naiveTransposedTimes(a, g, expected, n, k, m, output);
                    kernel.transposedTimes(a, 0, g, 0, actual, 0, n, k, m, output);
                    assertArrayEquals(expected, actual, "transposedTimes " + where);

                    expected = start.clone();
                    actual = start.clone();
                    naiveTimesTransposed(g, b, expected, n, m, k, output);
                    kernel.timesTransposed(g, 0, b, 0, actual, 0, n, m, k, output);
                    assertArrayEquals(expected, actual, "timesTransposed " + where);
                }
            }
        }
    }

    @Test
    void largeProductsHaveTheSameBitsOnOneAndTwoThreadsAndOnBothPaths() {
        SplittableRandom random = new SplittableRandom(20);
        int n = 300;
        int k = 70;
        int m = 130;
        assertTrue((long) n * k * m > MatrixProduct.PARALLEL_WORK);
        double[] a = values(random, n * k);
        double[] b = values(random, k * m);
        double[] g = values(random, n * m);
        List<double[]> results = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Parallelism.setThreads(threads);
            for (MatrixProduct kernel : kernels()) {
                double[] forward = new double[n * m];
                double[] weights = new double[k * m];
                double[] inputs = new double[n * k];
                kernel.multiply(a, 0, b, 0, forward, 0, n, k, m, Output.OVERWRITE);
                kernel.transposedTimes(a, 0, g, 0, weights, 0, n, k, m, Output.OVERWRITE);
                kernel.timesTransposed(g, 0, b, 0, inputs, 0, n, m, k, Output.OVERWRITE);
                results.add(forward);
                results.add(weights);
                results.add(inputs);
            }
        }
        double[] expected = new double[n * m];
        naiveMultiply(a, b, expected, n, k, m, Output.OVERWRITE);
        assertArrayEquals(expected, results.get(0));
        for (int r = 3; r < results.size(); r++) {
            assertArrayEquals(results.get(r % 3), results.get(r), "result " + r);
        }
    }

    @Test
    void accumulatingOntoABiasPresetInTheOutputGivesTheLinearLayersLogits() {
        SplittableRandom random = new SplittableRandom(22);
        int n = 9;
        int k = 50;
        int m = 10;
        double[] x = values(random, n * k);
        double[] w = values(random, k * m);
        double[] bias = values(random, m);
        double[] expected = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * w[p * m + j];
                }
                expected[i * m + j] = s + bias[j];
            }
        }
        for (MatrixProduct kernel : kernels()) {
            double[] logits = new double[n * m];
            for (int i = 0; i < n; i++) {
                System.arraycopy(bias, 0, logits, i * m, m);
            }
            kernel.multiply(x, 0, w, 0, logits, 0, n, k, m, Output.ACCUMULATE);
            assertArrayEquals(expected, logits);
        }
    }

    @Test
    void operandsAtOffsetsAreReadInPlaceAndNothingOutsideTheOutputIsWritten() {
        SplittableRandom random = new SplittableRandom(21);
        int n = 5;
        int k = 6;
        int m = 7;
        double[] a = values(random, 3 + n * k + 2);
        double[] b = values(random, 4 + k * m + 1);
        double[] aCopy = a.clone();
        double[] bCopy = b.clone();
        for (MatrixProduct kernel : kernels()) {
            double[] c = new double[2 + n * m + 3];
            Arrays.fill(c, 42.0);
            kernel.multiply(a, 3, b, 4, c, 2, n, k, m, Output.OVERWRITE);
            double[] expected = new double[n * m];
            naiveMultiply(Arrays.copyOfRange(a, 3, 3 + n * k), Arrays.copyOfRange(b, 4, 4 + k * m), expected,
                    n, k, m, Output.OVERWRITE);
            assertArrayEquals(expected, Arrays.copyOfRange(c, 2, 2 + n * m));
            assertEquals(42.0, c[0]);
            assertEquals(42.0, c[1]);
            assertEquals(42.0, c[2 + n * m]);
            assertEquals(42.0, c[c.length - 1]);
        }
        assertArrayEquals(aCopy, a);
        assertArrayEquals(bCopy, b);
    }

    @Test
    void anOutputOverlappingAnOperandOrAnArrayTooShortIsRejectedWithAMessage() {
        MatrixProduct kernel = MatrixProduct.scalar();
        double[] shared = new double[20];
        double[] b = new double[4];
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> kernel.multiply(shared, 0, b, 0, shared, 3, 2, 2, 2, Output.OVERWRITE));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        // Disjoint parts of one array are fine.
        kernel.multiply(shared, 0, b, 0, shared, 10, 2, 2, 2, Output.OVERWRITE);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> kernel.transposedTimes(new double[5], 0, new double[6], 0, new double[6], 0, 2, 3, 3, Output.OVERWRITE));
        assertTrue(tooShort.getMessage().contains("g (2 x 3 at offset 0) does not fit in its array of 6")
                || tooShort.getMessage().contains("a (2 x 3"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernel.timesTransposed(b, 0, b, 0, new double[4], 0, -1, 2, 2, Output.OVERWRITE));
    }

    @Test
    void theScalarInstanceSaysItIsNotVectorized() {
        assertFalse(MatrixProduct.scalar().vectorized());
        if (VectorSupport.modulePresent()) {
            assertTrue(MatrixProduct.vector().vectorized());
        }
    }
}
