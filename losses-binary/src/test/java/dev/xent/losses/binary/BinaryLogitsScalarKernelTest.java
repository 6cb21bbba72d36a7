package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar block kernel of BCE on logits ({@link BinaryLogitsScalarKernel}): the same bits as the loss's
 * element loop ({@link ElementwiseLoss#elementLoss} through {@link ElementwiseReduction}), on several chunks, with extreme logits, weights and
 * label smoothing; and the inputs it checks as it reads them give the usual validation errors, naming the
 * first bad element, on any thread count.
 */
class BinaryLogitsScalarKernelTest {
    /** More than four chunks of {@link ElementwiseReduction#GRAIN}, the last one partial. */
    private static final int SIZE = 4 * ElementwiseReduction.GRAIN + 1234;
    private static final double[] EXTREMES = {0.0, -0.0, 708, -708, 708.5, -709, 745, -746, 1e3, -1e300,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -36.7, 36.7};

    private static Tensor logits(Random random) {
        double[] x = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            x[i] = i % 97 == 0 ? EXTREMES[(i / 97) % EXTREMES.length] : random.nextGaussian() * 8;
        }
        return Tensor.wrap(x, SIZE / 2, 2);
    }

    private static Tensor labels(Random random, boolean soft) {
        double[] y = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            y[i] = soft && i % 3 == 0 ? random.nextDouble() : random.nextInt(2);
        }
        return Tensor.wrap(y, SIZE / 2, 2);
    }

    private static Loss scalar(String name, Map<String, ?> parameters) {
        return VectorSwitch.off(() -> Losses.create(name, parameters));
    }

    @Test
    void theBlockKernelGivesTheBitsOfTheElementLoop() {
        Random random = new Random(20261203);
        Tensor x = logits(random);
        double[] w = new double[SIZE / 2];
        for (int r = 0; r < w.length; r++) {
            w[r] = r % 11 == 0 ? 0.0 : r % 13 == 0 ? 1e300 : random.nextDouble() * 3;
        }
        Tensor weights = Tensor.wrap(w, w.length);
        for (boolean soft : new boolean[] {false, true}) {
            Tensor y = labels(random, soft);
            for (double smoothing : new double[] {0.0, 0.2}) {
                for (String reduction : new String[] {"mean", "sum"}) {
                    Map<String, Object> common = Map.of("from_logits", true, "label_smoothing", smoothing,
                            "reduction", reduction);
                    BinaryCrossEntropy bce = (BinaryCrossEntropy) scalar("binary_cross_entropy", common);
                    for (Tensor weight : new Tensor[] {null, weights}) {
                        double[] expected = new double[SIZE];
                        double[] actual = new double[SIZE];
                        double expectedValue = ElementwiseReduction.valueAndGradient(bce, elementLoop(bce), null, x, y,
                                weight, expected);
                        double actualValue = bce.valueAndGradient(x, y, weight, actual);
                        String what = common + (weight == null ? "" : " weighted") + (soft ? " soft" : " hard");
                        assertEquals(expectedValue, actualValue, 0.0, what);
                        assertArrayEquals(expected, actual, 0.0, what);
                    }
                    ThreadCountChecks.assertSameBitsForOneAndTwoThreads(bce, x, y);
                }
            }
        }
    }

    /** The loss's element kernel, as the reductions ran it for every configuration before the block kernel. */
    private static ElementKernel elementLoop(BinaryCrossEntropy bce) {
        return new ElementKernel() {
            @Override
            public double loss(double prediction, double target, double[] derivatives, int index) {
                return bce.elementLoss(prediction, target, derivatives, index);
            }

            @Override
            public double weightedLoss(double prediction, double target, double weight, double scale,
                                       double[] derivatives, int index) {
                return bce.weightedElementLoss(prediction, target, weight, scale, derivatives, index);
            }
        };
    }

    @Test
    void badElementsFoundInTheKernelGiveTheValidationErrorOnAnyThreadCount() {
        assertBadElementsRejected(scalar("binary_cross_entropy", Map.of("from_logits", true)));
    }

    /** With the vector kernel (which checks the inputs as it reads them too) the same errors. */
    @Test
    void theVectorKernelGivesTheSameErrors() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        assertBadElementsRejected(VectorSwitch.on(() -> Losses.create("binary_cross_entropy", Map.of("from_logits", true))));
    }

    private static void assertBadElementsRejected(Loss bce) {
        Random random = new Random(7);
        int original = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                Tensor y = labels(random, true);
                double[] x = logits(random).toArray();
                x[3 * ElementwiseReduction.GRAIN + 5] = Double.NaN;
                x[SIZE - 1] = Double.NaN;
                assertMessage("logit at row 24578, column 1 is NaN", () -> bce.value(Tensor.wrap(x, SIZE / 2, 2), y));
                double[] t = y.toArray();
                t[ElementwiseReduction.GRAIN + 1] = 1.5;
                t[2 * ElementwiseReduction.GRAIN] = -0.0; // allowed
                assertMessage("target at row 8192, column 1 is 1.5; allowed: [0, 1]",
                        () -> bce.valueAndGradient(logits(random), Tensor.wrap(t, SIZE / 2, 2), null, new double[SIZE]));
                // A row of weight 0 is checked too.
                double[] w = new double[SIZE / 2];
                java.util.Arrays.fill(w, 1.0);
                w[100] = 0.0;
                double[] z = logits(random).toArray();
                z[201] = Double.NaN;
                assertMessage("logit at row 100, column 1 is NaN",
                        () -> bce.gradient(Tensor.wrap(z, SIZE / 2, 2), y, Tensor.wrap(w, w.length)));
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
