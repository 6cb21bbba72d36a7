package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel of binary focal loss on probabilities ({@link BinaryFocalProbabilitiesVectorKernel})
 * against the scalar kernel: value and gradient to 1e-12 relative (of the larger product-rule term where
 * {@code F b'} and {@code b F'} cancel), exact limits at 0 and 1 with epsilon 0 and no NaN, the same bits for
 * 1 and 2 threads, for gamma 0, 0.5, 2 and 3.7, with and without alpha, label smoothing and sample weights.
 */
class BinaryFocalProbabilitiesVectorKernelTest {
    private static final double RELATIVE = 1e-12;
    private static final double[] EXTREMES = {0.0, 1.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-100, 1e-8,
        1e-7, 0.9999999, 1 - 1e-16, 0.5, 0.25, 0.75, 1e-3, 0.999, 0.3, 0.7, 1 - 0x1p-53};

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    private static List<Map<String, Object>> parameterSets() {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (double gamma : new double[] {0.0, 0.5, 2.0, 3.7}) {
            for (Double alpha : new Double[] {null, 0.25}) {
                for (double smoothing : new double[] {0.0, 0.2}) {
                    for (double epsilon : new double[] {1e-7, 0.0}) {
                        Map<String, Object> p = new HashMap<>();
                        p.put("gamma", gamma);
                        if (alpha != null) {
                            p.put("alpha", alpha);
                        }
                        p.put("label_smoothing", smoothing);
                        p.put("epsilon", epsilon);
                        p.put("reduction", sets.size() % 2 == 0 ? "mean" : "sum");
                        sets.add(p);
                    }
                }
            }
        }
        return sets;
    }

    private static void assertKernelsAgree(Map<String, Object> parameters, Tensor p, Tensor y, Tensor w) {
        Loss scalar = VectorSwitch.off(() -> Losses.create("binary_focal_cross_entropy", parameters));
        ElementwiseLoss vector = VectorSwitch.on(() -> (ElementwiseLoss) Losses.create("binary_focal_cross_entropy",
                parameters));
        assertTrue(vector.vectorKernels() instanceof SegmentKernels, "no vector kernel");
        var expected = scalar.valueAndGradient(p, y, w);
        var actual = VectorSwitch.on(() -> vector.valueAndGradient(p, y, w));
        double gamma = (double) parameters.get("gamma");
        double epsilon = (double) parameters.get("epsilon");
        double value = expected.value();
        String what = parameters.toString();
        if (Double.isInfinite(value)) {
            assertEquals(value, actual.value(), what);
        } else {
            assertEquals(value, actual.value(), RELATIVE * Math.abs(value) + 1e-300, what + " value");
        }
        double[] e = expected.gradient().toArray();
        double[] a = actual.gradient().toArray();
        boolean mean = "mean".equals(parameters.get("reduction"));
        double denominator = !mean ? 1.0 : w == null ? p.size() : CompensatedSum.of(w.toArray());
        for (int i = 0; i < e.length; i++) {
            String where = what + " gradient " + i + " at p = " + p.getFlat(i) + ", y = " + y.getFlat(i);
            double pc = BinaryLogLoss.clip(p.getFlat(i), epsilon);
            if (Double.isInfinite(e[i]) || e[i] == 0 || pc == 0 || pc == 1) {
                assertEquals(e[i], a[i], where); // the scalar kernel's limits, or elements it redoes
                continue;
            }
            assertFalse(Double.isNaN(a[i]), where);
            // F b' and b F' can cancel: 1e-12 of the larger term's size, |b'| <= 1/pc + 1/(1 - pc), b <= -log(pc (1 - pc))
            double scale = (w == null ? 1.0 : w.getFlat(i)) / denominator;
            double terms = scale * (1 / pc + 1 / (1 - pc)) * (1 + gamma * (1 - Math.log(pc) - Math.log1p(-pc)));
            assertEquals(e[i], a[i], RELATIVE * (Math.abs(e[i]) + terms), where);
        }
    }

    @Test
    void agreesWithTheScalarKernelOnRandomInputsOfEveryLengthAndWeighting() {
        List<Map<String, Object>> sets = parameterSets();
        for (int s = 0; s < sets.size(); s++) {
            Map<String, Object> parameters = sets.get(s);
            RandomCases.forEachLength(20261203L + s, s % 4 == 0 ? 2 * ElementwiseReduction.GRAIN + 13 : 700,
                    (random, i) -> i % 3 == 0 ? Math.pow(10, -random.nextDouble() * 12) : random.nextDouble(),
                    (x, y, w) -> assertKernelsAgree(parameters, x, y, w));
        }
    }

    @Test
    void agreesAtExtremeProbabilitiesWithExactLimitsAndNoNaN() {
        ExtremeCases cases = ExtremeCases.withEachLabel(EXTREMES);
        for (Map<String, Object> parameters : parameterSets()) {
            assertKernelsAgree(parameters, cases.predictions(), cases.targets(), null);
        }
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
        for (double gamma : new double[] {2.0, 3.7}) {
            Loss vector = VectorSwitch.on(() -> Losses.create("binary_focal_cross_entropy",
                    Map.of("gamma", gamma, "alpha", 0.25)));
            ThreadCountChecks.assertSameBitsForOneAndTwoThreads(vector, Tensor.wrap(x, size), Tensor.wrap(y, size));
        }
    }
}
