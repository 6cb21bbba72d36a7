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
 * <p><b>Small calls run the scalar kernels.</b> A loss runs its vector kernels only on calls with at
 * least {@link #minElements()} elements (rows x classes; default {@value #DEFAULT_MIN_ELEMENTS},
 * property {@code xent.vector.min_elements}, read when the loss is created, as the switch is). Until
 * HotSpot's C2 compiler has compiled a vector kernel, the Vector API runs it through its Java fallback,
 * one to two orders of magnitude slower than the scalar kernel; on small, repeated calls (a training
 * job's batches, a small data set evaluated 100 times) that never pays back, and a 1,797 x 10 softmax
 * regression trained 8x slower with vectors than without. Large calls compile within the call and run
 * about twice as fast. The choice depends on the call's size only, so the same input gives the same
 * bits every time.
 *
 * <p>The vector kernels agree with the scalar ones to about 1e-15 relative (documented: 1e-12), not bit
 * for bit: their {@code exp} and {@code log} may round differently in the last place. Each is
 * deterministic (the same bits for any thread count). Kernels build on {@link VectorMath}.
 */
public final class VectorSupport {
    /** The system property that turns the vector kernels off ({@code false}) when the module is present. */
    public static final String PROPERTY = "xent.vector";
    /** The system property for {@link #minElements()}. */
    public static final String MIN_ELEMENTS_PROPERTY = "xent.vector.min_elements";
    /** The fewest elements a call needs for the vector kernels when {@link #MIN_ELEMENTS_PROPERTY} is unset. */
    public static final int DEFAULT_MIN_ELEMENTS = 1 << 16;

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
     * The fewest elements (rows x classes) a call must have for a loss created now to run it on the
     * vector kernels: {@code xent.vector.min_elements} if set to a non-negative integer, else
     * {@value #DEFAULT_MIN_ELEMENTS}.
     *
     * @throws IllegalArgumentException if the property is set to anything else
     */
    public static int minElements() {
        String value = System.getProperty(MIN_ELEMENTS_PROPERTY);
        if (value == null) {
            return DEFAULT_MIN_ELEMENTS;
        }
        try {
            int min = Integer.parseInt(value.trim());
            if (min >= 0) {
                return min;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + MIN_ELEMENTS_PROPERTY + " must be a non-negative integer; got '"
                + value + "'");
    }

    /**
     * What {@code action} returns with the switch set to {@code on} while it runs (losses it creates use
     * the vector kernels if {@code on} and the module is present, else the scalar ones), the property
     * restored afterwards: for comparing the two, as the CLI's bench task and the tests do. Not for
     * concurrent use with other code that sets the property.
     */
    public static <T> T with(boolean on, Supplier<T> action) {
        return withProperty(PROPERTY, Boolean.toString(on), action);
    }

    /**
     * As {@link #with(boolean, Supplier)}, and with {@link #minElements()} set to {@code minElements}
     * (0: every call of a loss created in {@code action} runs the vector kernels, as the kernels' tests need).
     */
    public static <T> T with(boolean on, int minElements, Supplier<T> action) {
        return withProperty(MIN_ELEMENTS_PROPERTY, Integer.toString(minElements), () -> with(on, action));
    }

    private static <T> T withProperty(String key, String value, Supplier<T> action) {
        String previous = System.setProperty(key, value);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    /** Whether the incubator module is in the boot layer (for tests that run the vector kernels directly). */
    public static boolean modulePresent() {
        return MODULE_PRESENT;
    }
}
