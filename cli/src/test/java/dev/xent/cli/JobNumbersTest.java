package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.io.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers in a job are taken exactly (as the nearest double, like any decimal) or refused, never truncated. */
class JobNumbersTest {
    @TempDir
    Path folder;

    private Cli.Result evaluate(String params, String... extra) {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "p,y\n0.25,1\n0.5,0\n");
        workspace.write("job.json", ("{'task': 'evaluate', 'loss': {'name': 'test_squared_error', 'params': " + params
                + "}, 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'}}").replace('\'', '"'));
        String[] args = new String[extra.length + 1];
        args[0] = "--json";
        System.arraycopy(extra, 0, args, 1, extra.length);
        return workspace.run(args);
    }

    @Test
    void anIntegerBeyond64BitsIsRefusedForAnIntegerParameterNotTruncated() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "p0,p1,y\n0.3,0.7,1\n0.6,0.4,0\n");
        workspace.job("{'task': 'evaluate', 'loss': {'name': 'cross_entropy', 'params': {'ignore_index': "
                + "18446744073709551617}}, 'data': {'path': 'data.csv', 'prediction': ['p0', 'p1'], 'target': 'y'}}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.loss.params.ignore_index: ");
        Cli.assertOneErrorLine(result, "18446744073709551617 is out of range");
    }

    @Test
    void anIntegerBeyond64BitsForANumberParameterIsItsNearestDoubleNotTruncated() throws Exception {
        Cli.Result result = evaluate("{'scale': 18446744073709551617}");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = Json.MAPPER.readTree(result.out());
        assertEquals(1.8446744073709552E19, report.get("loss").get("params").get("scale").asDouble());
    }

    @Test
    void tenToTheNineteenWrittenAsAnIntegerIsThatNumber() throws Exception {
        Cli.Result result = evaluate("{'scale': 10000000000000000000}");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1e19, Json.MAPPER.readTree(result.out()).get("loss").get("params").get("scale").asDouble());
    }

    @Test
    void aDecimalBeyondTheDoubleRangeIsRefusedNamingItsPath() {
        Cli.Result result = evaluate("{'scale': 1e400}");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.loss.params.scale: 1E+400 is beyond the range of numbers");
        result = evaluate("{'scale': 1e-400}");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.loss.params.scale: 1E-400 is too small");
    }

    @Test
    void anIntegerBeyondTheDoubleRangeIsRefusedNamingItsPath() {
        Cli.Result result = evaluate("{'scale': 1" + "0".repeat(400) + "}");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.loss.params.scale: 1000");
        Cli.assertOneErrorLine(result, "is beyond the range of numbers");
    }

    @Test
    void overridesAreCheckedLikeTheJobFile() {
        Cli.Result result = evaluate("{}", "--set", "loss.params.scale=-1e999");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.loss.params.scale: -1E+999 is beyond the range of numbers");
    }

    @Test
    void aSeedBeyond64BitsIsOutOfRange() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_logistic'}, 'seed': 18446744073709551617}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.seed: 18446744073709551617 is out of range");
    }
}
