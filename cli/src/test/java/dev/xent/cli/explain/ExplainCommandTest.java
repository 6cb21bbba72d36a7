package dev.xent.cli.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path folder;

    TestWorkspace workspace;

    @BeforeEach
    void setUp() {
        workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "name,x,y\nann,2.0,1\nbob,-1.0,1\ncid,0.0,0\ndan,1.5,0.25\n");
    }

    @Test
    void theTableGivesTheTrueClassProbabilityItsLogAndTheRowLoss() throws Exception {
        workspace.job("{'task': 'explain', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'id': 'name', 'prediction': 'x', 'target': 'y'},"
                + " 'output': {'report': 'out/report.json', 'table': 'out/table.csv', 'plot': 'out/plot.png'}}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = Json.MAPPER.readTree(result.out());
        JsonNode table = report.get("table");
        assertEquals(4, table.size());
        assertEquals("ann", table.get(0).get("id").asText());
        // sigmoid(2) and log(sigmoid(2)) (math.log(1 / (1 + math.exp(-2))) in Python)
        assertEquals(0.8807970779778823, table.get(0).get("probability").asDouble(), 1e-15);
        assertEquals(-0.12692801104297263, table.get(0).get("log_probability").asDouble(), 1e-15);
        // y = 0: the probability of class 0 is 1 - sigmoid(0) = 0.5
        assertEquals(0.5, table.get(2).get("probability").asDouble(), 1e-15);
        for (JsonNode row : table) {
            // For plain cross-entropy the row loss is -log of the true-class probability.
            assertEquals(-row.get("log_probability").asDouble(), row.get("loss").asDouble(), 1e-12);
        }
        double mean = 0;
        for (JsonNode row : table) {
            mean += row.get("loss").asDouble() / 4;
        }
        assertEquals(mean, report.get("value").asDouble(), 1e-15);
        List<String> csv = Files.readAllLines(folder.resolve("out/table.csv"));
        assertEquals("id,target,x,probability,log_probability,loss", csv.get(0));
        assertEquals(5, csv.size());
        byte[] png = Files.readAllBytes(folder.resolve("out/plot.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
    }

    @Test
    void theHumanTableHasOneLinePerRowAndTheTotal() {
        workspace.job("{'task': 'explain', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'x', 'target': 'y'}}");
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(1).startsWith("id "), lines.get(1));
        assertTrue(lines.get(2).startsWith("1 "), lines.get(2));
        assertTrue(lines.get(6).startsWith("total (mean): "), lines.get(6));
    }

    @Test
    void aLossOnRealNumbersCannotBeExplained() {
        workspace.job("{'task': 'explain', 'loss': {'name': 'test_squared_error'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'x', 'target': 'y'}, 'output': {'plot': 'p.png'}}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "explain needs a loss on probabilities or logits");
        assertTrue(!workspace.exists("p.png"));
    }
}
