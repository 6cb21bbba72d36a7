package dev.xent.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.spi.LossProvider;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The contract has teeth: each broken provider fails the check that covers its mistake. */
class LossProviderContractCatchesBrokenProvidersTest {

    @Test
    void providerMissingFromTheServiceFileFailsDiscovery() {
        LossProvider provider = new BrokenProviders.Unregistered();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.providerIsFoundByItsNameAndAliasesThroughServiceLoader(provider));
    }

    @Test
    void providerIgnoringItsParametersFailsParameterValidation() {
        LossProvider provider = new BrokenProviders.IgnoresParameters();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.unknownParameterIsRejectedWithAParameterException(provider));
        assertThrows(AssertionError.class, () -> contract.everyParameterRejectsAValueOfTheWrongType(provider));
        assertThrows(AssertionError.class, () -> contract.everyBoundedParameterRejectsAValueOutOfRange(provider));
    }

    @Test
    void fusedGradientThatDisagreesWithTheGraphFailsTheGradientCheck() {
        LossProvider provider = new BrokenProviders.WrongGradient();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.gradientAgreesWithAutodiffAndFiniteDifferencesForEveryReduction(provider));
    }

    @Test
    void negativeLossFailsNonNegativity() {
        LossProvider provider = new BrokenProviders.NegativeLoss();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.lossIsNonNegativeOnValidRandomInputs(provider));
    }

    @Test
    void lossThatAcceptsNaNFailsInputValidation() {
        LossProvider provider = new BrokenProviders.AcceptsNaN();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.nanPredictionIsRejected(provider));
    }

    @Test
    void lossThatAcceptsTargetsOutsideItsDeclaredDomainFailsTheDomainCheck() {
        LossProvider provider = new BrokenProviders.IgnoresTargetDomain();
        LossProviderContract contract = contractFor(provider);
        assertThrows(AssertionError.class, () -> contract.targetOutsideTheDeclaredDomainIsRejected(provider));
    }

    @Test
    void nonNegativityIsSkippedForALossThatDoesNotDeclareIt() {
        LossProvider provider = new BrokenProviders.UndeclaredNegativeLoss();
        LossProviderContract contract = contractFor(provider);
        assertThrows(TestAbortedException.class, () -> contract.lossIsNonNegativeOnValidRandomInputs(provider));
    }

    @Test
    void aContractWithoutAProviderFailsInsteadOfRunningNothing() {
        LossProviderContract contract = new LossProviderContract() {
        };
        var e = assertThrows(IllegalStateException.class, contract::providersUnderTest);
        assertTrue(e.getMessage().contains("must override provider() or providers()"), e.getMessage());
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
