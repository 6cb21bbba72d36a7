package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.VectorSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import dev.xent.testkit.VectorSwitch;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel for BCE with logits against the scalar kernel (and PyTorch): the surefire
 * configuration adds the incubator module, so these run whenever the JDK has it.
 */
class BinaryLogitsVectorKernelTest {
    private static final double RELATIVE = 1e-12;
    /** Logits where exp, log and the infinite-logit rule are at their limits. */
    private static final double[] EXTREMES = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, 0.0,
        -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 20, -20, 37, -37, 40, -40, 709, -709, 745, -745, 800, -800, 1e-8};

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    /**
     * The loss with the vector kernels on every call, however small (as created by default, calls below
     * 65,536 elements run the scalar kernels).
     */
    private static ElementwiseLoss vectorLoss(Map<String, ?> parameters) {
        ElementwiseLoss loss = VectorSwitch.on(() -> (ElementwiseLoss) Losses.create("binary_cross_entropy", parameters));
        assertNotNull(loss.vectorKernels(), "the module is present but the scalar kernel was chosen");
        return loss;
    }

    private static void assertAgree(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected) + 1e-300, what);
    }

    /**
     * The largest gradient scale ({@code pos_weight} times row weight over the mean's denominator):
     * {@code (1 - y) sigmoid(x) - pw y sigmoid(-x)} cancels for soft labels, and there an ulp of
     * difference in exp is relative to its terms (at most this), not to the small result.
     */
    private static double largestTerm(Map<String, ?> parameters, Tensor logits, Tensor weights) {
        Object posWeight = parameters.get("pos_weight");
        double largestWeight = 1.0;
        double denominator = logits.size();
        if (weights != null) {
            largestWeight = 0.0;
            for (double w : weights.toArray()) {
                largestWeight = Math.max(largestWeight, w);
            }
            denominator = logits.rowLength() * CompensatedSum.of(weights.toArray());
        }
        boolean mean = !parameters.containsKey("reduction") || "mean".equals(parameters.get("reduction"));
        return Math.max(1.0, posWeight == null ? 1.0 : (double) posWeight) * largestWeight / (mean ? denominator : 1.0);
    }

    /**
     * Value and gradient of both paths agree to 1e-12 relative (the gradient also within a few ulps of
     * its largest term, where soft labels make it cancel); nothing is NaN.
     */
    private static void assertPathsAgree(Map<String, ?> parameters, Tensor logits, Tensor targets, Tensor weights) {
        Loss scalar = VectorSwitch.off(() -> Losses.create("binary_cross_entropy", parameters));
        Loss vector = vectorLoss(parameters);
        double[] expected = scalar.gradient(logits, targets, weights).toArray();
        double[] actual = vector.gradient(logits, targets, weights).toArray();
        double cancellation = 4 * Math.ulp(largestTerm(parameters, logits, weights));
        for (int i = 0; i < expected.length; i++) {
            assertFalse(Double.isNaN(actual[i]), "gradient " + i + " is NaN");
            assertEquals(expected[i], actual[i], RELATIVE * Math.abs(expected[i]) + cancellation,
                    parameters + " gradient " + i + " at x = " + logits.getFlat(i) + ", y = " + targets.getFlat(i));
        }
        if (!"none".equals(parameters.get("reduction"))) {
            double value = scalar.value(logits, targets, weights);
            assertAgree(value, vector.value(logits, targets, weights), parameters + " value");
            double[] buffer = new double[expected.length];
            assertAgree(value, vector.valueAndGradient(logits, targets, weights, buffer), parameters + " value");
            assertArrayEquals(actual, buffer, parameters + " valueAndGradient's gradient");
        }
    }

    private static List<Map<String, Object>> parameterSets() {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (String reduction : List.of("mean", "sum", "none")) {
            for (double posWeight : List.of(1.0, 2.5)) {
                for (double smoothing : List.of(0.0, 0.2)) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("from_logits", true);
                    p.put("reduction", reduction);
                    p.put("pos_weight", posWeight);
                    p.put("label_smoothing", smoothing);
                    sets.add(p);
                }
            }
        }
        return sets;
    }

    @Test
    void theVectorKernelsRunByDefaultWithTheModuleAndTheScalarOnesWithTheSwitchOff() {
        assertNotNull(((ElementwiseLoss) Losses.create("bce", Map.of("from_logits", true))).vectorKernels());
        assertNull(VectorSwitch.off(() -> (ElementwiseLoss) Losses.create("bce", Map.of("from_logits", true)))
                .vectorKernels());
        assertNotNull(vectorLoss(Map.of("from_logits", true)).vectorKernels());
        // Probabilities have theirs (BinaryProbabilitiesVectorKernelTest).
        assertNotNull(((ElementwiseLoss) Losses.create("bce", Map.of())).vectorKernels());
    }

    @Test
    void agreesWithTheScalarKernelOnRandomInputsOfEveryLengthAndWeighting() {
        for (Map<String, Object> parameters : parameterSets()) {
            RandomCases.forEachLength(20261123L, 2 * ElementwiseReduction.GRAIN + 13,
                    (random, i) -> (random.nextDouble() - 0.5) * (i % 3 == 0 ? 100 : 12),
                    (x, y, w) -> assertPathsAgree(parameters, x, y, w));
        }
    }

    @Test
    void agreesOnRowsOfThreeWithSampleWeightsWhereEverySegmentHasATail() {
        Random random = new Random(20261123L);
        int rows = 701;
        double[] x = new double[rows * 3];
        double[] y = new double[rows * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 8;
            y[i] = random.nextInt(2);
        }
        double[] w = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = r % 7 == 0 ? 0.0 : 0.5 + random.nextDouble();
        }
        for (Map<String, Object> parameters : parameterSets()) {
            assertPathsAgree(parameters, Tensor.wrap(x, rows, 3), Tensor.wrap(y, rows, 3), Tensor.wrap(w, rows));
        }
    }

    @Test
    void agreesAtExtremeLogitsWithExactLimitsAndNoNaN() {
        int n = EXTREMES.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = EXTREMES[i];
            x[n + i] = EXTREMES[i];
            y[n + i] = 1;
        }
        for (Map<String, Object> parameters : parameterSets()) {
            if ((double) parameters.get("label_smoothing") == 0.0) {
                assertPathsAgree(parameters, Tensor.wrap(x, 2 * n), Tensor.wrap(y, 2 * n), null);
            }
        }
        // The exact limits, per element: 0 where the logit is infinitely right, +inf where infinitely wrong.
        Loss vector = vectorLoss(Map.of("from_logits", true, "reduction", "sum"));
        Tensor limits = Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e300, -1e300);
        assertEquals(0.0, vector.value(limits, Tensor.of(1, 0, 1, 0, 1, 0)));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, vector.gradient(limits, Tensor.of(1, 0, 1, 0, 1, 0)).toArray());
        assertEquals(Double.POSITIVE_INFINITY, vector.value(limits, Tensor.of(0, 1, 1, 0, 1, 0)));
        assertArrayEquals(new double[] {1, -1, 0, 0, 0, 0}, vector.gradient(limits, Tensor.of(0, 1, 1, 0, 1, 0)).toArray());
        // Soft labels at infinite logits: infinitely wrong either way, as the scalar kernel says.
        assertPathsAgree(Map.of("from_logits", true, "reduction", "none", "label_smoothing", 0.1), limits,
                Tensor.of(1, 0, 1, 0, 1, 0), null);
        assertEquals(Double.POSITIVE_INFINITY, vectorLoss(Map.of("from_logits", true, "label_smoothing", 0.1))
                .value(limits, Tensor.of(1, 0, 1, 0, 1, 0)));
    }

    @Test
    void matchesPyTorchWithLogitsPosWeightAndRowWeights() {
        // The numbers of BinaryCrossEntropyTest: PyTorch 1.13, float64,
        // binary_cross_entropy_with_logits(x, y, weight=w[:, None], pos_weight=1.7, reduction='sum') and backward().
        Tensor logits = Tensor.of(new double[][] {{0.3, -1.2}, {2.5, -0.7}, {-3.1, 4.2}});
        Tensor targets = Tensor.of(new double[][] {{1, 0}, {0.3, 1}, {0, 0.8}});
        Tensor weights = Tensor.of(0.5, 2.0, 1.25);
        Loss sum = vectorLoss(Map.of("from_logits", true, "pos_weight", 1.7, "reduction", "sum"));
        assertAgree(9.178693171199248, sum.value(logits, targets, weights), "value");
        double[] expected = {-0.3617238607100898, 0.11573760825049119, 1.2164232043485907, -2.2718384253717643,
            0.053884068676357644, 0.22119063819811768};
        double[] actual = sum.gradient(logits, targets, weights).toArray();
        for (int i = 0; i < expected.length; i++) {
            assertAgree(expected[i], actual[i], "gradient " + i);
        }
    }

    @Test
    void givesTheSameBitsForOneAndTwoThreads() {
        Random random = new Random(20261123L);
        int size = 5 * ElementwiseReduction.GRAIN + 77;
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = (random.nextDouble() - 0.5) * 20;
            y[i] = random.nextInt(2);
        }
        Tensor logits = Tensor.wrap(x, size);
        Tensor targets = Tensor.wrap(y, size);
        Loss vector = vectorLoss(Map.of("from_logits", true, "pos_weight", 2.5));
        ThreadCountChecks.assertSameBitsForOneAndTwoThreads(vector, logits, targets);
    }
}
