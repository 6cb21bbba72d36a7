package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.CollidingProvider;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ThrowingConstructorProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each way a plugin can be broken gives a clear message, and what still works keeps working. */
class BrokenPluginsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILT_IN_BCE = "dev.xent.losses.binary.BinaryCrossEntropyProvider";
    private final Path plugin = XentProcess.builtFile("xent.pluginJar");

    @Test
    void providerThrowingInItsConstructorIsADiagnosticAndTheOtherLossesStillWork() throws Exception {
        Path folder = XentProcess.workDirectory("throwing");
        Path broken = PluginJar.write(folder.resolve("throwing-plugin.jar"), ThrowingConstructorProvider.class);
        String pluginPath = broken + File.pathSeparator + plugin;

        XentProcess.Result list = XentProcess.run(folder, "list", "--json", "--plugin-path", pluginPath);
        assertEquals(0, list.exitCode(), list::toString);
        String diagnostic = XentProcess.onlyLine(list.stderr());
        assertTrue(diagnostic.startsWith("xent: ") && diagnostic.contains(ThrowingConstructorProvider.class.getName())
                && diagnostic.contains(ThrowingConstructorProvider.MESSAGE), list::toString);
        JsonNode losses = JSON.readTree(list.stdout());
        PluginLossThroughTheCliIT.loss(losses, "brier_score");
        PluginLossThroughTheCliIT.loss(losses, "binary_cross_entropy");

        Files.writeString(folder.resolve("data.csv"), "p,y\n0.25,1\n");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "brier_score"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--json", "--plugin-path", pluginPath);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0.5625, JSON.readTree(run.stdout()).get("value").asDouble(), 0.0, "(0.25 - 1)^2");
    }

    @Test
    void pluginClaimingABuiltInNameIsAnErrorNamingBothClasses() throws Exception {
        Path folder = XentProcess.workDirectory("colliding");
        Path colliding = PluginJar.write(folder.resolve("colliding-plugin.jar"), CollidingProvider.class);
        Files.writeString(folder.resolve("data.csv"), "p,y\n0.25,1\n");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "binary_cross_entropy"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", colliding.toString());
        assertEquals(2, run.exitCode(), run::toString);
        String error = run.stderr();
        assertTrue(error.startsWith("xent: ") && error.contains("binary_cross_entropy") && error.contains(BUILT_IN_BCE)
                && error.contains(CollidingProvider.class.getName()), run::toString);

        XentProcess.Result list = XentProcess.run(folder, "list", "--plugin-path", colliding.toString());
        assertTrue(list.stderr().contains(BUILT_IN_BCE) && list.stderr().contains(CollidingProvider.class.getName()),
                list::toString);
    }

    @Test
    void fileThatIsNotAJarIsAnErrorNamingThePath() throws Exception {
        Path folder = XentProcess.workDirectory("not-a-jar");
        Path notAJar = Files.writeString(folder.resolve("not-a-plugin.jar"), "just text, not a zip archive\n");
        XentProcess.Result list = XentProcess.run(folder, "list", "--plugin-path", notAJar.toString());
        assertEquals(2, list.exitCode(), list::toString);
        assertTrue(XentProcess.onlyLine(list.stderr()).startsWith("xent: ") && list.stderr().contains(notAJar.toString()), list::toString);
    }

    @Test
    void missingPluginPathIsAnErrorNamingThePath() throws Exception {
        Path folder = XentProcess.workDirectory("missing");
        Path missing = folder.resolve("no-such-plugin.jar");
        XentProcess.Result list = XentProcess.run(folder, "list", "--plugin-path", missing.toString());
        assertEquals(2, list.exitCode(), list::toString);
        assertTrue(XentProcess.onlyLine(list.stderr()).startsWith("xent: ") && list.stderr().contains(missing.toString()), list::toString);
    }
}
