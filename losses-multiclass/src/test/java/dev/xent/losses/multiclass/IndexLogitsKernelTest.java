package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import dev.xent.testkit.VectorSwitch;
import org.junit.jupiter.api.Test;

/**
 * The kernel for cross-entropy on logits with class indices against the general class-wise kernel,
 * which focal cross-entropy with gamma 0 and alpha 1 runs (its term is then {@code log p} exactly):
 * the scalar path must give the same bits, the vector path the same values within 1e-15 relative.
 */
class IndexLogitsKernelTest {
    /** Logits where the shift, exp and the limits are at their edges. */
    private static final double[] EXTREMES = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, 1e3,
        -1e3, 0.0, -0.0, Double.MIN_VALUE, 37, -37, 709, -745, 800, -800};

    /** Random logits (a quarter of them from the extremes table, none making a row all +inf) and indices. */
    private static Tensor[] inputs(long seed, int rows, int classes) {
        Random random = new Random(seed);
        double[] x = new double[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(4) == 0 ? EXTREMES[random.nextInt(EXTREMES.length)] : 8 * (2 * random.nextDouble() - 1);
        }
        double[] y = new double[rows];
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextInt(8) == 0 ? -100 : random.nextInt(classes);
            s[r] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble() * 3;
        }
        s[0] = 1.0;
        y[0] = classes - 1; // a weighted row, so that the mean always has something to average
        return new Tensor[] {Tensor.wrap(x, rows, classes), Tensor.wrap(y, rows), Tensor.wrap(s, rows)};
    }

    /** Per-sample losses, sum and mean with weights, and their gradients, flattened. */
    static double[] results(Loss mean, Loss sum, Tensor[] in) {
        List<Double> all = new ArrayList<>();
        for (double v : mean.perSample(in[0], in[1]).toArray()) {
            all.add(v);
        }
        for (Loss loss : List.of(mean, sum)) {
            all.add(loss.value(in[0], in[1], in[2]));
            for (double g : loss.gradient(in[0], in[1], in[2]).toArray()) {
                all.add(g);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] crossEntropy(Tensor[] in, Object... options) {
        return results(crossEntropy("mean", options), crossEntropy("sum", options), in);
    }

    private static Loss crossEntropy(String reduction, Object... options) {
        return Fixtures.crossEntropy(with(options, "reduction", reduction));
    }

    private static Object[] with(Object[] options, Object... more) {
        Object[] all = new Object[options.length + more.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        return all;
    }

    private static double[] generalKernel(Tensor[] in, Object... options) {
        Object[] focal = with(options, "gamma", 0.0, "alpha", 1.0);
        // the scalar general kernel: focal on logits has a vector kernel too (TermLogitsVectorKernel)
        return VectorSwitch.off(() -> results(Fixtures.focal(with(focal, "reduction", "mean")),
                Fixtures.focal(with(focal, "reduction", "sum")), in));
    }

    private static final Object[][] OPTIONS = {
        {"from_logits", true, "ignore_index", -100},
        {"from_logits", true, "ignore_index", -100, "class_weights", List.of(0.5, 2.0, 0.25, 1.0, 3.0)},
    };

    @Test
    void theScalarPathGivesTheGeneralKernelsBitsForEveryOptionAndThreadCount() {
        int original = Parallelism.threads();
        try {
            qt().withFixedSeed(20261123L).withExamples(60)
                    .forAll(longs().all(), integers().between(1, 400), integers().between(1, 2))
                    .checkAssert((seed, rows, threads) -> {
                        Parallelism.setThreads(threads);
                        Tensor[] in = inputs(seed, rows, 5);
                        for (Object[] options : OPTIONS) {
                            double[] expected = generalKernel(in, options);
                            double[] actual = VectorSwitch.off(() -> crossEntropy(in, options));
                            for (int i = 0; i < expected.length; i++) {
                                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                                        "result " + i + ": " + expected[i] + " vs " + actual[i]);
                            }
                        }
                    });
        } finally {
            Parallelism.setThreads(original);
        }
    }

    /** The message of the error that {@code call} throws. */
    private static String errorOf(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void aNaNLogitFoundByTheKernelGivesValidationsErrorNamingTheFirstOneOnEveryPathAndThreadCount() {
        int original = Parallelism.threads();
        try {
            // 4000 rows of 10 classes: several chunks. NaNs in a late chunk, an ignored row and an early chunk:
            // the error names the first one, whichever chunk a thread reaches first.
            Tensor[] in = inputs(11L, 4000, 10);
            double[] x = in[0].toArray();
            double[] y = in[1].toArray();
            x[3500 * 10 + 2] = Double.NaN;
            y[2000] = -100;
            x[2000 * 10 + 9] = Double.NaN;
            x[1700 * 10 + 4] = Double.NaN;
            Tensor logits = Tensor.wrap(x, 4000, 10);
            Tensor targets = Tensor.wrap(y, 4000);
            Loss loss = VectorSwitch.off(() -> crossEntropy("mean", "from_logits", true, "ignore_index", -100));
            String expected = "logit at row 1700, column 4 is NaN";
            assertEquals(expected, errorOf(() -> loss.validate(logits, targets)));
            List<Boolean> vectorSettings = VectorSupport.modulePresent() ? List.of(false, true) : List.of(false);
            for (boolean vector : vectorSettings) {
                for (int threads : new int[] {1, 2, 4}) {
                    Parallelism.setThreads(threads);
                    Loss onPath = vector ? VectorSwitch.on(() -> crossEntropy("mean", "from_logits", true, "ignore_index", -100))
                            : loss;
                    String where = (vector ? "vector" : "scalar") + ", " + threads + " threads";
                    assertEquals(expected, errorOf(() -> onPath.value(logits, targets)), where);
                    assertEquals(expected, errorOf(() -> onPath.perSample(logits, targets)), where);
                    assertEquals(expected, errorOf(() -> onPath.valueAndGradient(logits, targets, null, new double[x.length])),
                            where);
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    @Test
    void theVectorPathAgreesWithTheScalarPathAndHasTheSameBitsForAnyThreadCount() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        int original = Parallelism.threads();
        try {
            // 3000 rows of 7 classes: several chunks, and groups of rows cut short at chunk ends; then
            // one class, and more classes than a block of the scalar kernel has room for, in a few rows.
            int[][] shapes = {{3000, 7}, {17, 1}, {45, 37}};
            for (int[] shape : shapes) {
                Tensor[] in = inputs(7L, shape[0], shape[1]);
                Object[] options = {"from_logits", true, "ignore_index", -100};
                double[] scalar = VectorSwitch.off(() -> crossEntropy(in, options));
                List<double[]> vector = new ArrayList<>();
                for (int threads : new int[] {1, 2, 4}) {
                    Parallelism.setThreads(threads);
                    vector.add(VectorSwitch.on(() -> crossEntropy(in, options)));
                }
                for (int i = 0; i < scalar.length; i++) {
                    assertEquals(scalar[i], vector.get(0)[i], 1e-15 * Math.abs(scalar[i]) + 1e-300,
                            shape[0] + " x " + shape[1] + ", result " + i);
                    for (double[] other : vector) {
                        assertEquals(Double.doubleToRawLongBits(vector.get(0)[i]), Double.doubleToRawLongBits(other[i]));
                    }
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
