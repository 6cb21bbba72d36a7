/** A loss plugin for xent: the Brier score. The {@code provides} line is its registration on the module path. */
module org.example.brier {
    requires dev.xent.autodiff;

    provides dev.xent.core.spi.LossProvider with org.example.brier.BrierScoreProvider;
}
