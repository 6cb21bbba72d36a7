package dev.xent.testkit;

import dev.xent.core.InputSpace;
import dev.xent.core.spi.LossProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One contract class for two well-behaved providers (every test runs once per provider): the scaled
 * squared error with its parameters, and the sum of squares in every input space.
 */
class TestProvidersContractTest extends LossProviderContract {

    @Override
    protected List<LossProvider> providers() {
        return List.of(new ScaledSquaredErrorProvider(), new SumOfSquaresProvider());
    }

    @Override
    protected List<Map<String, ?>> parameterSets(LossProvider provider) {
        if (provider instanceof SumOfSquaresProvider) {
            return Arrays.stream(InputSpace.values()).<Map<String, ?>>map(space -> Map.of("space", space.name())).toList();
        }
        return List.of(Map.of(), Map.of("scale", 0.25, "repeat", 3, "halve", true));
    }
}
