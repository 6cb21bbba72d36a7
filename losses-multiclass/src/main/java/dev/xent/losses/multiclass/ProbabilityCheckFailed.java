package dev.xent.losses.multiclass;

/**
 * Thrown by {@link IndexProbabilitiesKernel} when a row holds a probability outside [0, 1] (or NaN) or
 * does not sum to 1 within the tolerance: it checks the rows as it reads them, instead of separate
 * validation passes over the whole input before it starts. The caller then runs the full checks,
 * which name the first offending value or row. Carries no stack trace: it never reaches a user.
 */
final class ProbabilityCheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProbabilityCheckFailed() {
        super(null, null, false, false);
    }
}
