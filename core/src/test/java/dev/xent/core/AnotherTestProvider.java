package dev.xent.core;

/** A second working provider, listed after broken entries in a plugin's service file. */
public final class AnotherTestProvider extends TestLossProvider {
    public AnotherTestProvider() {
        super("another_test_loss");
    }
}
