package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.Parallelism;
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
 * The Vector API kernel for BCE on probabilities ({@link BinaryProbabilitiesVectorKernel}) against the
 * scalar kernel: value, gradient and valueAndGradient to 1e-12 relative (the gradient's terms
 * {@code -pw y / p} and {@code (1 - y) / (1 - p)} cancel for soft labels: there a few ulps of the
 * larger term), exact limits at 0 and 1 with epsilon 0, the same bits for 1 and 2 threads.
 */
class BinaryProbabilitiesVectorKernelTest {
    private static final double RELATIVE = 1e-12;
    /** Probabilities at the clip bounds, near 0 and 1, subnormal and exactly 0 and 1. */
    private static final double[] EXTREMES = {0.0, 1.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-100, 1e-8,
        1e-7, 1.0000000000000002e-7, 0.9999999, 1 - 1e-16, 0.5, 0.25, 0.75, 1e-3, 0.999, 0.3, 0.7, 1 - 0x1p-53};

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    private static Loss vectorLoss(Map<String, ?> parameters) {
        // Every call on the vector kernels, however small (by default calls below 65,536 elements run scalar).
        ElementwiseLoss loss = VectorSwitch.on(() -> (ElementwiseLoss) Losses.create("binary_cross_entropy", parameters));
        assertNotNull(loss.vectorKernels(), "the module is present but the scalar kernel was chosen");
        return loss;
    }

    private static List<Map<String, Object>> parameterSets() {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (String reduction : List.of("mean", "sum", "none")) {
            for (double posWeight : List.of(1.0, 2.5)) {
                for (double smoothing : List.of(0.0, 0.2)) {
                    for (double epsilon : List.of(1e-7, 0.0, 0.05)) {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("reduction", reduction);
                        p.put("pos_weight", posWeight);
                        p.put("label_smoothing", smoothing);
                        p.put("epsilon", epsilon);
                        sets.add(p);
                    }
                }
            }
        }
        return sets;
    }

    private static void assertPathsAgree(Map<String, ?> parameters, Tensor p, Tensor targets, Tensor weights) {
        Loss scalar = VectorSwitch.off(() -> Losses.create("binary_cross_entropy", parameters));
        Loss vector = vectorLoss(parameters);
        double[] expected = scalar.gradient(p, targets, weights).toArray();
        double[] actual = vector.gradient(p, targets, weights).toArray();
        double posWeight = (double) parameters.get("pos_weight");
        double epsilon = (double) parameters.get("epsilon");
        double denominator = !"mean".equals(parameters.get("reduction")) ? 1.0
                : weights == null ? p.size() : CompensatedSum.of(weights.toArray());
        for (int i = 0; i < expected.length; i++) {
            String where = parameters + " gradient " + i + " at p = " + p.getFlat(i) + ", y = " + targets.getFlat(i);
            assertFalse(Double.isNaN(actual[i]), where);
            if (Double.isInfinite(expected[i])) {
                assertEquals(expected[i], actual[i], where);
                continue;
            }
            double pc = BinaryLogLoss.clip(p.getFlat(i), epsilon);
            double largestTerm = (weights == null ? 1.0 : weights.getFlat(i)) / denominator * (posWeight / pc + 1 / (1 - pc));
            assertEquals(expected[i], actual[i], RELATIVE * Math.abs(expected[i]) + 4 * Math.ulp(largestTerm), where);
        }
        if (!"none".equals(parameters.get("reduction"))) {
            double value = scalar.value(p, targets, weights);
            assertEquals(value, vector.value(p, targets, weights), RELATIVE * Math.abs(value) + 1e-300, parameters + " value");
            double[] buffer = new double[expected.length];
            assertEquals(value, vector.valueAndGradient(p, targets, weights, buffer), RELATIVE * Math.abs(value) + 1e-300,
                    parameters + " valueAndGradient");
            assertArrayEquals(actual, buffer, parameters + " valueAndGradient's gradient");
        } else {
            assertArrayEquals(scalar.perSample(p, targets).toArray(), vector.perSample(p, targets).toArray(),
                    parameters + " per-sample (scalar in both)");
        }
    }

    @Test
    void agreesWithTheScalarKernelOnRandomInputsOfEveryLengthAndWeighting() {
        for (Map<String, Object> parameters : parameterSets()) {
            RandomCases.forEachLength(20261203L, 2 * ElementwiseReduction.GRAIN + 13,
                    (random, i) -> i % 3 == 0 ? Math.pow(10, -random.nextDouble() * 12) : random.nextDouble(),
                    (x, y, w) -> assertPathsAgree(parameters, x, y, w));
        }
    }

    @Test
    void agreesAtExtremeProbabilitiesWithExactLimitsAndNoNaN() {
        ExtremeCases cases = ExtremeCases.withEachLabel(EXTREMES);
        for (Map<String, Object> parameters : parameterSets()) {
            assertPathsAgree(parameters, cases.predictions(), cases.targets(), null);
        }
        // epsilon 0: infinitely wrong certain probabilities give +inf and slope -+inf, certain right ones 0.
        Loss sum = vectorLoss(Map.of("epsilon", 0.0, "reduction", "sum"));
        assertEquals(0.0, sum.value(Tensor.of(1, 0), Tensor.of(1, 0)));
        assertEquals(Double.POSITIVE_INFINITY, sum.value(Tensor.of(0, 1), Tensor.of(1, 0)));
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                sum.gradient(Tensor.of(0, 1), Tensor.of(1, 0)).toArray());
    }

    @Test
    void matchesTheWorkedExample() {
        // BinaryCrossEntropy's javadoc: p = [0.9, 0.2, 0.6], y = [1, 0, 1], mean 0.2797766 (PyTorch: 0.27977656...).
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
        double actual = vectorLoss(Map.of()).value(Tensor.of(0.9, 0.2, 0.6), Tensor.of(1, 0, 1));
        assertEquals(expected, actual, 1e-15);
    }

    @Test
    void givesTheSameBitsForOneAndTwoThreads() {
        Random random = new Random(20261203L);
        int size = 5 * ElementwiseReduction.GRAIN + 77;
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble();
            y[i] = random.nextInt(2);
        }
        Tensor p = Tensor.wrap(x, size);
        Tensor targets = Tensor.wrap(y, size);
        Loss vector = vectorLoss(Map.of("pos_weight", 2.5));
        ThreadCountChecks.assertSameBitsForOneAndTwoThreads(vector, p, targets);
    }

    /**
     * The kernel checks the inputs as it reads them (no validation pass before it): a bad probability or
     * target anywhere, in a row of weight 0 too, gives the scalar path's error, on any thread count.
     */
    @Test
    void badInputsFoundInTheKernelGiveTheScalarPathsErrorsOnAnyThreadCount() {
        int size = 4 * ElementwiseReduction.GRAIN + 1234;
        Loss vector = vectorLoss(Map.of());
        Loss scalar = VectorSwitch.off(() -> Losses.create("binary_cross_entropy", Map.of()));
        int original = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                for (double bad : new double[] {Double.NaN, -1e-300, 1.0000000000000002, Double.POSITIVE_INFINITY}) {
                    for (int at : new int[] {3 * ElementwiseReduction.GRAIN + 5, size - 1, 100}) {
                        double[] x = new double[size];
                        double[] y = new double[size];
                        java.util.Arrays.fill(x, 0.25);
                        java.util.Arrays.fill(y, 1.0);
                        double[] w = new double[size / 2];
                        java.util.Arrays.fill(w, 1.0);
                        w[50] = 0.0; // element 100's row: weightless, still checked
                        x[at] = bad;
                        assertSameError(scalar, vector, Tensor.wrap(x, size / 2, 2), Tensor.wrap(y, size / 2, 2),
                                Tensor.wrap(w, size / 2));
                        x[at] = 0.25;
                        y[at] = bad;
                        assertSameError(scalar, vector, Tensor.wrap(x, size / 2, 2), Tensor.wrap(y, size / 2, 2), null);
                    }
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    private static void assertSameError(Loss scalar, Loss vector, Tensor p, Tensor targets, Tensor weights) {
        String expected = assertThrows(IllegalArgumentException.class,
                () -> scalar.valueAndGradient(p, targets, weights, new double[p.size()])).getMessage();
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> vector.valueAndGradient(p, targets, weights, new double[p.size()])).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> vector.value(p, targets, weights))
                .getMessage());
    }
}
