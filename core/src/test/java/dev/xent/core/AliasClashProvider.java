package dev.xent.core;

/** Claims the alias {@code hse}, which {@link HalfSquaredErrorProvider} also claims. */
public final class AliasClashProvider extends TestLossProvider {
    public AliasClashProvider() {
        super("alias_clash", "hse");
    }
}
