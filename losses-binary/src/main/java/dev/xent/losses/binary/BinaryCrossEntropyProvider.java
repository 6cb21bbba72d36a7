package dev.xent.losses.binary;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Provides {@link BinaryCrossEntropy} as {@code binary_cross_entropy} (aliases {@code bce}, {@code log_loss}). */
public final class BinaryCrossEntropyProvider implements LossProvider {
    static final String NAME = "binary_cross_entropy";
    private static final List<Parameter> PARAMETERS = BinaryCrossEntropyOptions.PARAMETERS;

    /** Used by {@link java.util.ServiceLoader}. */
    public BinaryCrossEntropyProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("bce", "log_loss");
    }

    @Override
    public String description() {
        return "binary cross-entropy (log loss) per element, on probabilities or logits; binary and multi-label";
    }

    @Override
    public String formula() {
        return "l = -[pos_weight * y * log(p) + (1 - y) * log(1 - p)]; logits: (1 - y) * softplus(x) + pos_weight * y * softplus(-x)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new BinaryCrossEntropy(ParameterValues.resolve(NAME, PARAMETERS, params));
    }
}
