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
import dev.xent.core.numeric.StableMath;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel for binary focal cross-entropy on logits ({@link BinaryFocalLogitsVectorKernel})
 * against the scalar kernel: value, gradient and valueAndGradient to 1e-12 relative for gamma 0, 1, 2 and
 * non-integer, with and without alpha, hard and soft labels (where the soft-label gradient's terms cancel,
 * a few ulps of them), extreme
 * logits with their exact limits, zero weights; the same bits for 1 and 2 threads.
 */
class BinaryFocalLogitsVectorKernelTest {
    private static final double RELATIVE = 1e-12;
    /** Logits at and beyond the ends of exp's range, large, moderate and zero. */
    private static final double[] EXTREMES = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1e300, 1e300, -1e3,
        1e3, -745, 745, -709, 709, -708.5, 708.5, -40, 40, -36.7, 36.7, -1, 1, -0.0, 0.0, 1e-300, -1e-12};

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    private static Loss vectorLoss(Map<String, ?> parameters) {
        // Every call on the vector kernels, however small (by default calls below 65,536 elements run scalar).
        ElementwiseLoss loss = VectorSwitch.on(() -> (ElementwiseLoss) Losses.create("binary_focal_cross_entropy", parameters));
        assertNotNull(loss.vectorKernels(), "the module is present but the scalar kernel was chosen");
        return loss;
    }

    private static List<Map<String, Object>> parameterSets() {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (String reduction : List.of("mean", "sum")) {
            for (double gamma : List.of(2.0, 0.0, 1.0, 0.5, 3.7)) {
                for (Double alpha : new Double[] {null, 0.25, 1.0}) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("from_logits", true);
                    p.put("reduction", reduction);
                    p.put("gamma", gamma);
                    if (alpha != null) {
                        p.put("alpha", alpha);
                    }
                    sets.add(p);
                }
            }
        }
        return sets;
    }

    private static void assertPathsAgree(Map<String, ?> parameters, Tensor x, Tensor targets, Tensor weights) {
        Loss scalar = VectorSwitch.off(() -> Losses.create("binary_focal_cross_entropy", parameters));
        Loss vector = vectorLoss(parameters);
        double[] expected = scalar.gradient(x, targets, weights).toArray();
        double[] actual = vector.gradient(x, targets, weights).toArray();
        double denominator = !"mean".equals(parameters.get("reduction")) ? 1.0
                : weights == null ? x.size() : CompensatedSum.of(weights.toArray());
        for (int i = 0; i < expected.length; i++) {
            String where = parameters + " gradient " + i + " at x = " + x.getFlat(i) + ", y = " + targets.getFlat(i);
            assertFalse(Double.isNaN(actual[i]), where);
            double weight = weights == null ? 1.0 : weights.getFlat(i);
            double largestTerms = weight / denominator * softLabelTerms(parameters, x.getFlat(i), targets.getFlat(i));
            assertEquals(expected[i], actual[i], RELATIVE * Math.abs(expected[i]) + 8 * Math.ulp(largestTerms) + 1e-300,
                    where);
        }
        double value = scalar.value(x, targets, weights);
        assertEquals(value, vector.value(x, targets, weights), RELATIVE * Math.abs(value) + 1e-300, parameters + " value");
        double[] buffer = new double[expected.length];
        assertEquals(value, vector.valueAndGradient(x, targets, weights, buffer), RELATIVE * Math.abs(value) + 1e-300,
                parameters + " valueAndGradient");
        assertArrayEquals(actual, buffer, parameters + " valueAndGradient's gradient");
    }

    /**
     * For a soft label, the sum of the magnitudes of the gradient's terms
     * {@code F (1 - y) sigmoid(x)}, {@code F y sigmoid(-x)} and {@code bce dF/dx}, which cancel where
     * {@code sigmoid(x)} is near y: there the comparison allows a few ulps of them. 0 for hard labels.
     */
    private static double softLabelTerms(Map<String, ?> parameters, double x, double y) {
        if (y == 0 || y == 1 || Double.isInfinite(x)) {
            return 0.0;
        }
        double gamma = (double) parameters.get("gamma");
        double sigmoidOfX = StableMath.sigmoid(x);
        double sigmoidOfMinusX = StableMath.sigmoid(-x);
        double remaining = y * sigmoidOfMinusX + (1 - y) * sigmoidOfX;
        double factor = Math.pow(remaining, gamma);
        double bce = (1 - y) * StableMath.softplus(x) + y * StableMath.softplus(-x);
        return factor * ((1 - y) * sigmoidOfX + y * sigmoidOfMinusX)
                + bce * gamma * factor * sigmoidOfX * sigmoidOfMinusX / remaining;
    }

    @Test
    void agreesWithTheScalarKernelOnRandomInputsOfEveryLengthAndWeighting() {
        for (Map<String, Object> parameters : parameterSets()) {
            RandomCases.forEachLength(20261203L, ElementwiseReduction.GRAIN + 13,
                    (random, i) -> i % 3 == 0 ? random.nextGaussian() * 40 : random.nextGaussian() * 4,
                    (x, y, w) -> assertPathsAgree(parameters, x, y, w));
        }
    }

    @Test
    void agreesAtExtremeLogitsWithExactLimitsAndNoNaN() {
        ExtremeCases cases = ExtremeCases.withEachLabel(EXTREMES);
        int size = cases.predictions().size();
        double[] w = new double[size];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 7 == 0 ? 0.0 : 1e3 * (i % 3);
        }
        for (Map<String, Object> parameters : parameterSets()) {
            // The certainly wrong elements at -+inf make the value +inf on both paths.
            assertPathsAgree(parameters, cases.predictions(), cases.targets(), null);
            assertPathsAgree(parameters, cases.predictions(), cases.targets(), Tensor.wrap(w, size));
        }
        // At +-inf: certain right gives 0 with slope 0, certain wrong +inf with slope -+1 (F = 1).
        Loss sum = vectorLoss(Map.of("from_logits", true, "reduction", "sum"));
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(0.0, sum.value(Tensor.of(inf, -inf), Tensor.of(1, 0)));
        assertArrayEquals(new double[] {0.0, 0.0}, sum.gradient(Tensor.of(inf, -inf), Tensor.of(1, 0)).toArray());
        assertEquals(inf, sum.value(Tensor.of(-inf, inf), Tensor.of(1, 0)));
        assertArrayEquals(new double[] {-1.0, 1.0}, sum.gradient(Tensor.of(-inf, inf), Tensor.of(1, 0)).toArray());
        Loss weighted = vectorLoss(Map.of("from_logits", true, "reduction", "sum", "alpha", 1.0));
        assertEquals(0.0, weighted.value(Tensor.of(inf), Tensor.of(0)), "a weightless element is 0, even at +inf");
    }

    @Test
    void zeroSampleWeightsAndWeightlessLabelsContributeNothing() {
        Random random = new Random(7);
        int size = 1000;
        double[] x = new double[size];
        double[] y = new double[size];
        double[] w = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextGaussian() * 5;
            y[i] = random.nextInt(2);
            w[i] = i % 2;
        }
        for (Map<String, Object> parameters : parameterSets()) {
            assertPathsAgree(parameters, Tensor.wrap(x, size), Tensor.wrap(y, size), Tensor.wrap(w, size));
            double[] gradient = vectorLoss(parameters).gradient(Tensor.wrap(x, size), Tensor.wrap(y, size),
                    Tensor.wrap(w, size)).toArray();
            for (int i = 0; i < size; i += 2) {
                assertEquals(0.0, gradient[i], parameters + " gradient " + i);
            }
        }
    }

    @Test
    void isNotUsedWithLabelSmoothingAndProbabilitiesHaveTheirOwn() {
        assertNull(((ElementwiseLoss) Losses.create("binary_focal_cross_entropy",
                Map.of("from_logits", true, "label_smoothing", 0.1))).vectorKernels());
        assertFalse(((ElementwiseLoss) Losses.create("binary_focal_cross_entropy", Map.of())).vectorKernels()
                .forChunk() instanceof BinaryFocalLogitsVectorKernel);
    }

    @Test
    void givesTheSameBitsForOneAndTwoThreads() {
        Random random = new Random(20261203L);
        int size = 5 * ElementwiseReduction.GRAIN + 77;
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextGaussian() * 6;
            y[i] = i % 11 == 0 ? random.nextDouble() : random.nextInt(2);
        }
        Tensor logits = Tensor.wrap(x, size);
        Tensor targets = Tensor.wrap(y, size);
        for (double gamma : new double[] {2.0, 1.5}) {
            Loss vector = vectorLoss(Map.of("from_logits", true, "gamma", gamma, "alpha", 0.25));
            ThreadCountChecks.assertSameBitsForOneAndTwoThreads(vector, logits, targets);
        }
    }
}
