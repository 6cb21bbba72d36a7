/**
 * xent's reverse-mode autodiff engine over dense double tensors: {@link dev.xent.autodiff.Graph} makes
 * leaves, ops live on {@link dev.xent.core.Node}, {@link dev.xent.autodiff.GraphLoss} turns a graph
 * expression into a full loss, and {@link dev.xent.autodiff.GradientCheck} compares against finite
 * differences.
 */
module dev.xent.autodiff {
    requires transitive dev.xent.core;

    exports dev.xent.autodiff;
}
