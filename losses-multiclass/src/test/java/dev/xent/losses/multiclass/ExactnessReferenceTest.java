package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.ExactnessReference;
import dev.xent.testkit.ExactnessReference.Case;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both multi-class losses against the 60-digit reference of tools/exactness/generate_reference.py
 * (exactness/multiclass-reference.json): every per-row loss, reduced value and gradient element
 * within 4 ulps (values) or 8 ulps (gradients) plus twice its condition number, on the scalar kernels,
 * the vector kernel and the autodiff graph. docs/exactness.md quotes the printed summaries.
 *
 * <p>Known limit, left out and listed in docs/exactness.md: the focal loss's graph expression, whose
 * {@code 1 - softmax} cancels where a class's probability is near 1 (the kernels take {@code 1 - p} of
 * the largest class from the others' mass).
 */
class ExactnessReferenceTest {
    private static final List<Case> CASES = ExactnessReference.load(
            ExactnessReferenceTest.class.getResourceAsStream("/exactness/multiclass-reference.json"));

    @Test
    void fusedKernelsAreWithinTheBoundsOfTheHighPrecisionReference() {
        ExactnessReference.assertWithinBounds("multi-class losses, fused kernels", CASES, ExactnessReference.KERNEL,
                false, c -> false);
    }

    @Test
    void vectorKernelIsWithinTheBoundsOfTheHighPrecisionReference() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
        ExactnessReference.assertWithinBounds("multi-class losses, vector kernels", CASES, ExactnessReference.KERNEL,
                true, c -> false);
    }

    @Test
    void graphExpressionsAreWithinTheBoundsOfTheHighPrecisionReference() {
        ExactnessReference.assertWithinBounds("multi-class losses, autodiff graph", CASES, ExactnessReference.GRAPH,
                false, c -> c.loss().equals("categorical_focal_cross_entropy"));
    }
}
