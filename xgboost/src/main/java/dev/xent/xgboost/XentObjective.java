package dev.xent.xgboost;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;

/**
 * An XGBoost4J custom objective from any registered xent loss on logits that gives second order
 * ({@link SecondOrderLoss}): {@code binary_cross_entropy}, {@code binary_focal_cross_entropy},
 * {@code categorical_cross_entropy}, {@code categorical_focal_cross_entropy}, or a plugin's.
 *
 * <pre>
 *   XentObjective focal = XentObjective.of("binary_focal_cross_entropy", Map.of("gamma", 2.0));
 *   Map&lt;String, Object&gt; params = Map.of("max_depth", 3, "eta", 0.1,
 *           "base_score", XentObjective.logisticBaseScore(train));   // where binary:logistic starts
 *   Booster booster = XGBoost.train(train, params, 50, Map.of(), focal, null);
 *   float[][] margins = booster.predict(test, true);                 // raw margins (logits)
 * </pre>
 *
 * <p><b>What XGBoost passes.</b> {@link #getGradient} receives raw margins (XGBoost predicts with
 * {@code output_margin} before each round), one per row for an element-wise loss, or {@code num_class}
 * per row for a class-wise one; the labels and weights come from the {@link DMatrix}. The loss is
 * created with {@code from_logits = true} and {@code reduction = sum} (per-row derivatives, each times
 * its row's weight, as XGBoost's built-in objectives give them); giving either parameter another value
 * is an error. Labels: 0/1 (or soft labels in [0, 1]) for an element-wise loss, class indices
 * {@code 0 .. num_class - 1} for a class-wise one.
 *
 * <p><b>Margin layout.</b> Gradient and Hessian are returned flat, row-major: row {@code i}, class
 * {@code k} at {@code i * num_class + k}, the layout of XGBoost's own {@code multi:softprob}.
 *
 * <p><b>Hessian.</b> A class-wise loss's diagonal Hessian is doubled: the diagonal of
 * {@code diag(p) - p p^T} (softmax cross-entropy's Hessian) underestimates its curvature, and twice the
 * diagonal bounds the whole matrix from above (each row's off-diagonal entries sum to
 * {@code p_k (1 - p_k)} in absolute value), so a diagonal Newton step does not overshoot. XGBoost's
 * {@code multi:softprob} uses the same {@code 2 p (1 - p)}, which {@code categorical_cross_entropy}
 * therefore reproduces. Every Hessian is then floored at {@code 1e-16} times the row's weight (XGBoost's
 * own floor): focal losses are not convex for badly misclassified rows, where their exact Hessian is
 * negative (see their javadoc) and the floor turns the Newton step {@code -G / (H + lambda)} into a
 * gradient step scaled by {@code 1 / lambda}.
 *
 * <p><b>Parameters it expects.</b> No {@code objective} (XGBoost then leaves predictions as margins),
 * {@code num_class} for class-wise losses, and {@code base_score} as a <em>raw margin</em>: with a
 * custom objective XGBoost does not estimate it from the labels as {@code binary:logistic} does; it
 * starts every margin at 0.5, i.e. probability 0.62. {@link #logisticBaseScore(DMatrix)} gives the
 * margin {@code binary:logistic} starts from, {@link #softmaxBaseScore(DMatrix, int)} the margins
 * {@code multi:softprob} starts from; {@code base_score = 0} starts at probability 1/2 (or 1/C).
 * Evaluate with {@link XentMetric} ({@code disable_default_eval_metric = 1} hides XGBoost's RMSE of
 * margins).
 *
 * <p>Gradients and Hessians are computed in double precision from the float margins and rounded to
 * float once. Instances are immutable and thread-safe.
 */
public final class XentObjective implements IObjective {
    private static final long serialVersionUID = 1L;
    /** The smallest Hessian, per unit of row weight: XGBoost's {@code kRtEps}. */
    static final double MIN_HESSIAN = 1e-16;

    private final LossSpec spec;

    private XentObjective(LossSpec spec) {
        this.spec = spec;
        check(spec.loss());
    }

    /** The objective for the registered loss {@code name} with {@code parameters}, from the default registry. */
    public static XentObjective of(String name, Map<String, ?> parameters) {
        return of(Losses.registry(), name, parameters);
    }

    /** As {@link #of(String, Map)}, with losses from {@code registry} (e.g. one that includes plugin jars). */
    public static XentObjective of(LossRegistry registry, String name, Map<String, ?> parameters) {
        return new XentObjective(LossSpec.create(registry, name, parameters,
                Map.of(LossSpec.FROM_LOGITS, true, LossSpec.REDUCTION, "sum"),
                "XGBoost's objective takes the per-row derivatives of the loss on raw margins"));
    }

    private static void check(Loss loss) {
        if (!(loss instanceof SecondOrderLoss)) {
            throw new IllegalArgumentException(loss.name() + " gives no Hessian (it does not implement SecondOrderLoss),"
                    + " so it cannot be an XGBoost objective; use it as a metric (XentMetric)");
        }
        if (!loss.inputSpace().isLogits()) {
            throw new IllegalArgumentException(loss.name() + " does not take logits, but XGBoost's objective gets raw margins");
        }
        if (loss.reduction() != Reduction.SUM) {
            throw new IllegalArgumentException(loss.name() + ": reduction " + loss.reduction().jsonName()
                    + " is not allowed; an objective needs per-row derivatives (sum)");
        }
    }

    /** The loss, as configured: {@code from_logits = true}, {@code reduction = sum}. */
    public Loss loss() {
        return spec.loss();
    }

    /**
     * The {@code base_score} (a raw margin) at which a custom objective starts where XGBoost's
     * {@code binary:logistic} starts: {@code log(m / (1 - m))} with {@code m} the weighted mean label,
     * the intercept {@code binary:logistic} estimates.
     */
    public static double logisticBaseScore(DMatrix data) {
        Rows rows = Rows.of(data);
        double total = 0;
        double positive = 0;
        for (int i = 0; i < rows.labels().length; i++) {
            double w = rows.weight(i);
            total += w;
            positive += w * rows.labels()[i];
        }
        double mean = positive / total;
        if (!(mean > 0 && mean < 1)) {
            throw new IllegalArgumentException("the weighted mean label is " + mean + "; a logistic base_score needs it inside (0, 1)");
        }
        return Math.log(mean / (1 - mean));
    }

    /**
     * The {@code base_score} (a vector of raw margins, in XGBoost's {@code "[b0,b1,...]"} form) at which a
     * custom class-wise objective starts where XGBoost's {@code multi:softprob} starts:
     * {@code b_k = log(pi_k) - mean_j log(pi_j)}, the centred log of the weighted class frequencies
     * {@code pi_k} (all 0 for balanced classes), the intercept {@code multi:softprob} estimates.
     */
    public static String softmaxBaseScore(DMatrix data, int classes) {
        Rows rows = Rows.of(data);
        double[] frequency = new double[classes];
        for (int i = 0; i < rows.labels().length; i++) {
            float label = rows.labels()[i];
            if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                throw new IllegalArgumentException("label " + label + " of row " + i + " is not a class index in [0, "
                        + classes + ")");
            }
            frequency[(int) label] += rows.weight(i);
        }
        double meanLog = 0;
        for (int k = 0; k < classes; k++) {
            if (!(frequency[k] > 0)) {
                throw new IllegalArgumentException("class " + k + " has no weight in the data; its log frequency is -inf");
            }
            meanLog += Math.log(frequency[k]) / classes;
        }
        StringBuilder out = new StringBuilder("[");
        for (int k = 0; k < classes; k++) {
            out.append(k == 0 ? "" : ",").append(Math.log(frequency[k]) - meanLog);
        }
        return out.append(']').toString();
    }

    @Override
    public List<float[]> getGradient(float[][] margins, DMatrix data) {
        Loss loss = spec.loss();
        Rows rows = Rows.of(data);
        Tensor predictions = Rows.margins(loss, margins, rows.labels().length);
        int perRow = predictions.size() / Math.max(1, rows.labels().length);
        GradientAndHessian both = ((SecondOrderLoss) loss).gradientAndHessian(predictions,
                Tensor.wrap(rows.labelsAsDoubles(), rows.labels().length), rows.weights());
        double hessianFactor = loss.inputSpace().isClassWise() ? 2.0 : 1.0;
        float[] gradient = new float[predictions.size()];
        float[] hessian = new float[predictions.size()];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) both.gradient().getFlat(i);
            double floor = MIN_HESSIAN * rows.weight(i / perRow);
            hessian[i] = (float) Math.max(hessianFactor * both.hessianDiagonal().getFlat(i), floor);
        }
        return List.of(gradient, hessian);
    }

    @Override
    public String toString() {
        return "XentObjective[" + spec.loss() + "]";
    }
}
