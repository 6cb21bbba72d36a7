package dev.xent.losses.binary;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Provides {@link BinaryFocalCrossEntropy} as {@code binary_focal_cross_entropy} (alias {@code focal}). */
public final class BinaryFocalCrossEntropyProvider implements LossProvider {
    static final String NAME = "binary_focal_cross_entropy";
    private static final List<Parameter> PARAMETERS = BinaryFocalOptions.PARAMETERS;

    /** Used by {@link java.util.ServiceLoader}. */
    public BinaryFocalCrossEntropyProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("focal");
    }

    @Override
    public String description() {
        return "binary focal cross-entropy (Lin et al.): BCE down-weighted by (1 - p_t)^gamma, optional alpha balancing";
    }

    @Override
    public String formula() {
        return "l = a_t * (1 - p_t)^gamma * -[y log(p) + (1 - y) log(1 - p)]; p_t = y p + (1 - y)(1 - p); "
                + "a_t = y alpha + (1 - y)(1 - alpha), or 1 without alpha";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new BinaryFocalCrossEntropy(ParameterValues.resolve(NAME, PARAMETERS, params));
    }
}
