package dev.xent.losses.multiclass;

import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.numeric.StableMath;
import dev.xent.core.numeric.VectorSupport;
import java.util.Arrays;

/**
 * The fused analytic kernel of both multi-class losses: one pass per row computes
 * {@code l_i = -sum_c a_ic f(p_ic)} and, when asked, its gradient, writing into caller-owned buffers.
 * Rows are processed in chunks of about 16384 elements through {@link ChunkedSum}, so large batches
 * run in parallel and the result has the same bits for any thread count. Scratch arrays are
 * allocated once per chunk, never per element.
 *
 * <p>Logits: {@code log p_c = (x_c - m) - log1p(s)} where {@code m} is the row maximum (first
 * occurrence {@code k}) and {@code s = sum_{c != k} exp(x_c - m)}, {@code p_c = exp(x_c - m) / (1 + s)} (one
 * {@code exp} per element); the rounding error {@code d_c} of {@code z_c = x_c - m} is carried
 * ({@link StableMath#shiftError}: {@code exp(z_c) (1 + d_c)}, {@code log p_c = z_c + (d_c - log1p(s))}),
 * so wide margins cost no precision; {@code x - m} is taken as 0 where
 * {@code x == m}, so infinite logits give limits, and {@code 1 - p_k = s / (1 + s)} keeps full
 * precision for confident rows. Gradient: {@code dl/dx_c = p_c G - g_c} with
 * {@code g_c = a_c p_c f'(p_c)} and {@code G = sum_c g_c} (for cross-entropy {@code p_c A - a_c}),
 * for class {@code k} evaluated as {@code sum_{c != k} g_c - (1 - p_k) G} so that a confident row's
 * gradient keeps its relative precision and sums to zero.
 *
 * <p>Probabilities: {@code p' = p / sum(p)} if normalizing, {@code u = clip(p', eps, 1 - eps)},
 * {@code h_c = dl/du_c = -a_c f'(u_c)} where {@code p'_c} lies in {@code [eps, 1 - eps]} and 0
 * outside (the clamp convention of PyTorch and TensorFlow), then {@code dl/dp_c = h_c} or, when
 * normalizing, {@code (h_c - sum_k h_k p'_k) / sum(p)}.
 *
 * <p>Terms with {@code a_ic = 0} are skipped: {@code 0 log 0 = 0}.
 */
final class ClassWiseKernel {
    private static final int GRAIN_ELEMENTS = 16384;

    private final String lossName;
    private final ClassWiseOptions options;
    private final ClassTerm term;
    private final IndexLogitsKernel indexLogits;
    private final IndexProbabilitiesKernel indexProbabilities;
    private final boolean vector;
    private final int minVectorElements;

    ClassWiseKernel(String lossName, ClassWiseOptions options, ClassTerm term) {
        this.lossName = lossName;
        this.options = options;
        this.term = term;
        this.vector = VectorSupport.enabled();
        this.minVectorElements = VectorSupport.minElements();
        this.indexLogits = new IndexLogitsKernel(options, vector, minVectorElements);
        this.indexProbabilities = new IndexProbabilitiesKernel(options);
    }

    private static int grain(int classes) {
        return Math.max(1, GRAIN_ELEMENTS / Math.max(1, classes));
    }

    /**
     * {@code sum_i s_i m_i}, the denominator of the mean, by {@link ReductionRules#meanDenominator} (each
     * row's mean weight from its targets; none where every one is 1).
     */
    double meanDenominator(Tensor predictions, Tensor targets, SampleWeights sampleWeights) {
        int classes = predictions.dim(1);
        TargetCoefficients coefficients = new TargetCoefficients(options, targets, classes);
        ReductionRules.RowMeanWeights meanWeights = coefficients.unitMeanWeights() ? null : () -> {
            double[] a = new double[classes];
            CompensatedSum scratch = new CompensatedSum();
            return r -> coefficients.meanWeight(r, a, scratch);
        };
        return ReductionRules.meanDenominator(lossName, predictions.dim(0), 1, sampleWeights, meanWeights,
                grain(classes));
    }

    /**
     * Whether {@link #run} checks the predictions itself, as it reads them, so that the caller need not
     * before: logits for NaN ({@link Validate#notNaN}'s error), probabilities without {@code normalize} for
     * range and row sums ({@link #requireProbabilityRows}' errors). A separate pass would read the whole
     * input from memory once more.
     */
    boolean checksPredictions(Tensor predictions, Tensor targets) {
        return options.fromLogits || !options.normalize;
    }

    /**
     * Whether {@link #run} also checks the targets' values as it reads them, so that the caller checks only
     * their shape ({@link Validate#classTargetShapes}): distributions ({@link TargetCoefficients#fill}) where
     * it checks the predictions, so that a failure can name the offender validation's order names first;
     * class indices where {@link IndexLogitsKernel} runs without class weights (the mean's denominator,
     * computed before the kernel, reads the class weights of the targets).
     */
    boolean checksTargets(Tensor predictions, Tensor targets) {
        return targets.rank() == 2 ? checksPredictions(predictions, targets)
                : IndexLogitsKernel.appliesTo(options, term, targets) && options.classWeights == null;
    }

    /**
     * The checks {@link #run} makes as it reads, in validation's order (targets, then predictions): each
     * throws its error naming the first offender on any thread count.
     */
    void requireCheckedInputs(Tensor predictions, Tensor targets) {
        if (checksTargets(predictions, targets)) {
            Validate.classTargets(predictions, targets, options.ignoreIndex);
        }
        if (!checksPredictions(predictions, targets)) {
            return;
        }
        if (options.fromLogits) {
            Validate.notNaN("logit", predictions);
        } else {
            requireProbabilityRows(predictions);
        }
    }

    /** Whether a call on {@code predictions} runs the vector kernels: enabled, and large enough ({@link VectorSupport#minElements()}). */
    private boolean vector(Tensor predictions) {
        return vector && predictions.size() >= minVectorElements;
    }

    /** Probabilities in [0, 1], each row summing to 1 within {@link Validate#ROW_SUM_TOLERANCE}; else the first offender's error. */
    static void requireProbabilityRows(Tensor probabilities) {
        Validate.inClosedRange("probability", probabilities, 0.0, 1.0);
        Validate.rowsSumToOne("probability", probabilities, Validate.ROW_SUM_TOLERANCE);
    }

    /**
     * Computes {@code sum_i s_i l_i} (with the weights as {@code sampleWeights} gives them: scaled for a
     * mean). Optionally writes each {@code l_i} into {@code perSampleOut} and
     * {@code s_i dl_i/dp / denominator} into {@code gradientOut} (row-major, every element overwritten).
     */
    double run(Tensor predictions, Tensor targets, SampleWeights sampleWeights, double denominator,
               double[] perSampleOut, double[] gradientOut) {
        try {
            return dispatch(predictions, targets, sampleWeights, denominator, perSampleOut, gradientOut);
        } catch (NaNLogitFound | ProbabilityRowRejected | TargetRowRejected e) { // checksPredictions, checksTargets
            requireCheckedInputs(predictions, targets); // throws, naming the first offender on any thread count
            throw new IllegalStateException("the kernel rejected an input that validation accepts", e);
        }
    }

    private double dispatch(Tensor predictions, Tensor targets, SampleWeights sampleWeights, double denominator,
                            double[] perSampleOut, double[] gradientOut) {
        int rows = predictions.dim(0);
        int classes = predictions.dim(1);
        if (IndexLogitsKernel.appliesTo(options, term, targets)) {
            return indexLogits.run(predictions, targets, sampleWeights, denominator, grain(classes), perSampleOut,
                    gradientOut);
        }
        if (gradientOut == null && IndexProbabilitiesKernel.appliesTo(options, term, targets)) {
            return indexProbabilities.run(predictions, targets, sampleWeights, grain(classes), perSampleOut);
        }
        TargetCoefficients coefficients = new TargetCoefficients(options, targets, classes,
                checksTargets(predictions, targets));
        boolean vectorCall = vector(predictions);
        if (vectorCall && options.fromLogits && term == CrossEntropyTerm.INSTANCE) {
            // Loaded only here, and only when enabled (as IndexLogitsKernel's vector kernel).
            return ChunkedSum.sum(rows, grain(classes), (from, to, sum) -> new CoefficientLogitsVectorKernel(indexLogits,
                    classes).accumulate(predictions, coefficients, sampleWeights, denominator, from, to, sum, perSampleOut,
                    gradientOut));
        }
        if (vectorCall && options.fromLogits) { // every other term (focal): its own vector kernel, same loading rule
            return ChunkedSum.sum(rows, grain(classes), (from, to, sum) -> new TermLogitsVectorKernel(indexLogits, classes,
                    term).accumulate(predictions, coefficients, sampleWeights, denominator, from, to, sum, perSampleOut,
                    gradientOut));
        }
        return ChunkedSum.sum(rows, grain(classes), (from, to, sum) -> {
            Row row = new Row(classes);
            for (int r = from; r < to; r++) {
                double s = sampleWeights.get(r);
                double loss = row.loss(predictions, r, coefficients);
                if (perSampleOut != null) {
                    perSampleOut[r] = loss;
                }
                if (s != 0) {
                    sum.add(s * loss);
                }
                if (gradientOut != null) {
                    row.gradient(s / denominator, gradientOut, r * classes);
                }
            }
        });
    }

    /** Scratch for one row, reused across the rows of a chunk. */
    private final class Row {
        private final int classes;
        private final double[] logP;
        private final double[] prob;
        private final double[] complement;
        private final double[] normalized;
        private final double[] a;
        private final CompensatedSum sum = new CompensatedSum();
        private double rowSum;
        private int argMax;
        private boolean ignored;

        Row(int classes) {
            this.classes = classes;
            logP = new double[classes];
            prob = new double[classes];
            complement = new double[classes];
            normalized = options.fromLogits ? null : new double[classes];
            a = new double[classes];
        }

        /** Row {@code r}'s loss; leaves what {@link #gradient} needs in the scratch arrays. */
        double loss(Tensor predictions, int r, TargetCoefficients coefficients) {
            int base = r * classes;
            if (!options.fromLogits && !options.normalize) {
                requireProbabilityRow(predictions, base); // every row, ignored ones too (checksPredictions)
            }
            ignored = coefficients.fill(r, a, sum) == 0;
            if (ignored) {
                if (options.fromLogits) {
                    requireNoNaN(predictions, base); // every row, ignored ones too (checksPredictions)
                }
                return 0.0;
            }
            if (options.fromLogits) {
                logSoftmax(predictions, base);
            } else {
                clippedProbabilities(predictions, base);
            }
            sum.reset();
            for (int c = 0; c < classes; c++) {
                if (a[c] != 0) {
                    sum.add(-a[c] * term.value(logP[c], prob[c], complement[c]));
                }
            }
            return sum.value();
        }

        private void logSoftmax(Tensor logits, int base) {
            // Branch-free where the data is random (which class is largest): max, then its first index.
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.getFlat(base + c));
            }
            if (Double.isNaN(max)) { // Math.max passes a NaN on (checksPredictions)
                throw new NaNLogitFound();
            }
            argMax = 0;
            while (logits.getFlat(base + argMax) != max) {
                argMax++;
            }
            // One exp per class (exp(0) = 1 for the largest): kept and divided by the row's sum 1 + s below.
            sum.reset();
            if (Double.isInfinite(max)) { // the shift rule (0 where x == max) gives the limits; no rounding to carry
                for (int c = 0; c < classes; c++) {
                    logP[c] = StableMath.shift(logits.getFlat(base + c), max); // the shifted logit until logSum is known
                    complement[c] = 0.0;
                    prob[c] = Math.exp(logP[c]);
                    sum.add(c == argMax ? 0.0 : prob[c]); // adding 0 leaves the sum's bits unchanged
                }
            } else {
                for (int c = 0; c < classes; c++) {
                    double x = logits.getFlat(base + c);
                    double z = x - max; // exactly 0 where x == max
                    // TwoSum: the shift's rounding error (StableMath.shiftError), kept in complement until logSum is known
                    double maxPart = z - x;
                    double error = (x - (z - maxPart)) + (-max - maxPart);
                    double e = Math.exp(z);
                    logP[c] = z;
                    complement[c] = z == Double.NEGATIVE_INFINITY ? 0.0 : error;
                    prob[c] = z == Double.NEGATIVE_INFINITY ? 0.0 : e + e * error; // exp(z + error)
                    sum.add(c == argMax ? 0.0 : prob[c]);
                }
            }
            double others = sum.value();
            double logSum = StableMath.log1p(others);
            double inverseSum = 1.0 / (1.0 + others);
            for (int c = 0; c < classes; c++) {
                boolean top = c == argMax;
                logP[c] = (top ? 0.0 : logP[c]) + (complement[c] - logSum);
                prob[c] *= inverseSum;
                complement[c] = top ? others * inverseSum : 1 - prob[c];
            }
        }

        private void requireNoNaN(Tensor logits, int base) {
            for (int c = 0; c < classes; c++) {
                if (Double.isNaN(logits.getFlat(base + c))) {
                    throw new NaNLogitFound();
                }
            }
        }

        /** {@link #requireProbabilityRows}' conditions for one row, with its operations: else {@link ProbabilityRowRejected}. */
        private void requireProbabilityRow(Tensor probabilities, int base) {
            double total = 0;
            for (int c = 0; c < classes; c++) {
                double p = probabilities.getFlat(base + c);
                if (!(p >= 0.0 && p <= 1.0)) {
                    throw new ProbabilityRowRejected();
                }
                total += p;
            }
            if (!(Math.abs(total - 1.0) <= Validate.ROW_SUM_TOLERANCE)) {
                throw new ProbabilityRowRejected();
            }
        }

        private void clippedProbabilities(Tensor probabilities, int base) {
            rowSum = 1.0;
            if (options.normalize) {
                sum.reset();
                for (int c = 0; c < classes; c++) {
                    sum.add(probabilities.getFlat(base + c));
                }
                rowSum = sum.value();
            }
            double high = 1 - options.epsilon;
            for (int c = 0; c < classes; c++) {
                if (a[c] == 0 && !options.normalize) {
                    continue; // loss and gradient read nothing of this class (its stale entries are skipped too)
                }
                double p = probabilities.getFlat(base + c);
                normalized[c] = options.normalize ? p / rowSum : p;
                double u = Math.min(high, Math.max(options.epsilon, normalized[c]));
                prob[c] = u;
                logP[c] = a[c] == 0 ? 0.0 : Math.log(u); // read only where a_c != 0
                complement[c] = 1 - u;
            }
        }

        /** Writes {@code scale * dl/dp} for the row last passed to {@link #loss} at {@code out[base..]}. */
        void gradient(double scale, double[] out, int base) {
            if (ignored || scale == 0) {
                Arrays.fill(out, base, base + classes, 0.0);
                return;
            }
            if (options.fromLogits) {
                logitGradient(scale, out, base);
            } else {
                probabilityGradient(scale, out, base);
            }
        }

        /**
         * {@code p_c G - g_c}; for the largest class written as {@code sum_{c != k} g_c - (1 - p_k) G}
         * (equal since {@code G = g_k + sum_{c != k} g_c}), which keeps the precision of a confident row.
         */
        private void logitGradient(double scale, double[] out, int base) {
            sum.reset();
            for (int c = 0; c < classes; c++) {
                a[c] = a[c] == 0 ? 0.0 : a[c] * term.slope(logP[c], prob[c], complement[c]);
                if (c != argMax) {
                    sum.add(a[c]);
                }
            }
            double others = sum.value();
            double total = others + a[argMax];
            for (int c = 0; c < classes; c++) {
                out[base + c] = scale * (c == argMax ? others - complement[c] * total : prob[c] * total - a[c]);
            }
        }

        private void probabilityGradient(double scale, double[] out, int base) {
            double low = options.epsilon;
            double high = 1 - options.epsilon;
            sum.reset();
            for (int c = 0; c < classes; c++) {
                boolean inside = normalized[c] >= low && normalized[c] <= high;
                a[c] = a[c] == 0 || !inside ? 0.0 : -a[c] * term.slope(logP[c], prob[c], complement[c]) / prob[c];
                if (!options.normalize) {
                    out[base + c] = scale * a[c];
                } else {
                    sum.add(a[c] * normalized[c]);
                }
            }
            if (!options.normalize) {
                return;
            }
            double projection = sum.value();
            for (int c = 0; c < classes; c++) {
                out[base + c] = scale * ((a[c] - projection) / rowSum);
            }
        }
    }
}
