package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example plugin jar (brier_score) loaded by the packaged CLI, from --plugin-path and XENT_PLUGIN_PATH. */
class PluginLossThroughTheCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path plugin = XentProcess.builtFile("xent.pluginJar");

    @Test
    void listShowsThePluginLossWithItsJarAsTheSource() throws Exception {
        XentProcess.Result result = XentProcess.run(XentProcess.workDirectory("list"),
                "list", "--json", "--plugin-path", plugin.toString());
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode brier = loss(JSON.readTree(result.stdout()), "brier_score");
        assertEquals(plugin.getFileName().toString(), brier.get("source").asText());
        assertEquals("reduction", brier.get("parameters").get(0).get("name").asText());
        assertNotNull(loss(JSON.readTree(result.stdout()), "binary_cross_entropy"), "built-ins are still listed");
        assertEquals("", result.stderr().strip(), "no warnings");
    }

    @Test
    void thePluginPathCanComeFromTheEnvironmentAndNameAFolder() throws Exception {
        Path folder = XentProcess.workDirectory("environment");
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        Files.copy(plugin, plugins.resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        XentProcess.Result result = XentProcess.run(folder, Map.of("XENT_PLUGIN_PATH", plugins.toString()), "list", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(plugin.getFileName().toString(), loss(JSON.readTree(result.stdout()), "brier_score").get("source").asText());
    }

    @Test
    void evaluateComputesTheBrierScoreAndItsGradient() throws Exception {
        Path folder = XentProcess.workDirectory("evaluate");
        Files.writeString(folder.resolve("data.csv"), "p,y\n0.1,0\n0.9,1\n0.8,1\n0.3,0\n");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate",
                 "loss": {"name": "brier_score"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"},
                 "output": {"gradient": "gradient.csv"}}
                """);
        XentProcess.Result result = XentProcess.run(folder, "run", job.toString(), "--json", "--plugin-path", plugin.toString());
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode report = JSON.readTree(result.stdout());
        // sklearn.metrics.brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = 0.03749999999999999
        assertEquals(0.03749999999999999, report.get("value").asDouble(), 1e-15);
        assertEquals("brier_score", report.get("loss").get("name").asText());
        assertEquals("mean", report.get("loss").get("params").get("reduction").asText());
        // d/dp mean((p - y)^2) = 2 (p - y) / 4
        List<String> lines = Files.readAllLines(folder.resolve("gradient.csv"));
        assertEquals("d_p", lines.get(0).strip());
        double[] gradient = lines.stream().skip(1).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new double[] {0.05, -0.05, -0.1, 0.15}, gradient, 1e-15);
    }

    @Test
    void thePluginsPoissonLossOnRealPredictionsTrainsALinearModelOnCounts() throws Exception {
        Path folder = XentProcess.workDirectory("train-poisson");
        // counts y = round(exp(0.2 + 0.5 x)) on a grid: a Poisson regression of slope near 0.5 fits them
        StringBuilder csv = new StringBuilder("x,count\n");
        for (int i = 0; i <= 40; i++) {
            double x = -2 + i * 0.1;
            csv.append(x).append(',').append(Math.round(Math.exp(0.2 + 0.5 * x))).append('\n');
        }
        Files.writeString(folder.resolve("counts.csv"), csv);
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "train",
                 "loss": {"name": "poisson_nll"},
                 "data": {"path": "counts.csv", "target": "count", "standardize": false},
                 "optimizer": {"name": "adam", "learning_rate": 0.05},
                 "training": {"epochs": 400},
                 "output": {"model": "model.json"}}
                """);
        XentProcess.Result result = XentProcess.run(folder, "run", job.toString(), "--json", "--plugin-path", plugin.toString());
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode report = JSON.readTree(result.stdout());
        assertEquals("poisson_nll", report.get("loss").get("name").asText());
        assertTrue(!report.has("accuracy"), "a loss on real predictions has no accuracy: " + report);
        JsonNode model = JSON.readTree(folder.resolve("model.json").toFile());
        assertEquals(0.5, model.get("layers").get(0).get("weights").get(0).get(0).asDouble(), 0.1, model::toString);
        assertEquals(0.2, model.get("layers").get(0).get("bias").get(0).asDouble(), 0.15, model::toString);
    }

    @Test
    void gradcheckPassesForThePluginLoss() throws Exception {
        Path folder = XentProcess.workDirectory("gradcheck");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "gradcheck", "loss": {"name": "brier_score"}, "rows": 16, "seed": 1}
                """);
        XentProcess.Result result = XentProcess.run(folder, "run", job.toString(), "--json", "--plugin-path", plugin.toString());
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode report = JSON.readTree(result.stdout());
        assertEquals("brier_score", report.get("loss").get("name").asText());
        assertTrue(report.get("passed").asBoolean(), report::toString);
        double tolerance = report.get("tolerance").asDouble();
        JsonNode pairs = report.get("pairs");
        assertEquals(3, pairs.size(), "analytic, autodiff and finite differences compared pairwise: " + pairs);
        pairs.fields().forEachRemaining(pair -> assertTrue(pair.getValue().get("max_rel_error").asDouble() <= tolerance,
                pair.getKey() + ": " + pair.getValue()));
    }

    /** The entry of {@code xent list --json} for a loss. */
    static JsonNode loss(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(name + " is not listed: " + list);
    }
}
