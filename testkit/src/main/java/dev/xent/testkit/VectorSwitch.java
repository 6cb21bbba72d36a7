package dev.xent.testkit;

import dev.xent.core.numeric.VectorSupport;
import java.util.function.Supplier;

/**
 * For tests of the vector and scalar kernels: runs an action with the switch
 * ({@link VectorSupport#PROPERTY}, read when a loss is created) set ({@link VectorSupport#with}). The
 * vector kernels run by default whenever the JVM was started with
 * {@code --add-modules jdk.incubator.vector} ({@link VectorSupport#modulePresent()}); {@link #off}
 * gives the scalar kernels there.
 */
public final class VectorSwitch {
    private VectorSwitch() {
    }

    /**
     * What {@code action} returns with the vector kernels on for every call, however small (by default
     * they run only on calls of {@link VectorSupport#minElements()} elements or more; they run only with the module).
     */
    public static <T> T on(Supplier<T> action) {
        return VectorSupport.with(true, 0, action);
    }

    /** What {@code action} returns with the vector kernels off ({@code -Dxent.vector=false}): the scalar kernels. */
    public static <T> T off(Supplier<T> action) {
        return VectorSupport.with(false, action);
    }
}
