package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.ExitingProvider;
import dev.xent.it.fixtures.IncompleteJarProvider;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ShiftedLogLoss;
import dev.xent.it.fixtures.ShiftedLogProvider;
import dev.xent.it.fixtures.ThrowingConstructorProvider;
import dev.xent.it.fixtures.ThrowingDescriptionProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plugins as a hostile or careless author writes them: each is isolated, named, and never looks like success. */
class HostilePluginsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path plugin = XentProcess.builtFile("xent.pluginJar");

    @Test
    void anEmptyPluginPathNeverLoadsTheJarsOfTheWorkingFolder() throws Exception {
        Path folder = XentProcess.workDirectory("empty-plugin-path");
        PluginJar.write(folder.resolve("throwing-plugin.jar"), ThrowingConstructorProvider.class);
        Files.copy(plugin, folder.resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        for (String emptyPath : List.of("", File.pathSeparator, " ")) {
            XentProcess.Result list = XentProcess.run(folder, "list", "--json", "--plugin-path", emptyPath);
            assertEquals(0, list.exitCode(), list::toString);
            assertEquals("", list.stderr(), "nothing of the working folder ran: " + list);
            assertFalse(list.stdout().contains("brier_score"), list::toString);
        }
        XentProcess.Result fromEnvironment = XentProcess.run(folder, Map.of("XENT_PLUGIN_PATH", ""), "list", "--json");
        assertEquals(0, fromEnvironment.exitCode(), fromEnvironment::toString);
        assertFalse(fromEnvironment.stdout().contains("brier_score"), fromEnvironment::toString);
        XentProcess.Result explicit = XentProcess.run(folder, "list", "--json", "--plugin-path", ".");
        assertTrue(explicit.stdout().contains("brier_score"), "'.' names the working folder: " + explicit);
    }

    @Test
    void aProviderWhoseDescriptionThrowsIsAProblemAndListAndDescribeShowEveryGoodLoss() throws Exception {
        Path folder = XentProcess.workDirectory("throwing-description");
        Path broken = PluginJar.write(folder.resolve("description-plugin.jar"), ThrowingDescriptionProvider.class);
        String pluginPath = broken + File.pathSeparator + plugin;
        XentProcess.Result list = XentProcess.run(folder, "list", "--json", "--plugin-path", pluginPath);
        assertEquals(0, list.exitCode(), list::toString);
        JsonNode losses = JSON.readTree(list.stdout());
        PluginLossThroughTheCliIT.loss(losses, "brier_score");
        PluginLossThroughTheCliIT.loss(losses, "categorical_cross_entropy");
        assertTrue(list.stderr().startsWith("xent: warning: ") && list.stderr().contains(ThrowingDescriptionProvider.class.getName())
                && list.stderr().contains(ThrowingDescriptionProvider.MESSAGE), list::toString);
        XentProcess.Result describe = XentProcess.run(folder, "describe", "brier_score", "--plugin-path", pluginPath);
        assertEquals(0, describe.exitCode(), describe::toString);
        assertTrue(describe.stdout().startsWith("brier_score"), describe::toString);
        assertTrue(describe.stderr().contains(ThrowingDescriptionProvider.MESSAGE), describe::toString);
    }

    @Test
    void aClassMissingFromAPluginJarIsOneLineNamingTheJarAndTheClass() throws Exception {
        Path folder = XentProcess.workDirectory("incomplete-jar");
        Path incomplete = PluginJar.write(folder.resolve("incomplete-plugin.jar"), IncompleteJarProvider.class);
        Path job = evaluateJob(folder, IncompleteJarProvider.NAME, "report.json");
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", incomplete.toString());
        assertEquals(2, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: $.loss.name: loss '" + IncompleteJarProvider.NAME + "' cannot be created")
                && line.contains(IncompleteJarProvider.class.getName()) && line.contains("incomplete-plugin.jar")
                && line.contains("NoClassDefFoundError"), run::toString);
    }

    @Test
    void aServicesFileWithThousandsOfBrokenEntriesStillLoadsTheGoodProviderAfterThem() throws Exception {
        Path folder = XentProcess.workDirectory("many-broken-entries");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add("com.example.Missing" + i);
        }
        lines.add(ShiftedLogProvider.class.getName());
        Path jar = PluginJar.write(folder.resolve("many-broken.jar"), lines, ShiftedLogProvider.class, ShiftedLogLoss.class);
        XentProcess.Result list = XentProcess.run(folder, "list", "--json", "--plugin-path", jar.toString());
        assertEquals(0, list.exitCode(), list::toString);
        PluginLossThroughTheCliIT.loss(JSON.readTree(list.stdout()), ShiftedLogProvider.NAME);
        assertEquals(1000, list.stderr().lines().filter(l -> l.startsWith("xent: warning: ")).count());
    }

    @Test
    void aPluginEndingTheProcessWithSystemExitIsAFailedRunThatSaysSo() throws Exception {
        Path folder = XentProcess.workDirectory("system-exit");
        Path exiting = PluginJar.write(folder.resolve("exiting-plugin.jar"), ExitingProvider.class);
        Path job = evaluateJob(folder, ExitingProvider.NAME, "report.json");
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", exiting.toString());
        assertEquals(1, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: a plugin ended the process: " + ExitingProvider.class.getName() + ".create"),
                run::toString);
        assertFalse(Files.exists(folder.resolve("report.json")), "no report");
    }

    /** An evaluate job over one row, writing a report. */
    private static Path evaluateJob(Path folder, String loss, String report) throws Exception {
        Files.writeString(folder.resolve("data.csv"), "p,y\n0.25,1\n");
        Files.deleteIfExists(folder.resolve(report));
        return Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "%s"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"},
                 "output": {"report": "%s"}}
                """.formatted(loss, report));
    }
}
