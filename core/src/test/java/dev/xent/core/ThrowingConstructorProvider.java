package dev.xent.core;

/** A provider whose constructor fails, as a plugin with a missing configuration might. */
public final class ThrowingConstructorProvider extends TestLossProvider {
    public ThrowingConstructorProvider() {
        super("never_loaded");
        throw new IllegalStateException("deliberately broken provider");
    }
}
