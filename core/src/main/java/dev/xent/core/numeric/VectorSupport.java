package dev.xent.core.numeric;

/**
 * The switch for the optional Vector API kernels ({@code jdk.incubator.vector}, an incubator module on
 * JDK 17). They are used only when both hold: the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and the system property {@code xent.vector} is
 * {@code true} ({@code -Dxent.vector=true}) when the loss is created. Otherwise the scalar kernels
 * run, and no class that touches the incubator module is ever loaded: the library works unchanged
 * without it (class path or module path).
 *
 * <p>The vector kernels agree with the scalar ones to about 1e-15 relative, not bit for bit: their
 * {@code exp} and {@code log} may round differently in the last place. Each is deterministic (the same
 * bits for any thread count). Kernels build on {@link VectorMath}.
 */
public final class VectorSupport {
    /** The system property that enables the vector kernels when the incubator module is present. */
    public static final String PROPERTY = "xent.vector";

    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {
    }

    /** Whether losses created now use the vector kernels: the module is present and the switch is on. */
    public static boolean enabled() {
        return MODULE_PRESENT && Boolean.getBoolean(PROPERTY);
    }

    /** Whether the incubator module is in the boot layer (for tests that run the vector kernels directly). */
    public static boolean modulePresent() {
        return MODULE_PRESENT;
    }
}
