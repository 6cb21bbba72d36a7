package dev.xent.core;

import dev.xent.core.spi.Parameter;
import java.util.List;

/** A provider that constructs and has a name, but whose parameters() returns null. */
public final class NullParametersProvider extends TestLossProvider {
    public NullParametersProvider() {
        super("NullParametersProvider_loss");
    }

    @Override
    public List<Parameter> parameters() {
        return null;
    }
}
