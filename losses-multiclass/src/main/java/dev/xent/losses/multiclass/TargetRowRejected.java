package dev.xent.losses.multiclass;

/**
 * Thrown by the class-wise kernels when a row of target distributions has a value outside
 * {@code [0, inf)} or does not sum to 1, or a class index is not an integer in {@code [0, C)} (nor the
 * {@code ignore_index}): they check the targets as they read them ({@link TargetCoefficients#fill},
 * {@link IndexLogitsKernel#target}), instead of separate validation passes over them before they start. The caller then runs the full check, which names the first offender. Carries no stack
 * trace: it never reaches a user.
 */
final class TargetRowRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TargetRowRejected() {
        super(null, null, false, false);
    }
}
