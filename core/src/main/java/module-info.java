/**
 * xent's public API and plugin SPI: what every other xent module and every loss plugin builds on.
 * It depends on no other xent module.
 *
 * <h2>What it is for</h2>
 * <ul>
 *   <li>{@link dev.xent.core.Loss}: a loss, immutable and thread-safe, with per-sample values, the
 *       reduced value, the gradient (and both in one pass) and its expression on the autodiff graph;
 *       {@link dev.xent.core.SecondOrderLoss} adds the diagonal Hessian.</li>
 *   <li>{@link dev.xent.core.Tensor}: dense float64 tensors of any rank, never changed in place.</li>
 *   <li>{@link dev.xent.core.Losses} and {@link dev.xent.core.LossRegistry}: losses by name, found with
 *       {@link java.util.ServiceLoader} (the losses modules are runtime dependencies, never imported).</li>
 *   <li>{@link dev.xent.core.Node}: the autodiff contract that {@code xent-autodiff} implements.</li>
 *   <li>{@link dev.xent.core.spi.LossProvider}: the SPI a plugin implements, with its
 *       {@link dev.xent.core.spi.Parameter}s checked by {@link dev.xent.core.spi.ParameterValues}.</li>
 *   <li>{@link dev.xent.core.numeric}: compensated and chunked sums, the thread count
 *       ({@link dev.xent.core.numeric.Parallelism}), the optional Vector API switch, the stable
 *       scalar identities ({@link dev.xent.core.numeric.StableMath}) that the autodiff ops and the
 *       fused kernels share, and the dense matrix products of training
 *       ({@link dev.xent.core.numeric.MatrixProduct}).</li>
 * </ul>
 *
 * <h2>Where to start</h2>
 * {@link dev.xent.core.Losses#create(String, java.util.Map)} with a loss name such as
 * {@code "binary_cross_entropy"} (put {@code xent-losses-binary} on the runtime class path), then
 * {@link dev.xent.core.Loss#value} and {@link dev.xent.core.Loss#valueAndGradient} on
 * {@link dev.xent.core.Tensor#of(double...)} inputs. To write a loss, implement
 * {@link dev.xent.core.spi.LossProvider} (most plugins extend {@code dev.xent.autodiff.AbstractGraphLoss}) and
 * test it with {@code xent-testkit}.
 */
module dev.xent.core {
    // Optional: only VectorMath uses it, and the vector kernels load it only when VectorSupport allows.
    requires static jdk.incubator.vector;

    exports dev.xent.core;
    exports dev.xent.core.spi;
    exports dev.xent.core.numeric;

    uses dev.xent.core.spi.LossProvider;
}
