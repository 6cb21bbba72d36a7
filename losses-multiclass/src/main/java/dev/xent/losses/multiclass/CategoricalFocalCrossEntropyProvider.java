package dev.xent.losses.multiclass;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Provides {@link CategoricalFocalCrossEntropy}. */
public final class CategoricalFocalCrossEntropyProvider implements LossProvider {

    /** The no-argument constructor ServiceLoader calls. */
    public CategoricalFocalCrossEntropyProvider() {
    }

    static final String NAME = "categorical_focal_cross_entropy";

    private static final List<Parameter> PARAMETERS = CategoricalFocalOptions.PARAMETERS;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("focal_ce");
    }

    @Override
    public String description() {
        return "multi-class focal cross-entropy (Keras CategoricalFocalCrossentropy) on probabilities or logits";
    }

    @Override
    public String formula() {
        return "l_i = -sum_c alpha (1 - p_ic)^gamma w_c q_ic log p_ic;  p = softmax(x) for logits;  "
                + "mean = sum_i s_i l_i / sum_i s_i sum_c w_c q_ic";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new CategoricalFocalCrossEntropy(ParameterValues.resolve(NAME, parameters(), params));
    }
}
