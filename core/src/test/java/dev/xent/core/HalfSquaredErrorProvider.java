package dev.xent.core;

/** The test-only provider registered in the test class path's service file. */
public final class HalfSquaredErrorProvider extends TestLossProvider {
    public HalfSquaredErrorProvider() {
        super("half_squared_error", "hse");
    }
}
