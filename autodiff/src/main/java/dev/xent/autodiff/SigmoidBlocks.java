package dev.xent.autodiff;

import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;

/**
 * {@link SigmoidParts} of a range with core's Vector API loops ({@link VectorMath}): block by block,
 * {@code e = exp(-|x|)}, then {@code log1p(e)} and {@code r = 1 / (1 + e)}, then the same element steps
 * as the scalar loop. Only loaded when {@link VectorLoops#enabledFor} says so (without the incubator
 * module this class is never touched). A NaN element takes the scalar steps (the vector loops assume
 * numbers); infinite ones need nothing: {@code exp(-inf) = 0} there as in {@link Math#exp}.
 */
final class SigmoidBlocks {
    /** Elements per block: a multiple of every lane count; the three scratch blocks (6 KB, per thread) stay in L1. */
    private static final int BLOCK = 256;

    private SigmoidBlocks() {
    }

    static void fill(double[] x, double[] log1pExp, double[] sigmoid, double[] sigmoidOfMinus, int from, int to) {
        double[] exps = KernelScratch.doubles(0, BLOCK);
        double[] logs = KernelScratch.doubles(1, BLOCK);
        double[] reciprocals = KernelScratch.doubles(2, BLOCK);
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            for (int j = 0; j < count; j++) {
                exps[j] = -Math.abs(x[start + j]);
            }
            for (int j = count, padded = VectorMath.paddedLength(count); j < padded; j++) {
                exps[j] = 0.0; // padding: a finite value whose results are dropped
            }
            VectorMath.expOfNonPositive(exps, exps, count);
            VectorMath.log1pAndReciprocal(exps, logs, reciprocals, count);
            for (int j = 0; j < count; j++) {
                int i = start + j;
                if (x[i] != x[i]) {
                    SigmoidParts.element(x, log1pExp, sigmoid, sigmoidOfMinus, i);
                } else {
                    SigmoidParts.store(x[i], exps[j], reciprocals[j], logs[j], log1pExp, sigmoid, sigmoidOfMinus, i);
                }
            }
        }
    }
}
