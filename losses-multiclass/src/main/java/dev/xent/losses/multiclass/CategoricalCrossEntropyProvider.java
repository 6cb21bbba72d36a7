package dev.xent.losses.multiclass;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Provides {@link CategoricalCrossEntropy}. */
public final class CategoricalCrossEntropyProvider implements LossProvider {

    /** The no-argument constructor ServiceLoader calls. */
    public CategoricalCrossEntropyProvider() {
    }

    static final String NAME = "categorical_cross_entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("cce", "cross_entropy", "softmax_cross_entropy");
    }

    @Override
    public String description() {
        return "multi-class cross-entropy on an N x C matrix of probabilities or logits, "
                + "with class-index or distribution targets (PyTorch CrossEntropyLoss semantics)";
    }

    @Override
    public String formula() {
        return "l_i = -sum_c w_c q_ic log p_ic;  p = softmax(x) for logits;  "
                + "mean = sum_i s_i l_i / sum_i s_i sum_c w_c q_ic";
    }

    @Override
    public List<Parameter> parameters() {
        return ClassWiseOptions.PARAMETERS;
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new CategoricalCrossEntropy(ParameterValues.resolve(NAME, parameters(), params));
    }
}
