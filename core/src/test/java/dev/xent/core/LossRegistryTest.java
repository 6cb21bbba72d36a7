package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.ParameterException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossRegistryTest {

    /** A class loader that also sees the service file of a test "plugin" under {@code plugins/<name>/}. */
    private static URLClassLoader plugin(String name) {
        URL folder = LossRegistryTest.class.getResource("/plugins/" + name + "/");
        return new URLClassLoader(new URL[] {folder}, LossRegistryTest.class.getClassLoader());
    }

    private static List<String> names(List<LossProvider> providers) {
        return providers.stream().map(LossProvider::name).toList();
    }

    @Test
    void theDefaultRegistryDiscoversTheTestProviderFromItsServiceFile() {
        assertEquals(List.of("half_squared_error"), names(Losses.providers()));
        assertEquals(List.of(), Losses.registry().problems());
        Loss loss = Losses.create("half_squared_error");
        assertEquals("half_squared_error", loss.name());
        assertEquals(1.25, loss.value(Tensor.of(1, 3), Tensor.of(0, 1)), 0.0); // (1/2 + 4/2) / 2
    }

    @Test
    void anAliasFindsTheSameProviderAndParametersReachTheLoss() {
        Loss loss = Losses.create("hse", Map.of("scale", 4, "reduction", "sum"));
        assertEquals("half_squared_error", loss.name());
        assertEquals(Map.of("scale", 4.0, "reduction", "sum"), loss.parameters());
        assertEquals(Reduction.SUM, loss.reduction());
        assertEquals(8.0, loss.value(Tensor.of(1, 3), Tensor.of(1, 1)), 0.0);
    }

    @Test
    void aRegistryFromAClassLoaderSeesPluginProviders() throws IOException {
        try (URLClassLoader loader = plugin("clash")) {
            LossRegistry registry = Losses.registry(loader);
            assertEquals(List.of("alias_clash", "half_squared_error"), names(registry.providers()));
        }
    }

    @Test
    void brokenProvidersAreReportedAndTheOthersStillWork() throws IOException {
        try (URLClassLoader loader = plugin("broken")) {
            LossRegistry registry = LossRegistry.load(loader);

            assertEquals(List.of("another_test_loss", "half_squared_error"), names(registry.providers()));
            assertEquals("another_test_loss", registry.create("another_test_loss").name());
            List<ProviderProblem> problems = registry.problems();
            assertEquals(3, problems.size(), problems.toString());

            ProviderProblem throwing = problems.get(0);
            assertEquals(ThrowingConstructorProvider.class.getName(), throwing.provider());
            assertTrue(throwing.message().contains("deliberately broken provider"), throwing.message());
            assertTrue(throwing.message().contains(ThrowingConstructorProvider.class.getName()), throwing.message());
            assertTrue(throwing.cause() != null);

            ProviderProblem missing = problems.get(1);
            assertEquals("dev.xent.core.MissingProvider", missing.provider());
            assertTrue(missing.message().contains("not found"), missing.message());

            ProviderProblem nameless = problems.get(2);
            assertEquals(NamelessProvider.class.getName(), nameless.provider());
            assertTrue(nameless.message().contains("no name configured"), nameless.message());
        }
    }

    /** A class loader over a folder holding only a service file that lists {@code providerNames}. */
    private static URLClassLoader serviceFile(Path folder, List<String> providerNames) throws IOException {
        Path services = Files.createDirectories(folder.resolve("META-INF/services"));
        Files.write(services.resolve(LossProvider.class.getName()), providerNames);
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, LossRegistryTest.class.getClassLoader());
    }

    @Test
    void providersWhoseDescriptionFormulaOrParametersFailAreReportedAndTheOthersStillWork(@TempDir Path folder)
            throws IOException {
        try (URLClassLoader loader = serviceFile(folder, List.of(ThrowingDescriptionProvider.class.getName(),
                ThrowingFormulaProvider.class.getName(), NullParametersProvider.class.getName(),
                AnotherTestProvider.class.getName()))) {
            LossRegistry registry = LossRegistry.load(loader);
            assertEquals(List.of("another_test_loss", "half_squared_error"), names(registry.providers()));
            List<ProviderProblem> problems = registry.problems();
            assertEquals(List.of(ThrowingDescriptionProvider.class.getName(), ThrowingFormulaProvider.class.getName(),
                    NullParametersProvider.class.getName()), problems.stream().map(ProviderProblem::provider).toList());
            assertTrue(problems.get(0).message().contains("description fails on purpose"), problems.toString());
            assertTrue(problems.get(1).message().contains("formula fails on purpose"), problems.toString());
            assertTrue(problems.get(2).message().contains("parameters() returned null"), problems.toString());
        }
    }

    @Test
    void aServiceFileWithThousandsOfBrokenEntriesStillLoadsTheProvidersAfterThem(@TempDir Path folder)
            throws IOException {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            entries.add("com.example.Missing" + i);
        }
        entries.add(AnotherTestProvider.class.getName());
        try (URLClassLoader loader = serviceFile(folder, entries)) {
            LossRegistry registry = LossRegistry.load(loader);
            assertEquals(List.of("another_test_loss", "half_squared_error"), names(registry.providers()));
            assertEquals(2500, registry.problems().size());
            assertEquals("com.example.Missing2499", registry.problems().get(2499).provider());
        }
    }

    @Test
    void aServiceFileThatCannotBeParsedIsReportedAndOtherFilesStillLoad() throws IOException {
        try (URLClassLoader loader = plugin("syntax")) {
            LossRegistry registry = LossRegistry.load(loader);
            assertEquals(List.of("half_squared_error"), names(registry.providers()));
            assertEquals(1, registry.problems().size());
            String message = registry.problems().get(0).message();
            assertTrue(message.contains("plugins/syntax/META-INF/services/dev.xent.core.spi.LossProvider"), message);
            assertTrue(message.contains("Illegal configuration-file syntax"), message);
        }
    }

    @Test
    void aBrokenProviderNeverAppearsUnderItsName() throws IOException {
        try (URLClassLoader loader = plugin("broken")) {
            UnknownLossException e = assertThrows(UnknownLossException.class,
                    () -> LossRegistry.load(loader).provider("never_loaded"));
            assertTrue(e.getMessage().contains("available: another_test_loss, half_squared_error"), e.getMessage());
        }
    }

    @Test
    void aDuplicateAliasFromServiceFilesNamesBothClassesAndOtherNamesStillWork() throws IOException {
        try (URLClassLoader loader = plugin("clash")) {
            LossRegistry registry = LossRegistry.load(loader);

            DuplicateLossException e = assertThrows(DuplicateLossException.class, () -> registry.create("hse"));
            assertTrue(e.getMessage().contains("'hse'"), e.getMessage());
            assertTrue(e.getMessage().contains(AliasClashProvider.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(HalfSquaredErrorProvider.class.getName()), e.getMessage());

            assertEquals("half_squared_error", registry.create("half_squared_error").name());
            assertEquals("alias_clash", registry.create("alias_clash").name());
            assertEquals(List.of("alias_clash", "half_squared_error"), registry.names());
            assertEquals(1, registry.problems().size());
            assertEquals(e.getMessage(), registry.problems().get(0).message());
        }
    }

    @Test
    void aDuplicateNameNamesBothClassesAndTheClaimantsOtherAliasesStillWork() {
        LossRegistry registry = LossRegistry.of(List.of(new HalfSquaredErrorProvider(), new NameClashProvider()));

        DuplicateLossException e = assertThrows(DuplicateLossException.class,
                () -> registry.provider("half_squared_error"));
        assertEquals("loss name 'half_squared_error' is claimed by both " + HalfSquaredErrorProvider.class.getName()
                + " and " + NameClashProvider.class.getName(), e.getMessage());
        assertInstanceOf(NameClashProvider.class, registry.provider("hse_twin"));
        assertInstanceOf(HalfSquaredErrorProvider.class, registry.provider("hse"));
        assertTrue(registry.find("half_squared_error").isEmpty());
    }

    @Test
    void aNameClaimedByThreeProvidersNamesAllThree() {
        LossProvider third = new TestLossProvider("third", "hse") { };
        LossRegistry registry = LossRegistry.of(List.of(new HalfSquaredErrorProvider(), new AliasClashProvider(), third));
        String message = assertThrows(DuplicateLossException.class, () -> registry.provider("hse")).getMessage();
        assertEquals("loss name 'hse' is claimed by " + AliasClashProvider.class.getName() + ", "
                + HalfSquaredErrorProvider.class.getName() + " and " + third.getClass().getName(), message);
    }

    @Test
    void anUnknownNameListsTheAvailableNamesAndTheClosestMatch() {
        LossRegistry registry = LossRegistry.of(List.of(new HalfSquaredErrorProvider(), new AnotherTestProvider()));
        UnknownLossException e = assertThrows(UnknownLossException.class, () -> registry.create("half_squared_eror"));
        assertEquals("unknown loss 'half_squared_eror' (did you mean 'half_squared_error'?); "
                + "available: another_test_loss, half_squared_error", e.getMessage());
    }

    @Test
    void anUnknownNameFarFromEveryNameGivesNoHint() {
        LossRegistry registry = LossRegistry.of(List.of(new HalfSquaredErrorProvider()));
        UnknownLossException e = assertThrows(UnknownLossException.class, () -> registry.create("focal"));
        assertEquals("unknown loss 'focal'; available: half_squared_error", e.getMessage());
    }

    @Test
    void anEmptyRegistrySaysNoLossModulesWereFound() {
        UnknownLossException e = assertThrows(UnknownLossException.class, () -> LossRegistry.of(List.of()).create("x"));
        assertTrue(e.getMessage().contains("none (no loss modules on the class or module path)"), e.getMessage());
    }

    @Test
    void parameterErrorsFromTheProviderReachTheCaller() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Losses.create("half_squared_error", Map.of("scale", 0)));
        assertEquals("scale", e.parameter());
        assertTrue(e.getMessage().contains("allowed: (0, inf)"), e.getMessage());
    }

    @Test
    void sourceOfNamesTheFolderOrJarAProviderCameFrom() {
        assertEquals("test-classes", LossRegistry.sourceOf(new HalfSquaredErrorProvider()));
    }

    @Test
    void theBootLayerHoldsNoProvidersWhenTestsRunOnTheClassPath() {
        LossRegistry registry = LossRegistry.load(ModuleLayer.boot());
        assertEquals(List.of(), registry.providers());
        assertEquals(List.of(), registry.problems());
    }
}
