package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.numeric.VectorMath;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Plain cross-entropy on logits for the targets {@link IndexLogitsKernel} does not take: distributions,
 * label smoothing (any coefficients {@code a_ic} of {@link TargetCoefficients}), with one row per vector
 * lane. The softmax parts (row maximum, first largest class {@code k}, shifts {@code z_c} with their
 * rounding errors {@code d_c}, {@code e_c = exp(z_c) (1 + d_c)}, {@code s = sum_{c != k} e_c}) are
 * {@link IndexLogitsVectorKernel#softmaxParts}'s; then, lane-wise in {@link ClassWiseKernel}'s order:
 * the loss {@code -sum_c a_c log p_c} (compensated, terms with {@code a_c = 0} adding 0),
 * {@code log p_c = z_c + (d_c - log1p(s))}, and the gradient {@code p_c A - a_c} with {@code A = A_o + a_k},
 * {@code A_o = sum_{c != k} a_c} (compensated), for class {@code k} {@code A_o - (s / (1 + s)) A}.
 * The coefficients go straight into class-major scratch with {@link TargetCoefficients#fill}'s operations:
 * distributions a group at a time, lane-wise, with validation's checks of each row when the kernel makes
 * them ({@link ClassWiseKernel#checksTargets}); class indices a class at a time ({@code uniform w_c}), then
 * each row's target. Rows are added to the chunk's sum in row order: the same bits for any thread count.
 * Differs from the scalar kernel only where the vector {@code exp} and {@code log1p} round differently
 * (about an ulp). Only loaded when the vector kernels are enabled.
 */
final class CoefficientLogitsVectorKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = IndexLogitsVectorKernel.LANES;
    private static final int GROUP = IndexLogitsVectorKernel.GROUP;

    private final int classes;
    // Class-major [c * GROUP + r], and one value per row of the group; made per chunk.
    // Package-private, with prepare() and gradients(), for TermLogitsVectorKernel.
    final IndexLogitsVectorKernel softmax;
    final double[] coefficients;
    final double[] meanWeights;
    /** Per row of the group: its one class whose coefficient may be other than 0, or -1 if not known (or none). */
    final int[] soleClasses;
    private final double[] scales;
    final double[] logs;
    final double[] reciprocals;
    private final double[] losses;

    /** Made at the start of a chunk, on the thread that runs it. */
    CoefficientLogitsVectorKernel(IndexLogitsKernel index, int classes) {
        this.softmax = new IndexLogitsVectorKernel(index, classes);
        this.classes = classes;
        this.coefficients = new double[classes * GROUP];
        this.soleClasses = new int[GROUP];
        this.meanWeights = new double[GROUP];
        this.scales = new double[GROUP];
        this.logs = new double[VectorMath.paddedLength(GROUP)];
        this.reciprocals = new double[VectorMath.paddedLength(GROUP)];
        this.losses = new double[GROUP];
    }

    /** Rows {@code [from, to)}: as {@link ClassWiseKernel#run} for them, adding to {@code sum} in row order. */
    void accumulate(Tensor logits, TargetCoefficients targets, SampleWeights sampleWeights, double denominator,
                    int from, int to, CompensatedSum sum, double[] perSampleOut, double[] gradientOut) {
        for (int start = from; start < to; start += GROUP) {
            int count = Math.min(GROUP, to - start);
            prepare(logits, targets, sampleWeights, denominator, start, count);
            losses();
            if (gradientOut != null) {
                gradients(coefficients);
            }
            softmax.finish(losses, sampleWeights, start, count, sum, perSampleOut, gradientOut);
        }
    }

    /**
     * The group of rows {@code [start, start + count)}: their coefficients, mean weights and gradient scales,
     * the softmax parts, {@code log1p(s)} and {@code 1 / (1 + s)}.
     */
    void prepare(Tensor logits, TargetCoefficients targets, SampleWeights sampleWeights, double denominator,
                 int start, int count) {
        softmax.load(logits, start, count);
        readCoefficients(targets, sampleWeights, denominator, start, count);
        softmax.softmaxParts();
        VectorMath.log1pAndReciprocal(softmax.others, logs, reciprocals, GROUP);
    }

    /** Each row's coefficients (class-major), mean weight and gradient scale; 0 past the last row. */
    private void readCoefficients(TargetCoefficients targets, SampleWeights sampleWeights, double denominator,
                                  int start, int count) {
        if (targets.distributions()) {
            readDistributions(targets, start, count);
            Arrays.fill(soleClasses, -1);
            for (int r = 0; r < GROUP; r++) {
                scales[r] = r < count ? sampleWeights.get(start + r) / denominator : 0.0;
            }
            return;
        }
        readIndices(targets, start, count);
        for (int r = 0; r < GROUP; r++) {
            scales[r] = r < count ? sampleWeights.get(start + r) / denominator : 0.0;
        }
    }

    /**
     * {@link TargetCoefficients#fill} for a group of index rows, with its operations: {@code a_c = uniform w_c},
     * then {@code a_y += keep w_y}, mean weight {@code w_y}; 0 and mean weight 0 for ignored rows and rows
     * past the last one. Without label smoothing {@link #soleClasses} names each row's one class whose
     * coefficient may be other than 0 ({@code y}; -1 for no class).
     */
    private void readIndices(TargetCoefficients targets, int start, int count) {
        double uniform = targets.uniform();
        double keep = targets.keep();
        boolean sole = targets.soleClass();
        for (int c = 0; c < classes; c++) {
            IndexLogitsVectorKernel.fill(coefficients, c * GROUP, (c + 1) * GROUP, uniform * targets.weight(c));
        }
        for (int r = 0; r < GROUP; r++) {
            int y = r < count ? targets.targetClass(start + r) : -1;
            soleClasses[r] = sole ? y : -1;
            if (y < 0) {
                meanWeights[r] = 0.0;
                for (int c = 0; c < classes; c++) {
                    coefficients[c * GROUP + r] = 0.0;
                }
                continue;
            }
            double weight = targets.weight(y);
            coefficients[y * GROUP + r] += keep * weight;
            meanWeights[r] = weight;
        }
    }

    /**
     * {@link TargetCoefficients#fill} for a group of distribution rows, lane-wise with its operations in its
     * order: {@code a_c = w_c (keep q_c + uniform)} ({@code keep q_c + uniform} without class weights), the
     * mean weight {@code sum_c a_c} compensated in class order (1 without class weights), and, if it checks
     * rows, validation's checks: each {@code q_c} in {@code [0, inf)} and the plain sum of {@code q} in class
     * order within {@link Validate#ROW_SUM_TOLERANCE} of 1, else {@link TargetRowRejected}. Rows past the last
     * one get mean weight 0 (their results are dropped).
     */
    private void readDistributions(TargetCoefficients targets, int start, int count) {
        IndexLogitsVectorKernel.loadClassMajor(targets.targets(), start, count, classes, coefficients);
        double[] classWeights = targets.classWeights();
        double keep = targets.keep();
        double uniform = targets.uniform();
        boolean check = targets.checksRows();
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int v = 0; v < GROUP; v += LANES) {
            VectorMask<Double> rows = SPECIES.indexInRange(v, count);
            DoubleVector total = zero;
            VectorMask<Double> inRange = rows;
            DoubleVector weightSum = zero;
            DoubleVector compensation = zero;
            for (int c = 0; c < classes; c++) {
                int i = c * GROUP + v;
                DoubleVector q = DoubleVector.fromArray(SPECIES, coefficients, i);
                inRange = inRange.and(q.compare(VectorOperators.GE, 0.0))
                        .and(q.compare(VectorOperators.LE, Double.MAX_VALUE));
                total = total.add(q);
                DoubleVector a = q.mul(keep).add(uniform);
                if (classWeights != null) {
                    a = a.mul(classWeights[c]); // w_c (keep q_c + uniform), the scalar fill's product
                    DoubleVector t = weightSum.add(a);
                    DoubleVector aPart = t.sub(weightSum);
                    compensation = compensation.add(weightSum.sub(t.sub(aPart)).add(a.sub(aPart)));
                    weightSum = t;
                }
                a.intoArray(coefficients, i);
            }
            if (check && !inRange.and(total.sub(1.0).abs().compare(VectorOperators.LE, Validate.ROW_SUM_TOLERANCE))
                    .eq(rows).allTrue()) {
                throw new TargetRowRejected();
            }
            DoubleVector meanWeight = DoubleVector.broadcast(SPECIES, 1.0);
            if (classWeights != null) { // CompensatedSum.value(): the plain sum once it is not finite
                VectorMask<Double> finite = weightSum.abs().compare(VectorOperators.LT, Double.POSITIVE_INFINITY);
                meanWeight = weightSum.add(compensation).blend(weightSum, finite.not());
            }
            meanWeight.blend(zero, rows.not()).intoArray(meanWeights, v);
        }
    }

    /**
     * Lane-wise {@code -sum_c a_c log p_c}, compensated in class order, 0 for a row with mean weight 0
     * (ignored): the scalar kernel's sum, which skips terms with {@code a_c = 0} (adding 0 changes no bits).
     */
    private void losses() {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        double[] shifted = softmax.shifted;
        double[] errors = softmax.errors;
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector logSum = DoubleVector.fromArray(SPECIES, logs, v);
            DoubleVector total = zero;
            DoubleVector compensation = zero;
            for (int c = 0; c < classes; c++) {
                int i = c * GROUP + v;
                DoubleVector a = DoubleVector.fromArray(SPECIES, coefficients, i);
                // shifted and errors are 0 at the first largest class (softmaxParts)
                DoubleVector logP = DoubleVector.fromArray(SPECIES, shifted, i)
                        .add(DoubleVector.fromArray(SPECIES, errors, i).sub(logSum));
                DoubleVector x = a.neg().mul(logP).blend(zero, a.eq(0.0)); // 0 log 0 = 0
                DoubleVector t = total.add(x);
                DoubleVector xPart = t.sub(total);
                compensation = compensation.add(total.sub(t.sub(xPart)).add(x.sub(xPart)));
                total = t;
            }
            // The scalar value(): the plain sum once it is infinite
            VectorMask<Double> finite = total.abs().compare(VectorOperators.LT, Double.POSITIVE_INFINITY);
            total.add(compensation).blend(total, finite.not())
                    .blend(zero, DoubleVector.fromArray(SPECIES, meanWeights, v).eq(0.0))
                    .intoArray(losses, v);
        }
    }

    /**
     * Lane-wise gradients {@code scale (p_c G - g_c)} with {@code G = sum_c g_c}, for the first largest class
     * {@code scale (G_o - (s / (1 + s)) G)} with {@code G_o = sum_{c != k} g_c} (compensated); 0 for ignored
     * rows and rows with gradient scale 0. {@code g} (class-major, finite, non-negative) is the coefficients
     * for cross-entropy, {@code a_c p_c f'(p_c)} for another term.
     */
    void gradients(double[] g) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        double[] exps = softmax.exps;
        double[] gradient = softmax.gradient;
        for (int v = 0; v < GROUP; v += LANES) {
            DoubleVector first = DoubleVector.fromArray(SPECIES, softmax.argMax, v);
            DoubleVector total = zero;
            DoubleVector compensation = zero;
            DoubleVector topCoefficient = zero;
            for (int c = 0; c < classes; c++) {
                DoubleVector a = DoubleVector.fromArray(SPECIES, g, c * GROUP + v);
                VectorMask<Double> top = first.eq(c);
                topCoefficient = topCoefficient.blend(a, top);
                DoubleVector x = a.blend(zero, top);
                DoubleVector t = total.add(x);
                DoubleVector xPart = t.sub(total);
                compensation = compensation.add(total.sub(t.sub(xPart)).add(x.sub(xPart)));
                total = t;
            }
            // g is finite and non-negative: so is their sum (at most C times the largest weight)
            DoubleVector othersCoefficient = total.add(compensation);
            DoubleVector all = othersCoefficient.add(topCoefficient);
            DoubleVector s = DoubleVector.fromArray(SPECIES, softmax.others, v);
            DoubleVector inverseSum = DoubleVector.fromArray(SPECIES, reciprocals, v);
            DoubleVector scale = DoubleVector.fromArray(SPECIES, scales, v);
            DoubleVector topGradient = scale.mul(othersCoefficient.sub(s.mul(inverseSum).mul(all)));
            VectorMask<Double> dead = DoubleVector.fromArray(SPECIES, meanWeights, v).eq(0.0).or(scale.eq(0.0));
            for (int c = 0; c < classes; c++) {
                int i = c * GROUP + v;
                DoubleVector p = DoubleVector.fromArray(SPECIES, exps, i).mul(inverseSum);
                scale.mul(p.mul(all).sub(DoubleVector.fromArray(SPECIES, g, i)))
                        .blend(topGradient, first.eq(c))
                        .blend(zero, dead)
                        .intoArray(gradient, i);
            }
        }
    }
}
