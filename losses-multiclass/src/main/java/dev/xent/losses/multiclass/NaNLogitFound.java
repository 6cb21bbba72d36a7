package dev.xent.losses.multiclass;

/**
 * Thrown by the index-logits kernels when a row holds a NaN logit: they check the logits as they read
 * them, instead of a separate validation pass over the whole input before they start (on inputs larger
 * than the cache that pass costs as much memory traffic as the kernel's own read). The caller then
 * runs the full check, which names the first NaN. Carries no stack trace: it never reaches a user.
 */
final class NaNLogitFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NaNLogitFound() {
        super(null, null, false, false);
    }
}
