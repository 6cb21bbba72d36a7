package dev.xent.core;

/** A provider that constructs and has a name, but whose formula() throws. */
public final class ThrowingFormulaProvider extends TestLossProvider {
    public ThrowingFormulaProvider() {
        super("ThrowingFormulaProvider_loss");
    }

    @Override
    public String formula() {
        throw new UnsupportedOperationException("formula fails on purpose");
    }
}
