/** Loss plugins for xent: Brier score, Poisson NLL, KL divergence. The {@code provides} line is their registration on the module path. */
module org.example.losses {
    requires dev.xent.autodiff;

    provides dev.xent.core.spi.LossProvider with org.example.losses.BrierScore, org.example.losses.PoissonLoss,
            org.example.losses.KlDivergence;
}
