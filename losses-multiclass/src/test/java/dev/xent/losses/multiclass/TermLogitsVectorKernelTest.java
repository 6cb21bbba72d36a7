package dev.xent.losses.multiclass;

import java.util.List;
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
}
