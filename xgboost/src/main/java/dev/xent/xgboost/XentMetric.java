package dev.xent.xgboost;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IEvaluation;

/**
 * Any registered xent loss as an XGBoost4J evaluation metric: the loss's reduced value (by default the
 * weighted mean, {@code sum_i s_i l_i / sum_i s_i m_i}) over a {@link DMatrix}'s rows, with the
 * matrix's weights as sample weights.
 *
 * <pre>
 *   XentMetric metric = XentMetric.of("binary_focal_cross_entropy", Map.of("gamma", 2.0), Predictions.MARGINS);
 *   XGBoost.train(train, params, 50, Map.of("test", test), XentObjective.of("focal", Map.of()), metric);
 *   metric.eval(booster.predict(test), test);        // also usable on its own
 * </pre>
 *
 * <p><b>Margins or probabilities.</b> XGBoost hands a metric its <em>transformed</em> predictions
 * ({@code Booster.predict} without {@code output_margin}), which depend on the booster's
 * {@code objective} parameter, so say which ones this metric gets:
 * <ul>
 *   <li>{@link Predictions#MARGINS}: no {@code objective} set (the usual case with {@link XentObjective},
 *       where XGBoost's default leaves predictions untransformed), or margins from
 *       {@code predict(data, true)};</li>
 *   <li>{@link Predictions#PROBABILITIES}: {@code objective = binary:logistic} or
 *       {@code multi:softprob}. ({@code multi:softmax} predicts class labels, which no loss can use: an
 *       error.)</li>
 * </ul>
 * The loss is created with {@code from_logits} set to match (giving it the other value is an error).
 * A loss without that parameter gets its own input space: margins go through sigmoid (one per row) or
 * softmax (rows), probabilities through {@code log(p / (1 - p))} or {@code log p}. Class probabilities
 * are divided by their row's sum in double precision first (XGBoost computes them in float).
 *
 * <p>Labels as for {@link XentObjective}: 0/1 or soft labels for an element-wise loss, class indices
 * for a class-wise one. The reduction may be {@code mean} (default) or {@code sum}.
 * {@link #getMetric()} is the loss's name; XGBoost4J's early stopping takes metrics as "lower is better"
 * unless their names are in its list of maximised metrics, which is right for losses.
 */
public final class XentMetric implements IEvaluation {
    private static final long serialVersionUID = 1L;

    /** What XGBoost passes to the metric: see the class documentation. */
    public enum Predictions {
        /** Raw margins (logits): no {@code objective} set, or {@code predict(data, true)}. */
        MARGINS,
        /** Probabilities: {@code binary:logistic} or {@code multi:softprob}. */
        PROBABILITIES
    }

    private final LossSpec spec;
    private final Predictions predictions;

    private XentMetric(LossSpec spec, Predictions predictions) {
        this.spec = spec;
        this.predictions = predictions;
        if (spec.loss().reduction() == Reduction.NONE) {
            throw new IllegalArgumentException(spec.loss().name()
                    + ": reduction none gives no single value; a metric needs mean or sum");
        }
    }

    /** The metric for the registered loss {@code name} with {@code parameters}, from the default registry. */
    public static XentMetric of(String name, Map<String, ?> parameters, Predictions predictions) {
        return of(Losses.registry(), name, parameters, predictions);
    }

    /** As {@link #of(String, Map, Predictions)}, with losses from {@code registry}. */
    public static XentMetric of(LossRegistry registry, String name, Map<String, ?> parameters, Predictions predictions) {
        boolean margins = predictions == Predictions.MARGINS;
        return new XentMetric(LossSpec.create(registry, name, parameters, Map.of(LossSpec.FROM_LOGITS, margins),
                "the metric is given " + (margins ? "raw margins" : "probabilities")), predictions);
    }

    /** The loss, as configured. */
    public Loss loss() {
        return spec.loss();
    }

    @Override
    public String getMetric() {
        return spec.loss().name();
    }

    @Override
    public float eval(float[][] predicted, DMatrix data) {
        return (float) value(predicted, data);
    }

    /** The loss's value in double precision ({@link #eval} rounds it to float, as XGBoost wants). */
    public double value(float[][] predicted, DMatrix data) {
        Loss loss = spec.loss();
        Rows rows = Rows.of(data);
        Tensor given = Rows.margins(loss, predicted, rows.labels().length);
        return loss.value(asLossInput(loss.inputSpace(), given), Tensor.wrap(rows.labelsAsDoubles(),
                rows.labels().length), rows.weights());
    }

    private Tensor asLossInput(InputSpace space, Tensor given) {
        boolean classWise = space.isClassWise();
        if (predictions == Predictions.PROBABILITIES) {
            Tensor probabilities = classWise ? PredictionTransforms.normalizeRows(given) : given;
            return space.isLogits() ? PredictionTransforms.logits(probabilities, classWise) : probabilities;
        }
        boolean wantsProbabilities = space == InputSpace.ELEMENTWISE_PROBABILITIES
                || space == InputSpace.CLASS_PROBABILITIES;
        return wantsProbabilities ? PredictionTransforms.probabilities(given, classWise) : given;
    }

    @Override
    public String toString() {
        return "XentMetric[" + spec.loss() + " on " + predictions.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
