package dev.xent.core;

/**
 * What a loss's predictions and targets are. It tells users (and {@code xent gradcheck}) which inputs
 * are valid, and gives each space's generic validation.
 */
public enum InputSpace {
    /** Predictions are probabilities in [0, 1]; targets in [0, 1]; same shape, any rank. */
    ELEMENTWISE_PROBABILITIES,
    /** Predictions are logits in [-inf, +inf] (not NaN); targets in [0, 1]; same shape, any rank. */
    ELEMENTWISE_LOGITS,
    /**
     * Predictions are an N x C matrix of probabilities whose rows sum to 1; targets are either a vector
     * of N class indices or an N x C matrix of target distributions.
     */
    CLASS_PROBABILITIES,
    /** Predictions are an N x C matrix of logits; targets as for {@link #CLASS_PROBABILITIES}. */
    CLASS_LOGITS,
    /** Predictions and targets are finite real numbers of the same shape. */
    REAL;

    /** Whether targets may be class indices or per-class distributions (rows of a matrix). */
    public boolean isClassWise() {
        return this == CLASS_PROBABILITIES || this == CLASS_LOGITS;
    }

    /** Whether predictions are logits (unbounded scores) rather than probabilities. */
    public boolean isLogits() {
        return this == ELEMENTWISE_LOGITS || this == CLASS_LOGITS;
    }

    /**
     * Checks {@code predictions} and {@code targets} against this space; throws
     * {@link IllegalArgumentException} naming the first offending index and value.
     */
    public void validate(Tensor predictions, Tensor targets) {
        switch (this) {
            case ELEMENTWISE_PROBABILITIES -> {
                Validate.sameShape(predictions, targets);
                Validate.inClosedRange("prediction", predictions, 0.0, 1.0);
                Validate.inClosedRange("target", targets, 0.0, 1.0);
            }
            case ELEMENTWISE_LOGITS -> {
                Validate.sameShape(predictions, targets);
                Validate.notNaN("logit", predictions);
                Validate.inClosedRange("target", targets, 0.0, 1.0);
            }
            case CLASS_PROBABILITIES -> {
                Validate.classTargets(predictions, targets);
                Validate.inClosedRange("probability", predictions, 0.0, 1.0);
                Validate.rowsSumToOne("probability", predictions, Validate.ROW_SUM_TOLERANCE);
            }
            case CLASS_LOGITS -> {
                Validate.classTargets(predictions, targets);
                Validate.notNaN("logit", predictions);
            }
            case REAL -> {
                Validate.sameShape(predictions, targets);
                Validate.finite("prediction", predictions);
                Validate.finite("target", targets);
            }
        }
    }
}
