package dev.xent.testkit;

import dev.xent.core.numeric.VectorSupport;
import java.util.function.Supplier;

/**
 * For tests of the optional vector kernels: runs an action with the switch
 * ({@code -Dxent.vector=true}, {@link VectorSupport#PROPERTY}) on, as losses read it when they are
 * created, and restores the property afterwards. The kernels also need the JVM started with
 * {@code --add-modules jdk.incubator.vector} ({@link VectorSupport#modulePresent()}).
 */
public final class VectorSwitch {
    private VectorSwitch() {
    }

    /** What {@code action} returns while the vector switch is on. */
    public static <T> T on(Supplier<T> action) {
        String previous = System.setProperty(VectorSupport.PROPERTY, "true");
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(VectorSupport.PROPERTY);
            } else {
                System.setProperty(VectorSupport.PROPERTY, previous);
            }
        }
    }
}
