package dev.xent.losses.multiclass;

/**
 * Thrown by the class-wise kernel when a row of probabilities (without {@code normalize}) is outside
 * [0, 1] or does not sum to 1: it checks them as it reads them, instead of separate validation passes
 * over the whole input before it starts. The caller then runs the full check, which names the first
 * offender. Carries no stack trace: it never reaches a user.
 */
final class ProbabilityRowRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProbabilityRowRejected() {
        super(null, null, false, false);
    }
}
