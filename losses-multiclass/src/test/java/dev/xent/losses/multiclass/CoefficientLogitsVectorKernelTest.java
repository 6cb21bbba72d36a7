package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel of cross-entropy on logits with distribution targets or label smoothing
 * ({@link CoefficientLogitsVectorKernel}) against the scalar class-wise kernel: within 1e-12 relative, and
 * the same bits for 1, 2 and 4 threads, on random logits with extremes (±1e3, ±inf, rows of zeros).
 */
class CoefficientLogitsVectorKernelTest {
    private static final double[] EXTREMES = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e3, -1e3, 0.0, -0.0,
        40, -40, 709, -745};

    /** Logits (an eighth of them extremes; every fifth row all zeros), sample weights with zeros. */
    private static Tensor[] logitsAndWeights(Random random, int rows, int classes) {
        double[] x = new double[rows * classes];
        for (int i = 0; i < x.length; i++) {
            boolean zeroRow = (i / classes) % 5 == 3;
            x[i] = zeroRow ? 0.0 : random.nextInt(8) == 0 ? EXTREMES[random.nextInt(EXTREMES.length)]
                    : 8 * (2 * random.nextDouble() - 1);
        }
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            s[r] = random.nextInt(6) == 0 ? 0.0 : 3 * random.nextDouble();
        }
        s[0] = 1.0;
        return new Tensor[] {Tensor.wrap(x, rows, classes), Tensor.wrap(s, rows)};
    }

    /** Index targets (some ignored if {@code ignoring}, never row 0) or distributions (some one-hot, with exact zeros). */
    private static Tensor targets(Random random, int rows, int classes, boolean distributions, boolean ignoring) {
        if (!distributions) {
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                y[r] = ignoring && r > 0 && random.nextInt(7) == 0 ? -100 : random.nextInt(classes);
            }
            return Tensor.wrap(y, rows);
        }
        double[] q = Fixtures.distributions(random, rows, classes).toArray();
        for (int r = 0; r < rows; r += 3) {
            Arrays.fill(q, r * classes, (r + 1) * classes, 0.0);
            q[r * classes + random.nextInt(classes)] = 1.0;
        }
        return Tensor.wrap(q, rows, classes);
    }

    private static final Object[][] OPTIONS = {
        {"label_smoothing", 0.1, "ignore_index", -100},
        {"label_smoothing", 0.2, "ignore_index", -100, "class_weights", List.of(0.5, 2.0, 0.125, 1.0, 3.0, 1.5, 0.25)},
        {},
        {"label_smoothing", 0.05},
        {"class_weights", List.of(0.5, 2.0, 0.125, 1.0, 3.0, 1.5, 0.25)},
    };

    /** A loss with these options, {@code from_logits} and a reduction. */
    interface LossMaker {
        Loss make(Object... options);
    }

    private static double[] results(LossMaker maker, Tensor[] in, Object... options) {
        return IndexLogitsKernelTest.results(maker.make(with(options, "reduction", "mean")),
                maker.make(with(options, "reduction", "sum")), in);
    }

    private static Object[] with(Object[] options, Object... more) {
        Object[] all = new Object[options.length + more.length + 2];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        all[all.length - 2] = "from_logits";
        all[all.length - 1] = true;
        return all;
    }

    @Test
    void theVectorKernelAgreesWithTheScalarKernelWithin1e12AndHasTheSameBitsForAnyThreadCount() {
        assertVectorAgreesWithScalar(Fixtures::crossEntropy, OPTIONS);
    }

    /**
     * Per-sample losses, both reductions' values and gradients of the vector kernels against the scalar
     * kernel (1 thread) within 1e-12 relative, and the same bits on 1, 2 and 4 threads, for each options
     * row (class weights are for 7 classes; {@code ignore_index} rows get index targets only), on 3000 x 7,
     * 13 x 1 and 45 x 37 logits with extremes, zero rows and zero sample weights.
     */
    static void assertVectorAgreesWithScalar(LossMaker maker, Object[][] optionRows) {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        int original = Parallelism.threads();
        try {
            // several chunks with groups cut short; one class; more classes than a vector group has lanes
            int[][] shapes = {{3000, 7}, {13, 1}, {45, 37}};
            Random random = new Random(20261203L);
            for (int[] shape : shapes) {
                Tensor[] xs = logitsAndWeights(random, shape[0], shape[1]);
                for (Object[] options : optionRows) {
                    boolean indices = List.of(options).contains("ignore_index"); // which distributions do not take
                    if (shape[1] != 7 && List.of(options).contains("class_weights")) {
                        continue; // the weights are for 7 classes
                    }
                    for (boolean distributions : indices ? new boolean[] {false} : new boolean[] {false, true}) {
                        Tensor[] in = {xs[0], targets(random, shape[0], shape[1], distributions, indices), xs[1]};
                        String where = shape[0] + " x " + shape[1] + " " + List.of(options)
                                + (distributions ? " distributions" : " indices");
                        Parallelism.setThreads(1);
                        double[] scalar = VectorSwitch.off(() -> results(maker, in, options));
                        List<double[]> vector = new ArrayList<>();
                        for (int threads : new int[] {1, 2, 4}) {
                            Parallelism.setThreads(threads);
                            vector.add(VectorSwitch.on(() -> results(maker, in, options)));
                        }
                        for (int i = 0; i < scalar.length; i++) {
                            assertEquals(scalar[i], vector.get(0)[i], 1e-12 * Math.abs(scalar[i]) + 1e-300,
                                    where + ", result " + i);
                            for (double[] other : vector) {
                                assertEquals(Double.doubleToRawLongBits(vector.get(0)[i]),
                                        Double.doubleToRawLongBits(other[i]), where + ", result " + i);
                            }
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
