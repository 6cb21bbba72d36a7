package dev.xent.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.core.spi.LossProvider;
import org.junit.jupiter.api.Test;

/** The contract has teeth: each broken provider fails the check that covers its mistake. */
class LossProviderContractCatchesBrokenProvidersTest {

    @Test
    void providerMissingFromTheServiceFileFailsDiscovery() {
        LossProviderContract contract = contractFor(new BrokenProviders.Unregistered());
        assertThrows(AssertionError.class, contract::providerIsFoundByItsNameAndAliasesThroughServiceLoader);
    }

    @Test
    void providerIgnoringItsParametersFailsParameterValidation() {
        LossProviderContract contract = contractFor(new BrokenProviders.IgnoresParameters());
        assertThrows(AssertionError.class, contract::unknownParameterIsRejectedWithAParameterException);
        assertThrows(AssertionError.class, contract::everyParameterRejectsAValueOfTheWrongType);
        assertThrows(AssertionError.class, contract::everyBoundedParameterRejectsAValueOutOfRange);
    }

    @Test
    void fusedGradientThatDisagreesWithTheGraphFailsTheGradientCheck() {
        LossProviderContract contract = contractFor(new BrokenProviders.WrongGradient());
        assertThrows(AssertionError.class, contract::gradientAgreesWithAutodiffAndFiniteDifferencesForEveryReduction);
    }

    @Test
    void negativeLossFailsNonNegativity() {
        LossProviderContract contract = contractFor(new BrokenProviders.NegativeLoss());
        assertThrows(AssertionError.class, contract::lossIsNonNegativeOnValidRandomInputs);
    }

    @Test
    void lossThatAcceptsNaNFailsInputValidation() {
        LossProviderContract contract = contractFor(new BrokenProviders.AcceptsNaN());
        assertThrows(AssertionError.class, contract::nanPredictionIsRejected);
    }

    private static LossProviderContract contractFor(LossProvider provider) {
        return new LossProviderContract() {
            @Override
            protected LossProvider provider() {
                return provider;
            }

            @Override
            protected int examples() {
                return 10;
            }
        };
    }
}
