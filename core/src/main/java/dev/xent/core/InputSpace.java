package dev.xent.core;

/**
 * What a loss's predictions are, and by default its targets (a loss may narrow them with a
 * {@link TargetDomain}). It tells users (and {@code xent gradcheck}) which inputs are valid, and
 * gives each space's generic validation.
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
     * Checks {@code predictions} and {@code targets} against this space, with the targets of its
     * default {@link TargetDomain} ({@link TargetDomain#of}); throws {@link IllegalArgumentException}
     * naming the first offending index and value.
     */
    public void validate(Tensor predictions, Tensor targets) {
        TargetDomain.of(this).validate(this, predictions, targets);
    }

    /** Checks the predictions alone (class-wise spaces: an N x C matrix); targets are the domain's business. */
    public void validatePredictions(Tensor predictions) {
        switch (this) {
            case ELEMENTWISE_PROBABILITIES -> Validate.inClosedRange("prediction", predictions, 0.0, 1.0);
            case ELEMENTWISE_LOGITS -> Validate.notNaN("logit", predictions);
            case CLASS_PROBABILITIES -> {
                requireMatrix(predictions);
                Validate.inClosedRange("probability", predictions, 0.0, 1.0);
                Validate.rowsSumToOne("probability", predictions, Validate.ROW_SUM_TOLERANCE);
            }
            case CLASS_LOGITS -> {
                requireMatrix(predictions);
                Validate.notNaN("logit", predictions);
            }
            case REAL -> Validate.finite("prediction", predictions);
        }
    }

    private static void requireMatrix(Tensor predictions) {
        if (predictions.rank() != 2) {
            throw new IllegalArgumentException("predictions must be an N x C matrix; shape is " + predictions.shapeString());
        }
    }
}
