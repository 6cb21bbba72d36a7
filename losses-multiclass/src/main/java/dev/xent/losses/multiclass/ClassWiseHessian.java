package dev.xent.losses.multiclass;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;

/**
 * The diagonal of the Hessian of a class-wise loss {@code l_i = -sum_c a_ic f(p_ic)} with respect to
 * its predictions, scaled like the gradient (by the row's sample weight, and for the mean by
 * 1 / {@code sum_i s_i m_i}).
 *
 * <p>With {@code g(p) = p f'(p)} (the term's slope) and {@code h = g'}:
 * <pre>
 *   logits:         d2l_i/dx_ik2 = p_k (1 - p_k) G - a_k h(p_k) p_k (1 - p_k)^2 - p_k^2 sum_{c != k} a_c h(p_c) p_c,
 *                   G = sum_c a_c g(p_c)
 *   probabilities:  d2l_i/dp_ik2 = a_k (g(p_k) / p_k - h(p_k)) / p_k        (0 where p was clipped)
 * </pre>
 * Cross-entropy ({@code f = log p}: {@code g = 1}, {@code h = 0}) gives {@code A_i p_k (1 - p_k)} on
 * logits ({@code A_i = sum_c a_ic}: the class weight of the target, label smoothing included) and
 * {@code a_k / p_k^2} on probabilities: always non-negative. For focal cross-entropy,
 * {@code h(p) = alpha gamma (1 - p)^(gamma - 2) [(gamma - 1) p log p - (1 - p) log p - 2 (1 - p)]}; its
 * diagonal is exact and may be negative for badly misclassified rows (the loss is not convex there).
 * The {@code k}-th class's own terms are gathered as {@code h(p_k) (1 - p_k)^2}, finite for every
 * {@code gamma >= 0}; {@code 1 - p} of the largest class is the other classes' mass, not a subtraction.
 *
 * <p>Probabilities with {@code normalize} are not supported (each row's sum couples the classes).
 */
final class ClassWiseHessian {

    /** {@code h(p) = d(p f'(p))/dp}, given {@code log p}, {@code p} and {@code 1 - p}. */
    interface Curvature {
        double of(double logP, double p, double complement);
    }

    /**
     * Focal cross-entropy's {@code h}. At {@code p = 1} it is taken as 0: it is only ever used times
     * {@code (1 - p)^2} or times another class's {@code p^2 <= (1 - p)^2}, whose limits are 0.
     */
    private static Curvature focalCurvature(double gamma, double alpha) {
        return (logP, p, complement) -> {
            if (gamma == 0 || complement == 0) {
                return 0.0;
            }
            double pLogP = p == 0 ? 0.0 : p * logP;
            double bracket = (gamma - 1) * pLogP - complement * logP - 2 * complement;
            return alpha * gamma * Math.pow(complement, gamma - 2) * bracket;
        };
    }

    private final Loss loss;
    private final ClassWiseOptions options;
    private final ClassTerm term;
    private final Curvature curvature;

    private ClassWiseHessian(Loss loss, ClassWiseOptions options, ClassTerm term, Curvature curvature) {
        this.loss = loss;
        this.options = options;
        this.term = term;
        this.curvature = curvature;
    }

    /** For categorical cross-entropy ({@code f = log p}: {@code g = 1}, {@code h = 0}). */
    static ClassWiseHessian crossEntropy(Loss loss, ClassWiseOptions options) {
        return new ClassWiseHessian(loss, options, CrossEntropyTerm.INSTANCE,
                (logP, p, complement) -> 0.0);
    }

    /** For categorical focal cross-entropy with the {@code gamma} and {@code alpha} of {@code focal}. */
    static ClassWiseHessian focal(Loss loss, ClassWiseOptions options, CategoricalFocalOptions focal) {
        return new ClassWiseHessian(loss, options, focal.term(), focalCurvature(focal.gamma(), focal.alpha()));
    }

    GradientAndHessian compute(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        if (options.normalize) {
            throw new IllegalArgumentException(loss.name()
                    + ": the Hessian is not available with normalize = true; give probabilities whose rows sum to 1, or logits");
        }
        Tensor gradient = loss.gradient(predictions, targets, sampleWeights); // validates everything
        int rows = predictions.dim(0);
        int classes = predictions.dim(1);
        TargetCoefficients coefficients = new TargetCoefficients(options, targets, classes);
        double denominator = denominator(predictions, targets, sampleWeights);
        double[] out = new double[rows * classes];
        Row row = new Row(classes);
        for (int r = 0; r < rows; r++) {
            double s = sampleWeights == null ? 1.0 : sampleWeights.getFlat(r);
            if (s == 0) {
                continue;
            }
            coefficients.fill(r, row.a, row.sum);
            double scale = s / denominator;
            if (options.fromLogits) {
                row.logits(predictions, r);
                logitsRow(row, out, r * classes, scale);
            } else {
                probabilitiesRow(predictions, row, out, r * classes, scale);
            }
        }
        return new GradientAndHessian(gradient, Tensor.wrap(out, predictions.shape()));
    }

    /** The mean's denominator by {@link ReductionRules}, as the gradient's (1 unless mean). */
    private double denominator(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        if (loss.reduction() != Reduction.MEAN) {
            return 1.0;
        }
        return ReductionRules.meanDenominator(loss, predictions, targets, SampleWeights.unscaled(sampleWeights),
                new int[] {predictions.dim(0)});
    }

    private void logitsRow(Row row, double[] out, int base, double scale) {
        int classes = row.a.length;
        CompensatedSum slopes = row.sum;
        slopes.reset();
        CompensatedSum curvatures = new CompensatedSum();
        double[] weightedCurvature = row.scratch; // a_c h(p_c) p_c
        for (int c = 0; c < classes; c++) {
            if (row.a[c] == 0) {
                weightedCurvature[c] = 0.0;
                continue;
            }
            slopes.add(row.a[c] * term.slope(row.logP[c], row.p[c], row.complement[c]));
            double h = curvature.of(row.logP[c], row.p[c], row.complement[c]);
            weightedCurvature[c] = h == 0 || row.p[c] == 0 ? 0.0 : row.a[c] * h * row.p[c];
            curvatures.add(weightedCurvature[c]);
        }
        double slopeTotal = slopes.value();
        double curvatureTotal = curvatures.value();
        for (int c = 0; c < classes; c++) {
            double p = row.p[c];
            double complement = row.complement[c];
            double others = curvatureTotal - weightedCurvature[c];
            double own = 0.0;
            if (row.a[c] != 0 && p != 0 && complement != 0) {
                double h = curvature.of(row.logP[c], p, complement);
                own = h == 0 ? 0.0 : row.a[c] * h * p * complement * complement;
            }
            double value = p * complement * slopeTotal - own - (p == 0 || others == 0 ? 0.0 : p * p * others);
            out[base + c] = scale * value;
        }
    }

    private void probabilitiesRow(Tensor predictions, Row row, double[] out, int base, double scale) {
        for (int c = 0; c < row.a.length; c++) {
            double p = predictions.getFlat(base + c);
            if (row.a[c] == 0 || p < options.epsilon || p > 1 - options.epsilon) {
                continue; // no weight, or clipped: the gradient is 0 there, and so is its derivative
            }
            double logP = Math.log(p);
            double complement = 1 - p;
            double g = term.slope(logP, p, complement);
            double h = curvature.of(logP, p, complement);
            out[base + c] = scale * row.a[c] * (g / p - h) / p;
        }
    }

    /** One row's coefficients, probabilities, their logs and complements; reused across rows. */
    private static final class Row {
        final double[] a;
        final double[] p;
        final double[] logP;
        final double[] complement;
        final double[] scratch;
        final CompensatedSum sum = new CompensatedSum();

        Row(int classes) {
            a = new double[classes];
            p = new double[classes];
            logP = new double[classes];
            complement = new double[classes];
            scratch = new double[classes];
        }

        /**
         * Softmax of row {@code r} with the maximum subtracted; {@code 1 - p} of a class holding the
         * maximum is the other classes' mass over the total. Entries at an infinite maximum share the mass.
         */
        void logits(Tensor predictions, int r) {
            int classes = p.length;
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, predictions.getFlat(base + c));
            }
            boolean infiniteMax = Double.isInfinite(max);
            sum.reset();
            for (int c = 0; c < classes; c++) {
                double x = predictions.getFlat(base + c);
                double shifted = infiniteMax ? (x == max ? 0.0 : Double.NEGATIVE_INFINITY) : x - max;
                logP[c] = shifted;
                p[c] = Math.exp(shifted);
                sum.add(p[c]);
            }
            double total = sum.value();
            double logTotal = Math.log(total);
            for (int c = 0; c < classes; c++) {
                double unnormalised = p[c];
                complement[c] = (unnormalised == 1.0 ? othersThan(c) : total - unnormalised) / total;
            }
            for (int c = 0; c < classes; c++) {
                p[c] /= total;
                logP[c] -= logTotal;
            }
        }

        /** The unnormalised mass of every class but {@code c}, summed without cancellation. */
        private double othersThan(int c) {
            CompensatedSum others = new CompensatedSum();
            for (int j = 0; j < p.length; j++) {
                if (j != c) {
                    others.add(p[j]);
                }
            }
            return others.value();
        }
    }
}
