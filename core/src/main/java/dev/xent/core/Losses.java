package dev.xent.core;

import dev.xent.core.spi.LossProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The entry point: creates losses by name from the providers found with {@link ServiceLoader} on the
 * class path and module path.
 * <pre>{@code
 * Loss bce = Losses.create("binary_cross_entropy", Map.of("from_logits", true));
 * double value = bce.value(Tensor.of(3, -2), Tensor.of(1, 0));
 * }</pre>
 * To discover losses from other jars (plugins), build a {@link LossRegistry} from their class loader.
 */
public final class Losses {
    private Losses() {
    }

    private static final class Default {
        static final LossRegistry REGISTRY = LossRegistry.fromServiceLoader(ServiceLoader.load(LossProvider.class));
    }

    /** The registry of everything discovered from the context class loader and the boot layer. */
    public static LossRegistry registry() {
        return Default.REGISTRY;
    }

    /** A loss with default parameters. */
    public static Loss create(String nameOrAlias) {
        return registry().create(nameOrAlias);
    }

    /** A loss with parameters (JSON names), validated by its provider. */
    public static Loss create(String nameOrAlias, Map<String, ?> params) {
        return registry().create(nameOrAlias, params);
    }

    /** The discovered providers, sorted by name. */
    public static List<LossProvider> providers() {
        return registry().providers();
    }

    /** A registry over {@code loader}, e.g. one that also sees plugin jars. */
    public static LossRegistry registry(ClassLoader loader) {
        return LossRegistry.load(loader);
    }
}
