package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader, the parameter contract, and parameter validation messages. */
class ParametersAndDiscoveryTest {
    private static final List<String> SHARED = List.of("from_logits", "epsilon", "normalize", "class_weights",
            "ignore_index", "label_smoothing", "reduction");

    private static void assertParameterRejected(LossProvider provider, Map<String, ?> params, String parameter,
                                                String... fragments) {
        ParameterException e = assertThrows(ParameterException.class, () -> provider.create(params));
        assertEquals(parameter, e.parameter());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void discoveredNamesAreExactlyTheExpectedSet() {
        LossRegistry registry = Losses.registry();
        assertTrue(registry.problems().isEmpty(), () -> registry.problems().toString());
        assertEquals(List.of("categorical_cross_entropy", "categorical_focal_cross_entropy"),
                registry.providers().stream().map(LossProvider::name).toList());
        assertEquals(List.of("categorical_cross_entropy", "categorical_focal_cross_entropy", "cce", "cross_entropy",
                "focal_ce", "softmax_cross_entropy"), registry.names());
        assertInstanceOf(CategoricalCrossEntropy.class, Losses.create("softmax_cross_entropy"));
        assertInstanceOf(CategoricalFocalCrossEntropy.class, Losses.create("focal_ce"));
    }

    @Test
    void providersDescribeThemselvesAndDeclareTheDocumentedParameters() {
        LossProvider cce = new CategoricalCrossEntropyProvider();
        LossProvider focal = new CategoricalFocalCrossEntropyProvider();
        assertEquals(SHARED, cce.parameters().stream().map(Parameter::name).toList());
        List<String> focalNames = new java.util.ArrayList<>(List.of("gamma", "alpha"));
        focalNames.addAll(SHARED);
        assertEquals(focalNames, focal.parameters().stream().map(Parameter::name).toList());
        for (LossProvider provider : List.of(cce, focal)) {
            assertFalse(provider.description().isBlank());
            assertTrue(provider.formula().contains("log p_ic"), provider::formula);
            provider.parameters().forEach(p -> assertFalse(p.description().isBlank(), p::name));
        }
    }

    @Test
    void defaultsAreResolved() {
        Loss loss = Losses.create("cce");
        assertEquals(Reduction.MEAN, loss.reduction());
        assertEquals(InputSpace.CLASS_PROBABILITIES, loss.inputSpace());
        assertEquals(Map.of("from_logits", false, "epsilon", 1e-7, "normalize", false, "label_smoothing", 0.0,
                "reduction", "mean"), withoutNones(loss.parameters()));
        Loss focal = Losses.create("focal_ce", Map.of("from_logits", true));
        assertEquals(InputSpace.CLASS_LOGITS, focal.inputSpace());
        assertEquals(2.0, focal.parameters().get("gamma"));
        assertEquals(0.25, focal.parameters().get("alpha"));
        assertEquals("categorical_focal_cross_entropy", focal.name());
    }

    private static Map<String, Object> withoutNones(Map<String, Object> params) {
        Map<String, Object> out = new java.util.HashMap<>();
        params.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void badParametersAreRejectedWithClearMessages() {
        LossProvider cce = new CategoricalCrossEntropyProvider();
        LossProvider focal = new CategoricalFocalCrossEntropyProvider();
        assertParameterRejected(cce, Map.of("from_logit", true), "from_logit", "unknown parameter", "did you mean 'from_logits'");
        assertParameterRejected(cce, Map.of("gamma", 2.0), "gamma", "unknown parameter 'gamma'");
        assertParameterRejected(cce, Map.of("from_logits", "yes"), "from_logits", "wrong type", "boolean");
        assertParameterRejected(cce, Map.of("epsilon", 0.5), "epsilon", "out of range", "(0, 0.5)");
        assertParameterRejected(cce, Map.of("epsilon", 0.0), "epsilon", "out of range");
        assertParameterRejected(cce, Map.of("label_smoothing", 1.0), "label_smoothing", "out of range", "[0, 1)");
        assertParameterRejected(cce, Map.of("label_smoothing", -0.1), "label_smoothing", "out of range");
        assertParameterRejected(cce, Map.of("class_weights", List.of(1.0, 0.0)), "class_weights", "element 1", "out of range");
        assertParameterRejected(cce, Map.of("class_weights", List.of(1.0, -2.0)), "class_weights", "element 1");
        assertParameterRejected(cce, Map.of("class_weights", List.of()), "class_weights", "empty");
        assertParameterRejected(cce, Map.of("class_weights", 2.0), "class_weights", "wrong type", "list of numbers");
        assertParameterRejected(cce, Map.of("ignore_index", 1.5), "ignore_index", "whole number");
        assertParameterRejected(cce, Map.of("reduction", "avg"), "reduction", "mean | sum | none");
        assertParameterRejected(cce, Map.of("normalize", true, "from_logits", true), "normalize", "from_logits");
        assertParameterRejected(focal, Map.of("gamma", -1.0), "gamma", "out of range", "[0, inf)");
        assertParameterRejected(focal, Map.of("alpha", 0.0), "alpha", "out of range", "(0, inf)");
        assertParameterRejected(focal, Map.of("gama", 1.0), "gama", "did you mean 'gamma'");
    }
}
