package dev.xent.core;

/** A provider that constructs but cannot say its name. */
public final class NamelessProvider extends TestLossProvider {
    public NamelessProvider() {
        super("unused");
    }

    @Override
    public String name() {
        throw new UnsupportedOperationException("no name configured");
    }
}
