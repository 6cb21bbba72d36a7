package dev.xent.core;

/** A provider that constructs and has a name, but whose description() throws. */
public final class ThrowingDescriptionProvider extends TestLossProvider {
    public ThrowingDescriptionProvider() {
        super("ThrowingDescriptionProvider_loss");
    }

    @Override
    public String description() {
        throw new IllegalStateException("description fails on purpose");
    }
}
