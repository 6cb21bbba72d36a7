package dev.xent.cli.testloss;

import dev.xent.core.Loss;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A plugin provider whose jar lacks a class its create needs (not in the service file): create throws
 * the NoClassDefFoundError the JVM would.
 */
public final class IncompleteJarProvider implements LossProvider {
    public static final String NAME = "test_incomplete_jar";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only plugin whose jar misses a class";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Loss create(Map<String, ?> params) {
        throw new NoClassDefFoundError("org/example/MissingHelper");
    }
}
