package dev.xent.cli.testloss;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Test-only provider claiming the name of {@link SquaredErrorProvider}. Not in the test class path's
 * service file: tests put it into a plugin jar to provoke a name collision.
 */
public final class DuplicateNameProvider implements LossProvider {
    @Override
    public String name() {
        return SquaredErrorProvider.NAME;
    }

    @Override
    public String description() {
        return "test-only provider with a clashing name";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Loss create(Map<String, ?> params) {
        throw new UnsupportedOperationException("never created: its name is ambiguous");
    }
}
