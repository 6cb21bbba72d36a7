package dev.xent.cli.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs over the built-in losses, found by name through the registry. */
class BuiltInLossJobsTest {
    @TempDir
    Path folder;

    private JsonNode runJson(TestWorkspace workspace) throws Exception {
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        return Json.MAPPER.readTree(result.out());
    }

    @Test
    void everyBuiltInLossPassesGradcheckOnProbabilitiesAndLogits() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        for (String name : List.of("binary_cross_entropy", "binary_focal_cross_entropy", "categorical_cross_entropy",
                "categorical_focal_cross_entropy")) {
            for (String fromLogits : List.of("true", "false")) {
                workspace.job("{'task': 'gradcheck', 'loss': {'name': '" + name + "', 'params': {'from_logits': "
                        + fromLogits + "}}, 'rows': 32, 'seed': 5}");
                assertTrue(runJson(workspace).get("passed").asBoolean(), name);
            }
        }
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'categorical_cross_entropy', 'params': {'from_logits': true,"
                + " 'label_smoothing': 0.1}}, 'targets': 'distributions', 'classes': 4}");
        JsonNode report = runJson(workspace);
        assertEquals("[64,4]", report.get("shape").toString());
        assertEquals("distributions", report.get("targets").asText());
    }

    @Test
    void explainOfThreeClassProbabilitiesGivesTheTrueClassProbability() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("iris.csv", "p_setosa,p_versicolor,p_virginica,species\n0.8,0.15,0.05,setosa\n"
                + "0.1,0.3,0.6,versicolor\n0.2,0.2,0.6,virginica\n");
        workspace.job("{'task': 'explain', 'loss': {'name': 'categorical_cross_entropy'}, 'data': {'path': 'iris.csv',"
                + " 'prediction': ['p_setosa', 'p_versicolor', 'p_virginica'], 'target': 'species',"
                + " 'classes': ['setosa', 'versicolor', 'virginica']}, 'output': {'plot': 'plot.png'}}");
        JsonNode report = runJson(workspace);
        JsonNode table = report.get("table");
        assertEquals("versicolor", table.get(1).get("target").asText());
        assertEquals(0.3, table.get(1).get("probability").asDouble(), 1e-15);
        assertEquals(Math.log(0.3), table.get(1).get("log_probability").asDouble(), 1e-15);
        assertEquals(-Math.log(0.3), table.get(1).get("loss").asDouble(), 1e-15);
        // torch.nn.functional.nll_loss(torch.log(p), [0, 1, 2]) in float64
        assertEquals(0.6459806598020456, report.get("value").asDouble(), 1e-15);
        assertTrue(workspace.exists("plot.png"));
    }

    @Test
    void explainShowsNoTrueClassForAnIgnoredRow() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("z.csv", "z0,z1,z2,y\n2,0,-1,0\n0,1,3,-1\n");
        workspace.job("{'task': 'explain', 'loss': {'name': 'categorical_cross_entropy', 'params': {'from_logits': true,"
                + " 'ignore_index': -1}}, 'data': {'path': 'z.csv', 'prediction': ['z0', 'z1', 'z2'], 'target': 'y'}}");
        JsonNode table = runJson(workspace).get("table");
        assertEquals("NaN", table.get(1).get("probability").asText());
        assertEquals(0.0, table.get(1).get("loss").asDouble());
        // log_softmax([2, 0, -1])[0] (torch.log_softmax in float64)
        assertEquals(-0.16984601955628567, table.get(0).get("log_probability").asDouble(), 1e-15);
    }

    @Test
    void evaluateOfTheBreastCancerExampleMatchesPyTorch() throws Exception {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Cli.Result result = Cli.run("run", examples.resolve("evaluate-breast-cancer.json").toString(), "--json",
                "--set", "output={}");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = Json.MAPPER.readTree(result.out());
        assertEquals(569, report.get("rows").asInt());
        // torch.nn.functional.binary_cross_entropy_with_logits(logit, malignant) on the same file, float64
        assertEquals(0.07380499551162999, report.get("value").asDouble(), 1e-15);
    }
}
