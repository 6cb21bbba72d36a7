package dev.xent.cli;

import static dev.xent.cli.Cli.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.cli.testloss.DuplicateNameProvider;
import dev.xent.cli.testloss.IncompleteJarProvider;
import dev.xent.cli.testloss.NullFormulaProvider;
import dev.xent.cli.testloss.SquaredErrorProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
    private static final String SERVICE_FILE = "META-INF/services/dev.xent.core.spi.LossProvider";

    @TempDir
    Path folder;

    @Test
    void aPluginJarCompiledElsewhereAddsItsLoss() throws Exception {
        Path jar = compiledPluginJar();
        Cli.Result result = Cli.run("list", "--plugin-path", jar.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("plugin_brier"), result.out());
        assertTrue(result.out().contains("source: brier-plugin.jar"), result.out());
    }

    @Test
    void theEnvironmentVariableAddsAFolderOfPluginJars() throws Exception {
        Path pluginFolder = compiledPluginJar().getParent();
        Cli.Result result = Cli.runWithEnvironment(Map.of(Plugins.ENVIRONMENT_VARIABLE, pluginFolder.toString()),
                "describe", "plugin_brier");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("(p - y)^2"), result.out());
    }

    @Test
    void aMissingPluginPathIsNamedInTheError() {
        Path missing = folder.resolve("nowhere.jar");
        Cli.Result result = Cli.run("list", "--plugin-path", missing.toString());
        assertEquals(2, result.exitCode());
        assertOneErrorLine(result, missing + " does not exist");
    }

    @Test
    void aPluginPathThatIsNotAJarIsNamedInTheError() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.txt"), "hello");
        Cli.Result result = Cli.run("list", "--plugin-path", text.toString());
        assertEquals(2, result.exitCode());
        assertOneErrorLine(result, text + " is not a jar file");
        Path fakeJar = Files.writeString(folder.resolve("fake.jar"), "not a zip");
        Cli.Result fake = Cli.run("list", "--plugin-path", fakeJar.toString());
        assertEquals(2, fake.exitCode());
        assertOneErrorLine(fake, fakeJar + " is not a readable jar file");
    }

    @Test
    void aNameCollisionIsReportedByListAndIsAnErrorNamingBothClasses() throws IOException {
        Path jar = jar("clash.jar", Map.of(SERVICE_FILE, DuplicateNameProvider.class.getName() + "\n"));
        Cli.Result list = Cli.run("list", "--plugin-path", jar.toString());
        assertEquals(0, list.exitCode());
        assertTrue(list.err().startsWith("xent: warning: "), list.err());
        assertTrue(list.err().contains(DuplicateNameProvider.class.getName()), list.err());
        Cli.Result describe = Cli.run("describe", SquaredErrorProvider.NAME, "--plugin-path", jar.toString());
        assertEquals(2, describe.exitCode());
        assertOneErrorLine(describe, SquaredErrorProvider.class.getName());
        assertTrue(describe.err().contains(DuplicateNameProvider.class.getName()), describe.err());
    }

    @Test
    void aBrokenProviderIsADiagnosticAndTheOtherLossesStillWork() throws IOException {
        Path jar = jar("broken.jar", Map.of(SERVICE_FILE, "com.example.NoSuchProvider\n"));
        Cli.Result list = Cli.run("list", "--plugin-path", jar.toString());
        assertEquals(0, list.exitCode());
        assertTrue(list.err().contains("com.example.NoSuchProvider"), list.err());
        assertTrue(list.out().contains(SquaredErrorProvider.NAME), list.out());
    }

    @Test
    void aProviderWhoseFormulaIsNullIsAWarningAndListAndDescribeShowEveryOtherLoss() throws IOException {
        Path jar = jar("null-formula.jar", Map.of(SERVICE_FILE, NullFormulaProvider.class.getName() + "\n"));
        Cli.Result list = Cli.run("list", "--json", "--plugin-path", jar.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("\"" + SquaredErrorProvider.NAME + "\""), list.out());
        assertTrue(!list.out().contains("test_null_formula"), list.out());
        assertTrue(list.err().startsWith("xent: warning: ") && list.err().contains(NullFormulaProvider.class.getName())
                && list.err().contains("formula() returned null"), list.err());
        Cli.Result describe = Cli.run("describe", SquaredErrorProvider.NAME, "--plugin-path", jar.toString());
        assertEquals(0, describe.exitCode(), describe.err());
        assertTrue(describe.out().startsWith(SquaredErrorProvider.NAME), describe.out());
        assertTrue(describe.err().contains("formula() returned null"), describe.err());
    }

    @Test
    void aLinkageErrorFromAPluginsCreateIsOneLineNamingItsJarAndClass() throws IOException {
        Path jar = jar("incomplete.jar", Map.of(SERVICE_FILE, IncompleteJarProvider.class.getName() + "\n"));
        Files.writeString(folder.resolve("data.csv"), "p,y\n0.5,1\n");
        Path job = Files.writeString(folder.resolve("job.json"), "{\"task\": \"evaluate\", \"loss\": {\"name\": \""
                + IncompleteJarProvider.NAME + "\"}, \"data\": {\"path\": \"data.csv\", \"prediction\": \"p\", "
                + "\"target\": \"y\"}}");
        Cli.Result run = Cli.run("run", job.toString(), "--plugin-path", jar.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertOneErrorLine(run, "$.loss.name: loss '" + IncompleteJarProvider.NAME + "' cannot be created: provider "
                + IncompleteJarProvider.class.getName() + " from ");
        assertTrue(run.err().contains("NoClassDefFoundError: org/example/MissingHelper"), run.err());
    }

    @Test
    void emptyPluginPathEntriesAreIgnored() throws IOException {
        Path jar = compiledPluginJar();
        Cli.Result empty = Cli.run("list", "--plugin-path", "");
        assertEquals(0, empty.exitCode(), empty.err());
        assertEquals("", empty.err());
        String withGaps = java.io.File.pathSeparator + jar + java.io.File.pathSeparator + java.io.File.pathSeparator;
        Cli.Result gaps = Cli.run("list", "--plugin-path", withGaps);
        assertEquals(0, gaps.exitCode(), gaps.err());
        assertTrue(gaps.out().contains("plugin_brier"), gaps.out());
        assertEquals(Plugins.registry(List.of(), Map.of()).names(),
                Plugins.registry(List.of(Path.of(""), Path.of(" ")), Map.of(Plugins.ENVIRONMENT_VARIABLE, "")).names());
    }

    private Path compiledPluginJar() throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src/com/example"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path source = Files.writeString(sources.resolve("BrierProvider.java"), """
                package com.example;
                import dev.xent.autodiff.AbstractGraphLoss;
                import dev.xent.core.*;
                import dev.xent.core.spi.*;
                import java.util.*;
                public final class BrierProvider implements LossProvider {
                    public String name() { return "plugin_brier"; }
                    public String description() { return "Brier score, from a plugin jar"; }
                    public String formula() { return "l_i = (p - y)^2"; }
                    public List<Parameter> parameters() { return List.of(Parameter.reduction()); }
                    public Loss create(Map<String, ?> params) {
                        ParameterValues values = ParameterValues.resolve(name(), parameters(), params);
                        return new AbstractGraphLoss(name(), values, InputSpace.ELEMENTWISE_PROBABILITIES) {
                            public Node graph(Node p, Node y) { Node d = p.sub(y); return d.mul(d); }
                        };
                    }
                }
                """);
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString()).inheritIO().start();
        assertEquals(0, waitFor(process), "the plugin source compiles");
        byte[] bytes = Files.readAllBytes(classes.resolve("com/example/BrierProvider.class"));
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        return jarWith(plugins.resolve("brier-plugin.jar"), Map.of(SERVICE_FILE, "com.example.BrierProvider\n"),
                Map.of("com/example/BrierProvider.class", bytes));
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path jar(String name, Map<String, String> textEntries) throws IOException {
        return jarWith(folder.resolve(name), textEntries, Map.of());
    }

    private static Path jarWith(Path jar, Map<String, String> textEntries, Map<String, byte[]> binaryEntries)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : textEntries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : binaryEntries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void pluginsInTheEnvironmentAreSplitByThePathSeparator() throws Exception {
        Path jar = compiledPluginJar();
        Path other = jar("empty.jar", Map.of("README", "no providers"));
        String both = List.of(other.toString(), jar.toString()).stream()
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
        Cli.Result result = Cli.runWithEnvironment(Map.of(Plugins.ENVIRONMENT_VARIABLE, both), "list", "--json");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("\"plugin_brier\""), result.out());
    }
}
