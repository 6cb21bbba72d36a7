package dev.xent.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import dev.xent.core.LossRegistry;
import dev.xent.core.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-finite losses in evaluate: refused when the input does not justify them, reported when it does; ignored rows. */
class NonFiniteEvaluationTest {
    @TempDir
    Path folder;

    @Test
    void aNaNLossTheInputDoesNotJustifyFailsTheRunNamingTheLossTheLineAndTheValue() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "x,y\n0.7,1\n0.9,0\n0.2,1\n0.8,0\n");
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_shifted_log'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'x', 'target': 'y'}, 'output': {'report': 'r.json'}}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "test_shifted_log: the loss is NaN at ");
        Cli.assertOneErrorLine(result, "data.csv line 4, which its input does not justify");
        assertFalse(workspace.exists("r.json"), "no report of a failed run");
    }

    @Test
    void anInfiniteLossAtAProbabilityOfZeroIsTheDocumentedValueAndItsLineIsNamed() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "p,y\n0.5,1\n0,1\n0.2,0\n1,0\n");
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'binary_cross_entropy', 'params': {'epsilon': 0}},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'},"
                + " 'output': {'report': 'r.json', 'gradient': 'g.csv'}}");
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("value (mean): Infinity"), result.out());
        assertTrue(result.out().contains("first infinite loss at data.csv line 3"), result.out());
        JsonNode report = Json.MAPPER.readTree(workspace.read("r.json"));
        assertEquals(3, report.get("first_infinite_loss_line").asLong());
        assertEquals(List.of("d_p", "-0.5", "-Infinity", "0.3125", "Infinity"), workspace.read("g.csv").lines().toList());
    }

    @Test
    void anInfiniteLossAtAFiniteLogitIsNotJustified() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "x,y\n0.7,1\n0.5,0\n");
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'test_shifted_log', 'params': {'reduction': 'sum'}},"
                + " 'data': {'path': 'data.csv', 'prediction': 'x', 'target': 'y'}}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "test_shifted_log: the loss is -Infinity at ");
        Cli.assertOneErrorLine(result, "data.csv line 3, which its input does not justify");
    }

    @Test
    void leadingBlocksOfIgnoredRowsBeyondTheGrowthLimitAreNotAnError() throws Exception {
        int rows = 120;
        int classes = 3;
        Random random = new Random(3);
        double[] logits = new double[rows * classes];
        double[] y = new double[rows];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 2;
        }
        for (int i = 0; i < rows; i++) {
            // 100 ignored rows: 14 blocks of 7, far more than the first block may grow (4 blocks).
            y[i] = i < 100 ? -100 : random.nextInt(classes);
        }
        StreamingEvaluationTest.Data data = new StreamingEvaluationTest.Data(List.of("z0", "z1", "z2"), List.of("y"),
                Tensor.wrap(logits, rows, classes), Tensor.wrap(y, rows), null);
        StreamingEvaluationTest.checkAgainstWholeFile(folder, LossRegistry.load(getClass().getClassLoader()),
                "categorical_cross_entropy", Map.of("from_logits", true, "ignore_index", -100), data, 7);
    }

    @Test
    void aFileWithNoCountedRowIsStillAnError() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "a,b,y\n0.2,0.8,-1\n0.6,0.4,-1\n");
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'cross_entropy', 'params': {'ignore_index': -1}},"
                + " 'data': {'path': 'data.csv', 'prediction': ['a', 'b'], 'target': 'y'}}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "ignore_index -1");
    }
}
