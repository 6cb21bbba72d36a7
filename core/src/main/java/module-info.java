/**
 * xent's public API: {@link dev.xent.core.Tensor}, {@link dev.xent.core.Loss},
 * {@link dev.xent.core.Losses}, the autodiff contract {@link dev.xent.core.Node}, and the plugin SPI
 * {@link dev.xent.core.spi.LossProvider}.
 */
module dev.xent.core {
    // Optional: only VectorMath uses it, and the vector kernels load it only when VectorSupport allows.
    requires static jdk.incubator.vector;

    exports dev.xent.core;
    exports dev.xent.core.spi;
    exports dev.xent.core.numeric;

    uses dev.xent.core.spi.LossProvider;
}
