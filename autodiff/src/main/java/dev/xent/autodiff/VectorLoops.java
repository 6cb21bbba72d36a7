package dev.xent.autodiff;

import dev.xent.core.numeric.VectorSupport;

/**
 * When the engine's exponentials and logarithms take core's Vector API loops
 * ({@link dev.xent.core.numeric.VectorMath}) instead of {@link Math}: arrays above
 * {@link ParallelLoops#GRAIN} elements with at least {@link VectorSupport#minElements()} of them, while
 * {@link VectorSupport#enabled()} (the module is present and {@code -Dxent.vector} is not false), as the
 * fused kernels choose. The choice depends on the size only, so the same input gives the same bits every
 * time and on any thread count; the two paths agree to within a few ulps (the vector kernels' documented
 * agreement), and a small graph pays one comparison.
 */
final class VectorLoops {
    private VectorLoops() {
    }

    /** Whether an op over {@code n} elements runs its exponentials and logarithms on the vector loops. */
    static boolean enabledFor(int n) {
        return n > ParallelLoops.GRAIN && VectorSupport.enabled() && n >= VectorSupport.minElements();
    }
}
