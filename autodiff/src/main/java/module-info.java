/**
 * xent's reverse-mode autodiff engine over dense double tensors, and the losses built on it.
 *
 * <h2>What it is for</h2>
 * <ul>
 *   <li>{@link dev.xent.autodiff.Graph} makes leaves; the ops live on {@link dev.xent.core.Node}, each
 *       op's backward right under its forward; gradients accumulate and backward is iterative.</li>
 *   <li>{@link dev.xent.autodiff.AbstractGraphLoss}: a complete {@link dev.xent.core.Loss} (per-sample values,
 *       sample weights, reductions, gradient) from one graph expression; the way to write a plugin.</li>
 *   <li>{@link dev.xent.autodiff.GraphEvaluation}: any loss's value and gradient through its graph, the
 *       reference the fused kernels are tested against.</li>
 *   <li>{@link dev.xent.autodiff.GradientCheck}: analytic against autodiff against central finite
 *       differences (the stable scalar identities are core's {@link dev.xent.core.numeric.StableMath}).</li>
 * </ul>
 *
 * <h2>Where to start</h2>
 * A plugin loss: extend {@link dev.xent.autodiff.AbstractGraphLoss} and override
 * {@link dev.xent.autodiff.AbstractGraphLoss#graph(dev.xent.core.Node, dev.xent.core.Node)}, as the Brier-score
 * example in the project's {@code examples/custom-loss} does. The engine itself:
 * {@link dev.xent.autodiff.Graph}, then {@link dev.xent.core.Node#backward()}.
 */
module dev.xent.autodiff {
    requires transitive dev.xent.core;

    exports dev.xent.autodiff;
}
