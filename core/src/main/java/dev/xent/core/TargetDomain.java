package dev.xent.core;

import java.util.Locale;

/**
 * What a loss's targets may be. {@link InputSpace} says what predictions are; a loss whose targets
 * are narrower than its input space's default (counts for a Poisson loss on log-rates, class indices
 * only, distributions only) declares its domain through {@link Loss#targetDomain()}, and then
 * {@link Loss#validate} rejects other targets, the testkit generates targets inside it and
 * {@code xent gradcheck} draws them from it.
 *
 * <p>Element-wise domains ({@link #REAL} to {@link #BINARY_LABELS}) need targets of the predictions'
 * shape; class-wise domains need N x C predictions and N class indices or an N x C matrix of
 * distributions (rows of non-negative values summing to 1 within {@link Validate#ROW_SUM_TOLERANCE}).
 */
public enum TargetDomain {
    /** Any finite real number. */
    REAL("any finite real number"),
    /** {@code [0, inf)}: counts, amounts, squared quantities. */
    NON_NEGATIVE("[0, inf)"),
    /** {@code (0, inf)}: strictly positive values (durations, scales). */
    POSITIVE("(0, inf)"),
    /** {@code [0, 1]}: hard or soft labels, probabilities. */
    UNIT_INTERVAL("[0, 1]"),
    /** 0 or 1 only: hard binary labels. */
    BINARY_LABELS("0 or 1"),
    /** N class indices in {@code [0, C)} (a vector) for N x C predictions. */
    CLASS_INDICES("a vector of N class indices in [0, C)"),
    /** An N x C matrix of distributions (non-negative rows summing to 1; zeros allowed) for N x C predictions. */
    DISTRIBUTIONS("an N x C matrix of distributions (non-negative rows summing to 1)"),
    /** Either of {@link #CLASS_INDICES} and {@link #DISTRIBUTIONS}: the targets' shape decides. */
    CLASS_INDICES_OR_DISTRIBUTIONS("N class indices or an N x C matrix of distributions");

    private final String allowed;

    TargetDomain(String allowed) {
        this.allowed = allowed;
    }

    /** The domain of an input space's targets when a loss declares none: [0, 1], class targets, or any real. */
    public static TargetDomain of(InputSpace space) {
        return switch (space) {
            case ELEMENTWISE_PROBABILITIES, ELEMENTWISE_LOGITS -> UNIT_INTERVAL;
            case CLASS_PROBABILITIES, CLASS_LOGITS -> CLASS_INDICES_OR_DISTRIBUTIONS;
            case REAL -> REAL;
        };
    }

    /** The name in JSON ({@code xent list --json}, {@code describe}): {@code non_negative}, {@code distributions}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What targets are allowed, for users: {@code [0, inf)}, {@code 0 or 1}, ... */
    public String allowed() {
        return allowed;
    }

    /** Whether targets are class indices or per-class distributions (rows of an N x C matrix). */
    public boolean isClassWise() {
        return this == CLASS_INDICES || this == DISTRIBUTIONS || this == CLASS_INDICES_OR_DISTRIBUTIONS;
    }

    /**
     * Checks predictions against {@code space} and targets against this domain, shapes first; throws
     * {@link IllegalArgumentException} naming the first offending position and value. This is
     * {@link Loss#validate}'s default, the same code for every loss.
     */
    public void validate(InputSpace space, Tensor predictions, Tensor targets) {
        if (isClassWise()) {
            validateClassTargets(predictions, targets);
            space.validatePredictions(predictions);
            return;
        }
        Validate.sameShape(predictions, targets);
        space.validatePredictions(predictions);
        switch (this) {
            case REAL -> Validate.finite("target", targets);
            case NON_NEGATIVE -> Validate.inClosedRange("target", targets, 0.0, Double.MAX_VALUE);
            case POSITIVE -> Validate.every("target", targets, v -> v > 0 && v <= Double.MAX_VALUE, allowed);
            case UNIT_INTERVAL -> Validate.inClosedRange("target", targets, 0.0, 1.0);
            case BINARY_LABELS -> Validate.every("target", targets, v -> v == 0 || v == 1, allowed);
            default -> throw new AssertionError(this);
        }
    }

    private void validateClassTargets(Tensor predictions, Tensor targets) {
        int expectedRank = this == CLASS_INDICES ? 1 : this == DISTRIBUTIONS ? 2 : targets.rank();
        if (predictions.rank() == 2 && targets.rank() != expectedRank) {
            throw new IllegalArgumentException("targets must be " + allowed + " (predictions are "
                    + predictions.shapeString() + "); shape is " + targets.shapeString());
        }
        Validate.classTargets(predictions, targets);
    }
}
