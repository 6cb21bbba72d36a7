package dev.xent.xgboost;

import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss by name and parameters, with the parameters an adapter fixes ({@code from_logits},
 * {@code reduction}) checked and set. Serializable (XGBoost4J's interfaces are), unlike a
 * {@link Loss}: the loss is created again from the default registry after deserialization.
 */
final class LossSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String FROM_LOGITS = "from_logits";
    static final String REDUCTION = "reduction";

    private final String name;
    private final LinkedHashMap<String, Object> parameters;
    private transient volatile Loss loss;

    private LossSpec(String name, LinkedHashMap<String, Object> parameters, Loss loss) {
        this.name = name;
        this.parameters = parameters;
        this.loss = loss;
    }

    /**
     * The loss {@code name} with {@code given} parameters, plus {@code fixed} ones (an entry of
     * {@code fixed} the provider does not declare is skipped). A given value that contradicts a fixed one is an
     * error naming both, with {@code why} the reason.
     */
    static LossSpec create(LossRegistry registry, String name, Map<String, ?> given, Map<String, Object> fixed,
                           String why) {
        LossProvider provider = registry.provider(name);
        LinkedHashMap<String, Object> parameters = new LinkedHashMap<>(given);
        for (Map.Entry<String, Object> entry : fixed.entrySet()) {
            String key = entry.getKey();
            if (provider.parameters().stream().map(Parameter::name).noneMatch(key::equals)) {
                continue;
            }
            if (given.containsKey(key) && !entry.getValue().equals(given.get(key))) {
                throw new IllegalArgumentException(provider.name() + ": " + key + " = " + given.get(key)
                        + " is not allowed here (" + why + "); leave it out or set it to " + entry.getValue());
            }
            parameters.put(key, entry.getValue());
        }
        return new LossSpec(provider.name(), parameters, registry.create(name, parameters));
    }

    Loss loss() {
        if (loss == null) {
            loss = Losses.create(name, parameters);
        }
        return loss;
    }
}
