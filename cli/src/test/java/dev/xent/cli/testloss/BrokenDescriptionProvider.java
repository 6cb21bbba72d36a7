package dev.xent.cli.testloss;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.List;
import java.util.Map;

/** A plugin provider that constructs and has a name, but whose description() throws (not in the service file). */
public final class BrokenDescriptionProvider implements LossProvider {
    public static final String MESSAGE = "description fails on purpose";

    @Override
    public String name() {
        return "test_broken_description";
    }

    @Override
    public String description() {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Loss create(Map<String, ?> params) {
        throw new UnsupportedOperationException("never created");
    }
}
