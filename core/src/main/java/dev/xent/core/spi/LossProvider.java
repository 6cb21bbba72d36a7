package dev.xent.core.spi;

import dev.xent.core.Loss;
import java.util.List;
import java.util.Map;

/**
 * The service-provider interface: a small factory for one loss, found with
 * {@link java.util.ServiceLoader}. Register an implementation in
 * {@code META-INF/services/dev.xent.core.spi.LossProvider} (class path) and with
 * {@code provides dev.xent.core.spi.LossProvider with ...} in {@code module-info.java} (module path).
 * It needs a public no-argument constructor that does no work.
 */
public interface LossProvider {

    /** The stable short name, snake_case, used as the key in JSON jobs. */
    String name();

    /** Other names that also find this loss. */
    default List<String> aliases() {
        return List.of();
    }

    /** One line saying what the loss is. */
    String description();

    /** The formula in plain text, shown by {@code xent describe}. */
    default String formula() {
        return "";
    }

    /** The parameters {@link #create(Map)} accepts, in the order they are documented. */
    List<Parameter> parameters();

    /**
     * A configured loss. Every parameter is validated first: an unknown name, a wrong type or a value
     * out of range throws {@link ParameterException} naming the parameter, the value and what is allowed.
     * Missing parameters take their defaults. Implementations usually start with
     * {@code ParameterValues.resolve(name(), parameters(), params)}.
     */
    Loss create(Map<String, ?> params);
}
