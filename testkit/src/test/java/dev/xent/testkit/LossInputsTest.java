package dev.xent.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.quicktheories.QuickTheory.qt;

import dev.xent.core.InputSpace;
import dev.xent.core.Validate;
import org.junit.jupiter.api.Test;

class LossInputsTest {

    @Test
    void generatedInputsAreValidForTheirSpace() {
        for (InputSpace space : InputSpace.values()) {
            qt().withFixedSeed(LossProviderContract.SEED).withExamples(200).forAll(LossInputs.of(space))
                    .checkAssert(input -> assertDoesNotThrow(() -> {
                        space.validate(input.predictions(), input.targets());
                        Validate.sampleWeights(input.sampleWeights(), input.predictions().dim(0));
                    }, space + ": " + input));
        }
    }
}
