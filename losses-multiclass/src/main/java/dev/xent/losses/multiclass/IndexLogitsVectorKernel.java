package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.numeric.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link IndexLogitsKernel}'s computation with one row per vector lane: a group of rows is transposed
 * into class-major scratch ({@code [c * GROUP + r]}), so that each class of the group is a few vectors,
 * and the row maximum, its first index, the shift, the compensated sum of the other classes, the loss
 * and the gradient are lane-wise operations in the scalar kernel's order (class by class, the same
 * TwoSum steps per lane). {@code exp} is {@link VectorMath#expOfNonPositive}, {@code log1p} (and
 * {@code 1 / (1 + s)}) {@link VectorMath#log1pAndReciprocal}. Rows are added to the chunk's sum in row
 * order, so the result has the same bits for any thread count; it differs from the scalar kernel only
 * where the vector {@code exp} and {@code log} round differently (about an ulp). Only loaded when the
 * vector kernels are enabled.
 *
 * <p>Each pass sits in one method and takes its vectors from arrays: C2 keeps vectors in registers
 * only within the code it inlines, and boxes a vector passed to or returned from a call it does not.
 */
final class IndexLogitsVectorKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows per group: several vectors, so that each pass and each exp call covers a few hundred elements. */
    static final int GROUP = 4 * LANES;

    /** The scalar kernel, for its reading of targets and class weights. */
    private final IndexLogitsKernel kernel;
    private final int classes;
    // Class-major: [c * GROUP + r]. This thread's scratch (KernelScratch), kept for the chunk.
    // Package-private, with load(), softmaxParts() and finish(), for CoefficientLogitsVectorKernel.
    final double[] shifted;
    final double[] errors;
    final double[] exps;
    final double[] gradient;
    // One value per row of the group.
    final double[] argMax;
    final double[] others;
    private final double[] weights;
    private final double[] scales;
    private final double[] targetClasses;
    private final double[] logs;
    private final double[] reciprocals;
    private final double[] losses;

    /** Made at the start of a chunk, on the thread that runs it. */
    IndexLogitsVectorKernel(IndexLogitsKernel kernel, int classes) {
        this.kernel = kernel;
        this.classes = classes;
        int block = classes * GROUP;
        this.shifted = KernelScratch.doubles(0, block);
        this.exps = KernelScratch.doubles(1, block);
        this.gradient = KernelScratch.doubles(2, block);
        this.argMax = KernelScratch.doubles(3, GROUP);
        this.others = KernelScratch.doubles(4, GROUP);
        this.weights = KernelScratch.doubles(5, GROUP);
        this.scales = KernelScratch.doubles(6, GROUP);
        this.targetClasses = KernelScratch.doubles(7, GROUP);
        this.logs = KernelScratch.doubles(8, GROUP);
        this.reciprocals = KernelScratch.doubles(9, GROUP);
        this.losses = KernelScratch.doubles(10, GROUP);
        this.errors = KernelScratch.doubles(11, block);
    }

    /** Rows {@code [from, to)}: as {@link IndexLogitsKernel#run} for them, adding to {@code sum} in row order. */
    void accumulate(Tensor logits, Tensor targets, SampleWeights sampleWeights, double denominator, int from, int to,
                    CompensatedSum sum, double[] perSampleOut, double[] gradientOut) {
        for (int start = from; start < to; start += GROUP) {
            int count = Math.min(GROUP, to - start);
            load(logits, start, count);
            readTargets(targets, sampleWeights, denominator, start, count);
            softmaxParts();
            lossesAndGradients(gradientOut != null);
            finish(losses, sampleWeights, start, count, sum, perSampleOut, gradientOut);
        }
    }

    /**
     * Adds a group's weighted {@code rowLosses} to {@code sum} in row order, writes them into
     * {@code perSampleOut} and, if asked, the group's {@link #gradient} (class-major) into {@code gradientOut}.
     */
    void finish(double[] rowLosses, SampleWeights sampleWeights, int start, int count, CompensatedSum sum,
                double[] perSampleOut, double[] gradientOut) {
        for (int r = 0; r < count; r++) {
            int row = start + r;
            double loss = rowLosses[r];
            if (perSampleOut != null) {
                perSampleOut[row] = loss;
            }
            double s = sampleWeights.get(row);
            if (s != 0) {
                sum.add(s * loss);
            }
        }
        if (gradientOut != null) {
            for (int r = 0; r < count; r++) {
                int offset = (start + r) * classes;
                for (int c = 0; c < classes; c++) {
                    gradientOut[offset + c] = gradient[c * GROUP + r];
                }
            }
        }
    }

    /** Rows {@code [start, start + count)} of the logits into {@code shifted}, class-major; zeros past them. */
    void load(Tensor logits, int start, int count) {
        loadClassMajor(logits, start, count, classes, shifted);
    }

    /**
     * Rows {@code [start, start + count)} of an N x {@code classes} matrix into {@code out} class-major
     * ({@code [c * GROUP + r]}); zeros past them (finite: their results are dropped).
     */
    static void loadClassMajor(Tensor matrix, int start, int count, int classes, double[] out) {
        if (count < GROUP) {
            fill(out, 0, classes * GROUP, 0.0);
        }
        for (int r = 0; r < count; r++) {
            int offset = (start + r) * classes;
            for (int c = 0; c < classes; c++) {
                out[c * GROUP + r] = matrix.getFlat(offset + c);
            }
        }
    }

    /**
     * {@code a[from..to) = value} in whole vectors ({@code to - from} a multiple of {@link #LANES}): for the
     * group's short ranges, cheaper than {@link java.util.Arrays#fill}'s call.
     */
    static void fill(double[] a, int from, int to, double value) {
        DoubleVector v = DoubleVector.broadcast(SPECIES, value);
        for (int i = from; i < to; i += LANES) {
            v.intoArray(a, i);
        }
    }

    /** Each row's target class (-1 if ignored or past the last row), its weight and gradient scale (0 past the last row). */
    private void readTargets(Tensor targets, SampleWeights sampleWeights, double denominator, int start, int count) {
        for (int r = 0; r < GROUP; r++) {
            int row = start + r;
            int target = r < count ? kernel.target(targets.getFlat(row), classes) : -1;
            double s = r >= count ? 0.0 : sampleWeights.get(row);
            weights[r] = kernel.weight(target);
            scales[r] = s / denominator;
            targetClasses[r] = target;
        }
    }

    /**
     * Lane-wise: the row maximum, its first class, {@code shifted = x - max}, taken as 0 where
     * {@code x == max} (so infinite maxima give limits), its rounding error {@code errors} (TwoSum; 0 where
     * the shift is 0 or infinite), {@code exps = exp(shifted) (1 + errors)}, and the compensated
     * (TwoSum) sum {@code others} of {@code exps} over the classes but the first largest. Where the
     * maximum is a zero, the sign the comparisons keep may differ from {@code Math.max}'s, which changes
     * none of these results. A NaN logit throws {@link NaNLogitFound}: as the first class it makes the
     * maximum NaN, elsewhere the sum of the others.
     *
     * <p>This and {@link #lossesAndGradients} are each longer than C2 inlines (325 bytecodes), so each is
     * compiled on its own. Inlined into one compile with the group loop, their vector operations went
     * past C2's node budget in some runs, and an operation left as a call boxes its vectors (half speed).
     */
    void softmaxParts() {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector max = DoubleVector.fromArray(SPECIES, shifted, v);
            for (int c = 1; c < classes; c++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, shifted, c * GROUP + v);
                max = max.blend(x, x.compare(VectorOperators.GT, max)); // cheaper than MAX's NaN and -0.0 rules
            }
            if (max.compare(VectorOperators.NE, max).anyTrue()) { // NaN where the first class is
                throw new NaNLogitFound();
            }
            DoubleVector first = zero;
            for (int c = classes - 1; c >= 0; c--) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, shifted, c * GROUP + v);
                VectorMask<Double> top = x.compare(VectorOperators.EQ, max);
                first = first.blend((double) c, top); // the double overloads: the long ones check each value at run time
                DoubleVector z = x.sub(max);
                DoubleVector maxPart = z.sub(x); // TwoSum of x and -max: the shift's rounding error, exactly
                x.sub(z.sub(maxPart)).add(max.neg().sub(maxPart))
                        .blend(zero, top.or(z.eq(Double.NEGATIVE_INFINITY)))
                        .intoArray(errors, c * GROUP + v);
                z.blend(zero, top).intoArray(shifted, c * GROUP + v);
            }
            first.intoArray(argMax, v);
        }
        VectorMath.expOfNonPositive(shifted, exps, classes * GROUP);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector first = DoubleVector.fromArray(SPECIES, argMax, v);
            DoubleVector total = zero;
            DoubleVector compensation = zero;
            for (int c = 0; c < classes; c++) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, exps, c * GROUP + v);
                e = e.add(e.mul(DoubleVector.fromArray(SPECIES, errors, c * GROUP + v))); // exp(z + error)
                e.intoArray(exps, c * GROUP + v);
                DoubleVector x = e.blend(zero, first.eq(c));
                DoubleVector t = total.add(x);
                DoubleVector xPart = t.sub(total);
                compensation = compensation.add(total.sub(t.sub(xPart)).add(x.sub(xPart)));
                total = t;
            }
            if (total.compare(VectorOperators.NE, total).anyTrue()) {
                // A NaN in any other class: never the maximum, so its x - max, exp and the sum are NaN.
                throw new NaNLogitFound();
            }
            total.add(compensation).intoArray(others, v); // else finite: at most C - 1
        }
    }

    /**
     * Lane-wise, from {@link #softmaxParts}: the losses {@code -(w log p_y)}, {@code log p_y = z_y + (d_y - log1p(s))}
     * ({@code z_k} is exactly 0), 0 where {@code w = 0} (both {@code -z_y} and {@code log1p(s)} are
     * non-negative: no cancellation); then, if asked, the gradients {@code scale (p_c w - [c = y] w)},
     * for the largest class {@code scale ([k != y] w - (s / (1 + s)) w)}, 0 for ignored or weightless rows.
     */
    private void lossesAndGradients(boolean withGradients) {
        VectorMath.log1pAndReciprocal(others, logs, reciprocals, GROUP);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector target = DoubleVector.fromArray(SPECIES, targetClasses, v);
            DoubleVector targetShift = zero; // stays 0 for rows without a target
            DoubleVector targetError = zero;
            for (int c = 0; c < classes; c++) {
                VectorMask<Double> isTarget = target.eq(c);
                targetShift = targetShift.blend(DoubleVector.fromArray(SPECIES, shifted, c * GROUP + v), isTarget);
                targetError = targetError.blend(DoubleVector.fromArray(SPECIES, errors, c * GROUP + v), isTarget);
            }
            DoubleVector w = DoubleVector.fromArray(SPECIES, weights, v);
            DoubleVector logP = targetShift.add(targetError.sub(DoubleVector.fromArray(SPECIES, logs, v)));
            // + 0.0: a loss of exactly 0 is +0.0, as in the scalar kernel
            w.neg().mul(logP).add(0.0).blend(zero, w.eq(0.0)).intoArray(losses, v);
        }
        if (!withGradients) {
            return;
        }
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector first = DoubleVector.fromArray(SPECIES, argMax, v);
            DoubleVector s = DoubleVector.fromArray(SPECIES, others, v);
            DoubleVector w = DoubleVector.fromArray(SPECIES, weights, v);
            DoubleVector scale = DoubleVector.fromArray(SPECIES, scales, v);
            DoubleVector target = DoubleVector.fromArray(SPECIES, targetClasses, v);
            DoubleVector inverseSum = DoubleVector.fromArray(SPECIES, reciprocals, v);
            DoubleVector othersWeight = w.blend(zero, target.eq(first));
            DoubleVector topGradient = scale.mul(othersWeight.sub(s.mul(inverseSum).mul(w)));
            VectorMask<Double> dead = w.eq(0.0).or(scale.eq(0.0));
            for (int c = 0; c < classes; c++) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, exps, c * GROUP + v);
                DoubleVector targetWeight = w.blend(zero, target.compare(VectorOperators.NE, (double) c));
                scale.mul(e.mul(inverseSum).mul(w).sub(targetWeight))
                        .blend(topGradient, first.eq(c))
                        .blend(zero, dead)
                        .intoArray(gradient, c * GROUP + v);
            }
        }
    }
}
