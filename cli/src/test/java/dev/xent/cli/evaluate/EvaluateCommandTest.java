package dev.xent.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final String DATA = "id,p,y,w,label\n1,0.5,1,1,yes\n2,-2.0,0,2,no\n3,3.0,1,0.5,yes\n";

    @TempDir
    Path folder;

    TestWorkspace workspace;

    @BeforeEach
    void setUp() {
        workspace = new TestWorkspace(folder);
        workspace.write("data.csv", DATA);
    }

    @Test
    void theReportHasTheValueAndEveryResolvedParameter() throws Exception {
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'},"
                + " 'output': {'report': 'out/report.json'}}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode printed = Json.MAPPER.readTree(result.out());
        JsonNode written = Json.MAPPER.readTree(workspace.read("out/report.json"));
        assertEquals(printed, written);
        assertEquals("evaluate", printed.get("task").asText());
        assertEquals("test_logistic", printed.get("loss").get("name").asText());
        assertEquals("mean", printed.get("loss").get("params").get("reduction").asText());
        assertEquals(3, printed.get("rows").asInt());
        // torch.nn.functional.binary_cross_entropy_with_logits(x=[0.5,-2,3], y=[1,0,1], reduction="none"), float64
        double expected = (0.4740769841801067 + 0.1269280110429726 + 0.048587351573741965) / 3;
        assertEquals(expected, printed.get("value").asDouble(), 1e-15);
    }

    @Test
    void sampleWeightsAndStringLabelsAreRead() throws Exception {
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_logistic', 'params': {'reduction': 'sum'}},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'label', 'weight': 'w',"
                + " 'classes': ['no', 'yes']}}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.err());
        double expected = 0.4740769841801067 + 2 * 0.1269280110429726 + 0.5 * 0.048587351573741965;
        assertEquals(expected, Json.MAPPER.readTree(result.out()).get("value").asDouble(), 1e-15);
    }

    @Test
    void setOverridesAJobFieldAndTheSummaryIsHuman() {
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'}}");
        Cli.Result result = workspace.run("--set", "loss.params.reduction=sum");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("value (sum): 0.6495923467968212"), result.out());
        Cli.Result quiet = workspace.run("--quiet");
        assertEquals("", quiet.out());
    }

    @Test
    void theGradientAndPerSampleFilesHaveOneRowPerDataRow() {
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'},"
                + " 'output': {'gradient': 'g.csv', 'per_sample': 'l.csv'}}");
        assertEquals(0, workspace.run().exitCode());
        List<String> gradient = workspace.read("g.csv").lines().toList();
        assertEquals("d_p", gradient.get(0));
        assertEquals(4, gradient.size());
        // (sigmoid(0.5) - 1) / 3, from torch autograd of the mean (float64)
        assertEquals(-0.1258468895993818, Double.parseDouble(gradient.get(1)), 1e-16);
        List<String> perSample = workspace.read("l.csv").lines().toList();
        assertEquals("loss", perSample.get(0));
        assertEquals(4, perSample.size());
        for (int i = 1; i < 4; i++) {
            double[] expected = {0.4740769841801067, 0.1269280110429726, 0.048587351573741965};
            assertEquals(expected[i - 1], Double.parseDouble(perSample.get(i)), 1e-15);
        }
    }
}
