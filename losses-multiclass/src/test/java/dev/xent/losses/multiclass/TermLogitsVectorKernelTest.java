package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel of categorical focal cross-entropy on logits ({@link TermLogitsVectorKernel}) against
 * the scalar class-wise kernel, by {@link CoefficientLogitsVectorKernelTest#assertVectorAgreesWithScalar}:
 * within 1e-12 relative and the same bits for 1, 2 and 4 threads, with class indices (the common case:
 * one term per row), label smoothing, distributions (one-hot rows with exact zeros among them), class
 * weights, {@code ignore_index}, zero sample weights, rows of zero logits and extremes (±inf, ±1e3, ±40,
 * 709, -745), for the default focusing exponent, a fractional one, 0 and a large one.
 */
class TermLogitsVectorKernelTest {
    private static final List<Double> WEIGHTS = List.of(0.5, 2.0, 0.125, 1.0, 3.0, 1.5, 0.25);

    private static final Object[][] OPTIONS = {
        {},
        {"gamma", 0.5, "alpha", 1.0, "label_smoothing", 0.1, "ignore_index", -100},
        {"gamma", 0.0, "class_weights", WEIGHTS},
        {"gamma", 5.0, "label_smoothing", 0.2, "ignore_index", -100, "class_weights", WEIGHTS},
        {"gamma", 1.5, "alpha", 0.75, "label_smoothing", 0.05},
    };

    @Test
    void focalOnLogitsAgreesWithTheScalarKernelWithin1e12AndHasTheSameBitsForAnyThreadCount() {
        CoefficientLogitsVectorKernelTest.assertVectorAgreesWithScalar(Fixtures::focal, OPTIONS);
    }

    @Test
    void aNaNLogitFoundByAVectorKernelGivesValidationsErrorNamingTheFirstOneOnAnyThreadCount() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        int original = Parallelism.threads();
        try {
            // 4000 rows of 10 classes: several chunks; NaNs in a late chunk, an ignored row, a row's first class
            Random random = new Random(5L);
            Tensor logits = Fixtures.logits(random, 4000, 10, 4.0);
            double[] x = logits.toArray();
            double[] y = Fixtures.labels(random, 4000, 10).toArray();
            x[3500 * 10 + 2] = Double.NaN;
            y[2000] = -100;
            x[2000 * 10 + 9] = Double.NaN;
            x[1700 * 10] = Double.NaN;
            Tensor[] in = {Tensor.wrap(x, 4000, 10), Tensor.wrap(y, 4000)};
            String expected = "logit at row 1700, column 0 is NaN";
            for (Object[] options : new Object[][] {{"from_logits", true, "ignore_index", -100},
                {"from_logits", true, "ignore_index", -100, "label_smoothing", 0.1}}) {
                for (boolean focal : new boolean[] {true, false}) {
                    Loss loss = VectorSwitch.on(() -> focal ? Fixtures.focal(options) : Fixtures.crossEntropy(options));
                    for (int threads : new int[] {1, 2, 4}) {
                        Parallelism.setThreads(threads);
                        String where = (focal ? "focal " : "cross-entropy ") + List.of(options) + ", " + threads + " threads";
                        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                                () -> loss.valueAndGradient(in[0], in[1], null, new double[x.length])).getMessage(), where);
                        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                                () -> loss.perSample(in[0], in[1])).getMessage(), where);
                    }
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
