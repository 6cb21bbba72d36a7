package dev.xent.testkit;

import dev.xent.core.InputSpace;
import dev.xent.core.spi.LossProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The contract's numeric checks on the generated inputs of every input space. */
class SumOfSquaresProviderContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new SumOfSquaresProvider();
    }

    @Override
    protected List<Map<String, ?>> parameterSets() {
        return Arrays.stream(InputSpace.values()).<Map<String, ?>>map(space -> Map.of("space", space.name())).toList();
    }
}
