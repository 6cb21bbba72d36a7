package dev.xent.losses.multiclass;

import dev.xent.autodiff.StableMath;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link IndexLogitsKernel}'s computation with one row per vector lane: a group of rows is transposed
 * into class-major scratch ({@code [c * GROUP + r]}), so that each class of the group is a few vectors,
 * and the row maximum, its first index, the shift, the compensated sum of the other classes and the
 * gradient are lane-wise operations in the scalar kernel's order (class by class, the same TwoSum
 * steps per lane). {@code exp} is {@link VectorMath#expOfNonPositive}, {@code log1p} and the loss are
 * per row as in the scalar kernel. Rows are added to the chunk's sum in row order, so the result has
 * the same bits for any thread count; it differs from the scalar kernel only where the vector
 * {@code exp} rounds differently (about an ulp). Only loaded when the vector kernels are enabled.
 *
 * <p>Each pass sits in one method and takes its vectors from arrays: C2 keeps vectors in registers
 * only within the code it inlines, and boxes a vector passed to or returned from a call it does not.
 */
final class IndexLogitsVectorKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows per group: several vectors, so that each pass and each exp call covers a few hundred elements. */
    private static final int GROUP = 4 * LANES;

    /** The scalar kernel, for its reading of targets and class weights. */
    private final IndexLogitsKernel kernel;
    private final int classes;
    // Class-major: [c * GROUP + r]. This thread's scratch (KernelScratch), kept for the chunk.
    private final double[] shifted;
    private final double[] exps;
    private final double[] gradient;
    // One value per row of the group.
    private final double[] argMax;
    private final double[] others;
    private final double[] weights;
    private final double[] scales;
    private final double[] targetClasses;

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
    }

    /** Rows {@code [from, to)}: as {@link IndexLogitsKernel#run} for them, adding to {@code sum} in row order. */
    void accumulate(Tensor logits, Tensor targets, Tensor sampleWeights, double denominator, int from, int to,
                    CompensatedSum sum, double[] perSampleOut, double[] gradientOut) {
        for (int start = from; start < to; start += GROUP) {
            int count = Math.min(GROUP, to - start);
            if (count < GROUP) {
                // Rows past the last one hold zeros: finite, and their results are dropped.
                Arrays.fill(shifted, 0, classes * GROUP, 0.0);
            }
            for (int r = 0; r < count; r++) {
                int offset = (start + r) * classes;
                for (int c = 0; c < classes; c++) {
                    shifted[c * GROUP + r] = logits.getFlat(offset + c);
                }
            }
            shiftByMaximum();
            VectorMath.expOfNonPositive(shifted, exps, classes * GROUP);
            sumOthers();
            for (int r = 0; r < GROUP; r++) {
                weights[r] = 0.0;
                scales[r] = 0.0;
                targetClasses[r] = -1;
            }
            for (int r = 0; r < count; r++) {
                int row = start + r;
                double s = sampleWeights == null ? 1.0 : sampleWeights.getFlat(row);
                int target = kernel.target(targets.getFlat(row));
                double w = kernel.weight(target);
                double loss = w == 0 ? 0.0 : rowLoss(r, target, w);
                if (perSampleOut != null) {
                    perSampleOut[row] = loss;
                }
                if (s != 0) {
                    sum.add(s * loss);
                }
                weights[r] = w;
                scales[r] = s / denominator;
                targetClasses[r] = target;
            }
            if (gradientOut != null) {
                gradients();
                for (int r = 0; r < count; r++) {
                    int offset = (start + r) * classes;
                    for (int c = 0; c < classes; c++) {
                        gradientOut[offset + c] = gradient[c * GROUP + r];
                    }
                }
            }
        }
    }

    /** {@code -(w log p_y)} of row r of the group, as the scalar kernel computes it. */
    private double rowLoss(int r, int target, double w) {
        double logP = (target == (int) argMax[r] ? 0.0 : shifted[target * GROUP + r])
                - StableMath.log1p(others[r]);
        return -w * logP + 0.0; // + 0.0: a loss of exactly 0 is +0.0, as in the scalar kernel
    }

    /**
     * Lane-wise: the row maximum ({@code Math.max} semantics), its first class, and
     * {@code shifted = x - max}, taken as 0 where {@code x == max} (so infinite maxima give limits).
     */
    private void shiftByMaximum() {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector max = DoubleVector.fromArray(SPECIES, shifted, v);
            for (int c = 1; c < classes; c++) {
                max = max.lanewise(VectorOperators.MAX, DoubleVector.fromArray(SPECIES, shifted, c * GROUP + v));
            }
            DoubleVector first = zero;
            for (int c = classes - 1; c >= 0; c--) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, shifted, c * GROUP + v);
                VectorMask<Double> top = x.compare(VectorOperators.EQ, max);
                first = first.blend(c, top);
                x.sub(max).blend(zero, top).intoArray(shifted, c * GROUP + v);
            }
            first.intoArray(argMax, v);
        }
    }

    /** Lane-wise compensated (TwoSum) sum of {@code exp(shifted)} over the classes but the first largest. */
    private void sumOthers() {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector first = DoubleVector.fromArray(SPECIES, argMax, v);
            DoubleVector total = zero;
            DoubleVector compensation = zero;
            for (int c = 0; c < classes; c++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, exps, c * GROUP + v).blend(zero, first.eq(c));
                DoubleVector t = total.add(x);
                DoubleVector xPart = t.sub(total);
                compensation = compensation.add(total.sub(t.sub(xPart)).add(x.sub(xPart)));
                total = t;
            }
            total.add(compensation).intoArray(others, v); // finite: at most C - 1
        }
    }

    /**
     * Lane-wise {@code scale (p_c w - [c = y] w)}, for the largest class {@code scale ([k != y] w - (s / (1 + s)) w)};
     * 0 for ignored or weightless rows.
     */
    private void gradients() {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector first = DoubleVector.fromArray(SPECIES, argMax, v);
            DoubleVector s = DoubleVector.fromArray(SPECIES, others, v);
            DoubleVector w = DoubleVector.fromArray(SPECIES, weights, v);
            DoubleVector scale = DoubleVector.fromArray(SPECIES, scales, v);
            DoubleVector target = DoubleVector.fromArray(SPECIES, targetClasses, v);
            DoubleVector inverseSum = one.div(s.add(1.0));
            DoubleVector othersWeight = w.blend(zero, target.eq(first));
            DoubleVector topGradient = scale.mul(othersWeight.sub(s.mul(inverseSum).mul(w)));
            VectorMask<Double> dead = w.eq(0.0).or(scale.eq(0.0));
            for (int c = 0; c < classes; c++) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, exps, c * GROUP + v);
                DoubleVector targetWeight = w.blend(zero, target.compare(VectorOperators.NE, c));
                scale.mul(e.mul(inverseSum).mul(w).sub(targetWeight))
                        .blend(topGradient, first.eq(c))
                        .blend(zero, dead)
                        .intoArray(gradient, c * GROUP + v);
            }
        }
    }
}
