package dev.xent.core;

import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Base of the test-only providers: each is {@link HalfSquaredErrorLoss} under its own names. */
abstract class TestLossProvider implements LossProvider {
    private final String name;
    private final List<String> aliases;

    TestLossProvider(String name, String... aliases) {
        this.name = name;
        this.aliases = List.of(aliases);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public String description() {
        return "half the squared error (test only)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.number("scale", 1.0, NumberRange.positive(), "multiplies the loss"),
                Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new HalfSquaredErrorLoss(name, ParameterValues.resolve(name, parameters(), params));
    }
}
