package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;

/**
 * A class term other than plain cross-entropy (categorical focal: {@code alpha (1 - p)^gamma log p}) on
 * logits, any targets, with the vector softmax: {@link CoefficientLogitsVectorKernel#prepare} gives a group
 * of rows' coefficients, shifts, {@code exp}s, {@code log1p(s)} and {@code 1 / (1 + s)} lane-wise; then,
 * row by row and only for the classes with {@code a_c != 0} (one per row for class indices without label
 * smoothing), {@code log p_c = z_c + (d_c - log1p(s))}, {@code p_c = e_c / (1 + s)},
 * {@code 1 - p_c} ({@code s / (1 + s)} for the first largest class), the compensated loss
 * {@code -sum_c a_c f(p_c)} and {@code g_c = a_c p_c f'(p_c)}, with {@link ClassWiseKernel}'s operations
 * in its order (the term's {@code Math.pow} included); the gradient {@code p_c G - g_c} is
 * {@link CoefficientLogitsVectorKernel#gradients}'s, lane-wise. Differs from the scalar kernel only where the
 * vector {@code exp} and {@code log1p} round differently; rows are added in row order, so the result has
 * the same bits for any thread count. Only loaded when the vector kernels are enabled.
 */
final class TermLogitsVectorKernel {
    private static final int GROUP = IndexLogitsVectorKernel.GROUP;

    private final CoefficientLogitsVectorKernel parts;
    private final ClassTerm term;
    private final int classes;
    /** {@code g_c}, class-major, 0 where {@code a_c = 0}; made per chunk. */
    private final double[] slopes;
    private final double[] losses = new double[GROUP];
    private final CompensatedSum rowSum = new CompensatedSum();

    /** Made at the start of a chunk, on the thread that runs it. */
    TermLogitsVectorKernel(IndexLogitsKernel index, int classes, ClassTerm term) {
        this.parts = new CoefficientLogitsVectorKernel(index, classes);
        this.term = term;
        this.classes = classes;
        this.slopes = new double[classes * GROUP];
    }

    /** Rows {@code [from, to)}: as {@link ClassWiseKernel#run} for them, adding to {@code sum} in row order. */
    void accumulate(Tensor logits, TargetCoefficients targets, SampleWeights sampleWeights, double denominator,
                    int from, int to, CompensatedSum sum, double[] perSampleOut, double[] gradientOut) {
        for (int start = from; start < to; start += GROUP) {
            int count = Math.min(GROUP, to - start);
            parts.prepare(logits, targets, sampleWeights, denominator, start, count);
            IndexLogitsVectorKernel.fill(slopes, 0, classes * GROUP, 0.0); // rowLossAndSlopes skips g_c = 0 where a_c = 0
            for (int r = 0; r < count; r++) {
                losses[r] = rowLossAndSlopes(r);
            }
            if (gradientOut != null) {
                parts.gradients(slopes);
            }
            parts.softmax.finish(losses, sampleWeights, start, count, sum, perSampleOut, gradientOut);
        }
    }

    /**
     * Row {@code r} of the group: its loss (0 if ignored) and its {@code g_c} into {@link #slopes} (left 0 where
     * {@code a_c = 0}). Only the row's {@link CoefficientLogitsVectorKernel#soleClasses sole class} if it has
     * one, else every class. Rows past the last one are never asked: their gradients are dropped.
     */
    private double rowLossAndSlopes(int r) {
        if (parts.meanWeights[r] == 0) { // ignored
            return 0.0;
        }
        rowSum.reset();
        int sole = parts.soleClasses[r];
        if (sole >= 0) {
            addTerm(r, sole);
        } else {
            for (int c = 0; c < classes; c++) {
                addTerm(r, c);
            }
        }
        return rowSum.value();
    }

    /** Class {@code c} of row {@code r}: {@code -a_c f(p_c)} into the row's sum and {@code g_c} into {@link #slopes}, unless {@code a_c = 0}. */
    private void addTerm(int r, int c) {
        int i = c * GROUP + r;
        double a = parts.coefficients[i];
        if (a == 0) {
            return;
        }
        IndexLogitsVectorKernel softmax = parts.softmax;
        double inverseSum = parts.reciprocals[r];
        // shifted and errors are 0 at the first largest class (softmaxParts), as the scalar kernel's
        double logP = softmax.shifted[i] + (softmax.errors[i] - parts.logs[r]);
        double p = softmax.exps[i] * inverseSum;
        double complement = c == (int) softmax.argMax[r] ? softmax.others[r] * inverseSum : 1 - p;
        rowSum.add(-a * term.value(logP, p, complement));
        slopes[i] = a * term.slope(logP, p, complement);
    }
}
