package dev.xent.testkit;

import static dev.xent.testkit.ContractAssertions.assertClose;
import static dev.xent.testkit.ContractAssertions.assertNotBlank;
import static dev.xent.testkit.ContractAssertions.assertRejected;
import static dev.xent.testkit.ContractAssertions.assertSnakeCase;
import static dev.xent.testkit.ContractAssertions.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.xent.autodiff.GradientCheck;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * The contract every loss plugin should pass, as JUnit 5 tests. Apply it by extending this class in
 * your plugin's tests and returning your provider, or several ({@link #providers()}: every test runs
 * once per provider, named after it):
 * <pre>{@code
 * class BrierScoreProviderTest extends LossProviderContract {
 *     @Override
 *     protected LossProvider provider() {
 *         return new BrierScoreProvider();
 *     }
 * }
 * class MyLossesContractTest extends LossProviderContract {
 *     @Override
 *     protected List<LossProvider> providers() {
 *         return List.of(new PoissonLoss(), new KlDivergence());
 *     }
 * }
 * }</pre>
 * It checks, with QuickTheories on random valid inputs ({@link LossInputs}: predictions in the loss's
 * {@link Loss#inputSpace()}, targets in its {@link Loss#targetDomain()}) and the fixed seed
 * {@link #SEED}:
 * <ul>
 *   <li>discovery: {@link Losses} finds the provider by its name and every alias through
 *       {@link java.util.ServiceLoader} (so {@code META-INF/services} is right);</li>
 *   <li>names and parameters: snake_case names, a description, every parameter declared with a valid
 *       default, an unknown parameter, a value of the wrong type and a value out of range each rejected
 *       with a {@link ParameterException} naming the parameter;</li>
 *   <li>bad input: a NaN prediction and a target outside the declared target domain are rejected with
 *       an {@link IllegalArgumentException};</li>
 *   <li>the math, for each parameter set of {@link #parameterSets()} and each reduction (mean, sum,
 *       none, when the provider declares the standard {@code reduction} parameter): losses are
 *       non-negative if the loss declares it ({@link Loss#isNonNegative()}; reported as skipped
 *       otherwise), and the loss's own value and gradient agree with its autodiff graph
 *       ({@link GraphEvaluation}) and with central finite differences ({@link GradientCheck}), with and
 *       without sample weights.</li>
 * </ul>
 * Override the protected hooks to add parameter sets or loosen tolerances; inputs follow the declared
 * target domain, so {@link #inputs(Loss)} rarely needs overriding. With no provider at all the
 * tests fail (JUnit refuses a parameterised test without arguments): the contract never passes
 * silently by running nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LossProviderContract {
    /** The seed of every property, so that a failure reproduces. */
    public static final long SEED = 20261123L;

    /** For subclasses: a plugin's test class. */
    protected LossProviderContract() {
    }

    /** The provider under test, freshly constructed; override this or {@link #providers()}. */
    protected LossProvider provider() {
        throw new IllegalStateException(getClass().getName() + " must override provider() or providers()");
    }

    /** The providers under test (default: {@link #provider()}); every test runs once for each. */
    protected List<LossProvider> providers() {
        return List.of(provider());
    }

    /** The arguments of every test: {@link #providers()}, each named by its loss name. Not a hook. */
    public final Stream<Arguments> providersUnderTest() {
        return providers().stream().map(p -> Arguments.of(Named.of(p.name(), p)));
    }

    /**
     * Parameter sets (JSON names to values) under which the math is checked; each is combined with every
     * reduction unless it names one. The default checks the defaults only.
     */
    protected List<Map<String, ?>> parameterSets() {
        return List.of(Map.of());
    }

    /** {@link #parameterSets()} for one of several providers (default: the same for every provider). */
    protected List<Map<String, ?>> parameterSets(LossProvider provider) {
        return parameterSets();
    }

    /**
     * Valid inputs for a configured loss. The default covers its whole {@link Loss#inputSpace()} with
     * targets in its {@link Loss#targetDomain()}.
     */
    protected Gen<LossInput> inputs(Loss loss) {
        return LossInputs.of(loss.inputSpace(), loss.targetDomain());
    }

    /** How many random inputs each property tries, per configured loss. */
    protected int examples() {
        return 50;
    }

    /** The largest relative difference allowed between the loss's own results and its autodiff graph. */
    protected double autodiffTolerance() {
        return 1e-10;
    }

    /** The largest relative difference (infinity norm) allowed between the gradient and finite differences. */
    protected double finiteDifferenceTolerance() {
        return 1e-6;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void providerIsFoundByItsNameAndAliasesThroughServiceLoader(LossProvider provider) {
        LossRegistry registry = Losses.registry();
        List<String> names = new ArrayList<>(List.of(provider.name()));
        names.addAll(provider.aliases());
        for (String name : names) {
            LossProvider found = registry.find(name).orElse(null);
            if (found == null) {
                fail(provider.getClass().getName() + " is not found under '" + name + "'. Register it in "
                        + "META-INF/services/" + LossProvider.class.getName() + " (class path) and with 'provides "
                        + LossProvider.class.getName() + " with " + provider.getClass().getName()
                        + "' in module-info.java (module path). Found: " + registry.names()
                        + "; problems: " + registry.problems());
            }
            assertEquals(provider.getClass(), found.getClass(), "'" + name + "' finds another provider");
        }
        assertEquals(provider.name(), Losses.create(provider.name()).name(), "the created loss's name()");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void namesAndDescriptionsAreFitForUsers(LossProvider provider) {
        assertSnakeCase("name", provider.name());
        provider.aliases().forEach(alias -> assertSnakeCase("alias", alias));
        assertNotBlank("description()", provider.description());
        List<String> declared = new ArrayList<>();
        for (Parameter parameter : provider.parameters()) {
            assertSnakeCase("parameter name", parameter.name());
            assertNotBlank("description of parameter '" + parameter.name() + "'", parameter.description());
            assertFalse(declared.contains(parameter.name()), "parameter '" + parameter.name() + "' is declared twice");
            declared.add(parameter.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void everyParameterIsDeclaredWithAValidDefault(LossProvider provider) {
        Loss defaults = provider.create(Map.of());
        List<String> declared = provider.parameters().stream().map(Parameter::name).toList();
        assertEquals(declared, List.copyOf(defaults.parameters().keySet()),
                "Loss.parameters() lists every declared parameter, in declaration order");
        for (Parameter parameter : provider.parameters()) {
            if (parameter.defaultValue() == null) {
                continue;
            }
            Map<String, Object> explicit = new HashMap<>();
            explicit.put(parameter.name(), parameter.defaultValue());
            Loss loss = provider.create(explicit);
            assertEquals(defaults.parameters().get(parameter.name()), loss.parameters().get(parameter.name()),
                    "parameter '" + parameter.name() + "' given its default resolves like the default");
        }
        if (defaults.parameters().containsKey("reduction")) {
            assertEquals(defaults.parameters().get("reduction"), defaults.reduction().jsonName(),
                    "reduction() follows the reduction parameter");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void unknownParameterIsRejectedWithAParameterException(LossProvider provider) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> provider.create(Map.of("no_such_parameter", 1.0)));
        assertEquals("no_such_parameter", e.parameter());
        assertTrue(e.getMessage().contains("no_such_parameter"), "the message names the parameter: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void everyParameterRejectsAValueOfTheWrongType(LossProvider provider) {
        for (Parameter parameter : provider.parameters()) {
            for (Object wrong : InvalidValues.wrongTypeValues(parameter.type())) {
                assertRejected(provider, parameter, wrong);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void everyBoundedParameterRejectsAValueOutOfRange(LossProvider provider) {
        for (Parameter parameter : provider.parameters()) {
            for (Object outside : InvalidValues.outOfRangeValues(parameter)) {
                assertRejected(provider, parameter, outside);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void nanPredictionIsRejected(LossProvider provider) {
        Loss loss = provider.create(Map.of());
        forAllInputs(loss, input -> {
            double[] predictions = input.predictions().toArray();
            predictions[predictions.length - 1] = Double.NaN;
            Tensor withNaN = Tensor.wrap(predictions, input.predictions().shape());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.perSample(withNaN, input.targets()));
            assertNotBlank("the message", e.getMessage());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void targetOutsideTheDeclaredDomainIsRejected(LossProvider provider) {
        Loss loss = provider.create(Map.of());
        forAllInputs(loss, input -> {
            Tensor outside = InvalidValues.outsideTheDomain(loss.targetDomain(), input.predictions(), input.targets());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.perSample(input.predictions(), outside),
                    describe(loss) + " accepted targets outside its domain " + loss.targetDomain().jsonName()
                            + " (" + loss.targetDomain().allowed() + "): " + outside);
            assertNotBlank("the message", e.getMessage());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void lossIsNonNegativeOnValidRandomInputs(LossProvider provider) {
        assumeTrue(provider.create(Map.of()).isNonNegative(), provider.name()
                + " does not declare itself non-negative (Loss.isNonNegative()): nothing to check");
        for (Loss loss : configuredLosses(provider)) {
            forAllInputs(loss, input -> {
                Tensor perSample = loss.perSample(input.predictions(), input.targets());
                for (int i = 0; i < perSample.size(); i++) {
                    double l = perSample.getFlat(i);
                    assertTrue(l >= 0, describe(loss) + ": per-sample loss " + Validate.position(perSample, i)
                            + " is " + l);
                }
                if (loss.reduction() != Reduction.NONE) {
                    double value = loss.value(input.predictions(), input.targets(), input.sampleWeights());
                    assertTrue(value >= 0, describe(loss) + ": value is " + value);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void valueAgreesWithTheAutodiffGraphForEveryReduction(LossProvider provider) {
        for (Loss loss : configuredLosses(provider)) {
            forAllInputs(loss, input -> {
                Tensor p = input.predictions();
                Tensor t = input.targets();
                assertClose(GraphEvaluation.perSample(loss, p, t), loss.perSample(p, t), autodiffTolerance(),
                        describe(loss) + ": perSample vs autodiff graph");
                if (loss.reduction() != Reduction.NONE) {
                    double graph = GraphEvaluation.value(loss, p, t, input.sampleWeights());
                    double own = loss.value(p, t, input.sampleWeights());
                    assertClose(Tensor.scalar(graph), Tensor.scalar(own), autodiffTolerance(),
                            describe(loss) + ": value vs autodiff graph");
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providersUnderTest")
    public void gradientAgreesWithAutodiffAndFiniteDifferencesForEveryReduction(LossProvider provider) {
        for (Loss loss : configuredLosses(provider)) {
            forAllInputs(loss, input -> {
                Tensor p = input.predictions();
                Tensor t = input.targets();
                Tensor w = input.sampleWeights();
                Tensor own = loss.gradient(p, t, w);
                assertClose(GraphEvaluation.gradient(loss, p, t, w), own, autodiffTolerance(),
                        describe(loss) + ": gradient vs autodiff graph");
                Tensor numeric = GradientCheck.centralDifferences(
                        x -> new double[] {FiniteDifferences.weightedTotal(loss, x, t, w)}, p, FiniteDifferences.step(loss.inputSpace()));
                assertClose(numeric, own, finiteDifferenceTolerance(), describe(loss) + ": gradient vs finite differences");
                if (loss.reduction() != Reduction.NONE) {
                    double[] fused = new double[p.size()];
                    double value = loss.valueAndGradient(p, t, w, fused);
                    assertClose(Tensor.scalar(loss.value(p, t, w)), Tensor.scalar(value), autodiffTolerance(),
                            describe(loss) + ": valueAndGradient's value vs value");
                    assertClose(own, Tensor.wrap(fused, p.shape()), autodiffTolerance(),
                            describe(loss) + ": valueAndGradient's gradient vs gradient");
                }
            });
        }
    }

    /**
     * The provider configured with each of {@link #parameterSets(LossProvider)}, crossed with every
     * reduction when the provider declares the standard {@code reduction} parameter and the set does not
     * name one.
     */
    protected final List<Loss> configuredLosses(LossProvider provider) {
        boolean hasReduction = provider.parameters().stream().anyMatch(p -> p.name().equals("reduction"));
        List<Loss> losses = new ArrayList<>();
        for (Map<String, ?> parameters : parameterSets(provider)) {
            if (!hasReduction || parameters.containsKey("reduction")) {
                losses.add(provider.create(parameters));
                continue;
            }
            for (Reduction reduction : Reduction.values()) {
                Map<String, Object> withReduction = new LinkedHashMap<>(parameters);
                withReduction.put("reduction", reduction.jsonName());
                losses.add(provider.create(withReduction));
            }
        }
        return losses;
    }

    private void forAllInputs(Loss loss, Consumer<LossInput> property) {
        qt().withFixedSeed(SEED).withExamples(examples()).forAll(inputs(loss)).checkAssert(property);
    }


}
