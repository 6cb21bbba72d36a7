package dev.xent.core.numeric;

import java.util.function.Supplier;

/**
 * The switch for the Vector API kernels ({@code jdk.incubator.vector}, an incubator module on JDK 17),
 * decided the way Lucene picks its vectorized provider: they are used whenever the module is in the
 * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}; {@code ./xent} does
 * that by default), unless the system property {@code xent.vector} is {@code false}
 * ({@code -Dxent.vector=false}) when the loss is created. Without the module the scalar kernels run,
 * and no class that touches the incubator module is ever loaded: the library works unchanged without
 * it (class path, module path, {@code java -jar}).
 *
 * <p>The vector kernels agree with the scalar ones to about 1e-15 relative (documented: 1e-12), not bit
 * for bit: their {@code exp} and {@code log} may round differently in the last place. Each is
 * deterministic (the same bits for any thread count). Kernels build on {@link VectorMath}.
 */
public final class VectorSupport {
    /** The system property that turns the vector kernels off ({@code false}) when the module is present. */
    public static final String PROPERTY = "xent.vector";

    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {
    }

    /**
     * Whether losses created now use the vector kernels: the module is present and {@code xent.vector}
     * is not {@code false} (any other value, or none, leaves them on).
     */
    public static boolean enabled() {
        return MODULE_PRESENT && !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim());
    }

    /**
     * What {@code action} returns with the switch set to {@code on} while it runs (losses it creates use
     * the vector kernels if {@code on} and the module is present, else the scalar ones), the property
     * restored afterwards: for comparing the two, as the CLI's bench task and the tests do. Not for
     * concurrent use with other code that sets the property.
     */
    public static <T> T with(boolean on, Supplier<T> action) {
        String previous = System.setProperty(PROPERTY, Boolean.toString(on));
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, previous);
            }
        }
    }

    /** Whether the incubator module is in the boot layer (for tests that run the vector kernels directly). */
    public static boolean modulePresent() {
        return MODULE_PRESENT;
    }
}
