package dev.xent.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the bench task in-process on small inputs; checks the report's keys, never its timings. */
class BenchCommandTest {
    @TempDir
    Path folder;

    private JsonNode report(String job) throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job(job);
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        return Json.MAPPER.readTree(result.out());
    }

    private static void assertThroughputs(JsonNode report) {
        for (String key : new String[] {"analytic_value", "analytic_value_and_gradient", "autodiff_value_and_gradient"}) {
            assertTrue(report.get(key).asDouble() > 0, key + " in " + report);
        }
    }

    @Test
    void aMultiClassLossReportsRowsClassesThreadsAndThreeThroughputs() throws Exception {
        JsonNode report = report("{'task': 'bench', 'loss': {'name': 'categorical_cross_entropy',"
                + " 'params': {'from_logits': true}}, 'rows': 200, 'classes': 7, 'threads': 2}");
        assertEquals("bench", report.get("task").asText());
        assertEquals(200, report.get("rows").asInt());
        assertEquals(7, report.get("classes").asInt());
        assertEquals(2, report.get("threads").asInt());
        assertThroughputs(report);
    }

    @Test
    void anElementWiseLossCountsOneClass() throws Exception {
        JsonNode report = report("{'task': 'bench', 'loss': {'name': 'binary_cross_entropy',"
                + " 'params': {'from_logits': true}}, 'rows': 500, 'threads': 1}");
        assertEquals(1, report.get("classes").asInt());
        assertEquals(1, report.get("threads").asInt());
        assertThroughputs(report);
    }

    private void assertBadInput(String job, String message) {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job(job);
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, message);
    }

    @Test
    void badSettingsAreNamedWithTheirJsonPath() {
        assertBadInput("{'task': 'bench', 'loss': {'name': 'bce'}, 'rows': 10, 'classes': 3}",
                "$.classes: binary_cross_entropy is element-wise");
        assertBadInput("{'task': 'bench', 'loss': {'name': 'bce', 'params': {'reduction': 'none'}}, 'rows': 10}",
                "$.loss: bench times the reduced value");
        assertBadInput("{'task': 'bench', 'loss': {'name': 'cce'}, 'rows': 3000000, 'classes': 10}",
                "$.rows: rows x classes = 30000000 elements");
    }
}
