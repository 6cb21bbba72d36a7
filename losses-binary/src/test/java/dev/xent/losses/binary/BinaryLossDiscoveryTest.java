package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BinaryLossDiscoveryTest {

    @Test
    void serviceLoaderDiscoversExactlyTheBinaryLosses() {
        Set<String> names = Losses.providers().stream().map(LossProvider::name).collect(Collectors.toSet());
        assertEquals(Set.of("binary_cross_entropy", "binary_focal_cross_entropy"), names);
        assertTrue(Losses.registry().problems().isEmpty(), () -> Losses.registry().problems().toString());
    }

    @Test
    void aliasesFindTheSameLosses() {
        assertInstanceOf(BinaryCrossEntropy.class, Losses.create("binary_cross_entropy"));
        assertInstanceOf(BinaryCrossEntropy.class, Losses.create("bce"));
        assertInstanceOf(BinaryCrossEntropy.class, Losses.create("log_loss"));
        assertInstanceOf(BinaryFocalCrossEntropy.class, Losses.create("binary_focal_cross_entropy"));
        assertInstanceOf(BinaryFocalCrossEntropy.class, Losses.create("focal"));
        assertEquals(List.of("bce", "log_loss"), new BinaryCrossEntropyProvider().aliases());
        assertEquals(List.of("focal"), new BinaryFocalCrossEntropyProvider().aliases());
    }

    @Test
    void parametersAreTheDocumentedJsonContractWithDefaults() {
        assertEquals(List.of("from_logits", "epsilon", "pos_weight", "label_smoothing", "reduction"),
                names(new BinaryCrossEntropyProvider()));
        assertEquals(List.of("gamma", "alpha", "from_logits", "epsilon", "label_smoothing", "reduction"),
                names(new BinaryFocalCrossEntropyProvider()));
        Map<String, Object> bceDefaults = new HashMap<>();
        bceDefaults.put("from_logits", false);
        bceDefaults.put("epsilon", 1e-7);
        bceDefaults.put("pos_weight", 1.0);
        bceDefaults.put("label_smoothing", 0.0);
        bceDefaults.put("reduction", "mean");
        assertEquals(bceDefaults, Losses.create("bce").parameters());
        Map<String, Object> focalDefaults = new HashMap<>(bceDefaults);
        focalDefaults.remove("pos_weight");
        focalDefaults.put("gamma", 2.0);
        focalDefaults.put("alpha", null);
        assertEquals(focalDefaults, Losses.create("focal").parameters());
    }

    @Test
    void providersDescribeThemselvesAndConfigureInputSpaceAndReduction() {
        for (LossProvider provider : Losses.providers()) {
            assertFalse(provider.description().isBlank(), provider.name());
            assertTrue(provider.formula().contains("log"), provider.name());
            provider.parameters().forEach(p -> assertFalse(p.description().isBlank(), p.name()));
        }
        Loss logits = Losses.create("focal", Map.of("from_logits", true, "reduction", "sum"));
        assertEquals(InputSpace.ELEMENTWISE_LOGITS, logits.inputSpace());
        assertEquals(Reduction.SUM, logits.reduction());
        assertEquals(InputSpace.ELEMENTWISE_PROBABILITIES, Losses.create("bce").inputSpace());
    }

    @Test
    void moduleDescriptorAndServiceFileListTheSameProviders() throws Exception {
        String services;
        try (var in = getClass().getResourceAsStream("/META-INF/services/dev.xent.core.spi.LossProvider")) {
            services = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Set<String> listed = Arrays.stream(services.split("\n")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        Set<String> provided = Set.of(BinaryCrossEntropyProvider.class.getName(), BinaryFocalCrossEntropyProvider.class.getName());
        assertEquals(provided, listed);
        var descriptor = java.lang.module.ModuleFinder.of(java.nio.file.Path.of("target/classes")).findAll().iterator().next()
                .descriptor();
        assertEquals("dev.xent.losses.binary", descriptor.name());
        var provides = descriptor.provides().iterator().next();
        assertEquals("dev.xent.core.spi.LossProvider", provides.service());
        assertEquals(provided, Set.copyOf(provides.providers()));
    }

    private static List<String> names(LossProvider provider) {
        return provider.parameters().stream().map(Parameter::name).toList();
    }
}
