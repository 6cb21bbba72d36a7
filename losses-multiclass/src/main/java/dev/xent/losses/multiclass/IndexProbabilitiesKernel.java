package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.SampleWeights;

/**
 * {@link ClassWiseKernel} specialised to the value of plain cross-entropy on probabilities (not
 * normalized) with class-index targets and no label smoothing (class weights and {@code ignore_index}
 * allowed), when no gradient is asked for: row {@code i} with target {@code y} and weight
 * {@code w = w_y} (0 if ignored) has {@code l_i = -w log(clip(p_iy, eps, 1 - eps))}, one {@code log}
 * per row where the general kernel takes one per class. The same formula, order of operations and
 * chunks ({@link ChunkedSum}) as the general kernel, so the same bits, for any thread count.
 *
 * <p>It also makes the probability checks of validation while it reads each row (every value in
 * [0, 1], the row's plain sum within {@link Validate#ROW_SUM_TOLERANCE} of 1, ignored rows included),
 * so that the input is read once; on a failure it throws {@link ProbabilityRowRejected} and the caller
 * runs validation's checks ({@link ClassWiseKernel#requireProbabilityRows}), whose error names the first
 * offending value or row. {@link ClassWiseKernel} runs it for {@code value} and {@code perSample}; with a
 * gradient the general kernel runs (it reads the same single class per row, and writes every gradient entry).
 */
final class IndexProbabilitiesKernel {
    private final ClassWiseOptions options;

    IndexProbabilitiesKernel(ClassWiseOptions options) {
        this.options = options;
    }

    /** Whether this kernel computes what {@link ClassWiseKernel} would, given that no gradient is wanted. */
    static boolean appliesTo(ClassWiseOptions options, ClassTerm term, Tensor targets) {
        return !options.fromLogits && !options.normalize && targets.rank() == 1 && options.labelSmoothing == 0.0
                && term == CrossEntropyTerm.INSTANCE;
    }

    /**
     * As {@link ClassWiseKernel#run} without a gradient: {@code sum_i s_i l_i}, each {@code l_i} written
     * into {@code perSampleOut} if not null; throws {@link ProbabilityRowRejected} (having written part of
     * {@code perSampleOut}, perhaps) if a row fails validation's probability checks.
     */
    double run(Tensor probabilities, Tensor targets, SampleWeights sampleWeights, int grain, double[] perSampleOut) {
        int rows = probabilities.dim(0);
        int classes = probabilities.dim(1);
        double low = options.epsilon;
        double high = 1 - options.epsilon;
        return ChunkedSum.sum(rows, grain, (from, to, sum) -> {
            for (int r = from; r < to; r++) {
                int base = r * classes;
                double rowSum = 0; // plain, in class order: validation's sum, so the same rows pass
                boolean inRange = true;
                for (int c = 0; c < classes; c++) {
                    double p = probabilities.getFlat(base + c);
                    inRange &= (p >= 0) & (p <= 1); // not short-circuit: no branch per element
                    rowSum += p;
                }
                if (!inRange || !(Math.abs(rowSum - 1.0) <= Validate.ROW_SUM_TOLERANCE)) {
                    throw new ProbabilityRowRejected();
                }
                double y = targets.getFlat(r);
                boolean ignored = options.ignoreIndex != null && y == options.ignoreIndex;
                double loss = 0.0;
                if (!ignored) {
                    int target = (int) y;
                    double w = options.classWeights == null ? 1.0 : options.classWeights[target];
                    double u = Math.min(high, Math.max(low, probabilities.getFlat(base + target)));
                    loss = -w * Math.log(u);
                }
                if (perSampleOut != null) {
                    perSampleOut[r] = loss;
                }
                double s = sampleWeights.get(r);
                if (s != 0) {
                    sum.add(s * loss);
                }
            }
        });
    }
}
