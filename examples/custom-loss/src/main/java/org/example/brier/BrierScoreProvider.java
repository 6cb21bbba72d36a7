package org.example.brier;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code brier_score} with xent: listed in {@code META-INF/services/dev.xent.core.spi.LossProvider}
 * (class path) and in {@code module-info.java} (module path). See {@link BrierScore} for the loss.
 */
public final class BrierScoreProvider implements LossProvider {
    static final String NAME = "brier_score";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Brier score: squared error of predicted probabilities against 0/1 or soft targets";
    }

    @Override
    public String formula() {
        return "l_i = (p_i - y_i)^2";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new BrierScore(ParameterValues.resolve(NAME, parameters(), params));
    }
}
