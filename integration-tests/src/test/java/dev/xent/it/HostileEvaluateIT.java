package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ShiftedLogLoss;
import dev.xent.it.fixtures.ShiftedLogProvider;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** evaluate on hostile data: a number is right, or the run fails naming the row. */
class HostileEvaluateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a140000RowRunOfIgnoredRowsBeforeTheValidOnesIsNotAnError() throws Exception {
        Path folder = XentProcess.workDirectory("ignored-rows");
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("data.csv"))) {
            out.write("a,b,c,y\n");
            for (int i = 0; i < 140_000; i++) {
                out.write("0.2,0.3,0.5,-100\n");
            }
            for (int i = 0; i < 10; i++) {
                out.write("0.2,0.3,0.5,1\n");
            }
        }
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "cross_entropy", "params": {"ignore_index": -100}},
                 "data": {"path": "data.csv", "prediction": ["a", "b", "c"], "target": "y"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode report = JSON.readTree(run.stdout());
        assertEquals(140_010, report.get("rows").asLong());
        assertEquals(-Math.log(0.3), report.get("value").asDouble(), 1e-15, "the mean over the 10 counted rows");

        Files.writeString(folder.resolve("data.csv"), "a,b,c,y\n0.2,0.3,0.5,-100\n0.1,0.1,0.8,-100\n");
        XentProcess.Result none = XentProcess.run(folder, "run", job.toString());
        assertEquals(2, none.exitCode(), "a file with no counted row at all is an error: " + none);
        assertTrue(XentProcess.onlyLine(none.stderr()).contains("ignore_index -100"), none::toString);
    }

    @Test
    void aPluginLossThatIsNaNOnSomeRowsFailsTheRunNamingTheLossTheLineAndTheValue() throws Exception {
        Path folder = XentProcess.workDirectory("nan-evaluate");
        Path jar = PluginJar.write(folder.resolve("shifted-log.jar"), List.of(ShiftedLogProvider.class.getName()),
                ShiftedLogProvider.class, ShiftedLogLoss.class);
        Files.writeString(folder.resolve("data.csv"), "x,y\n0.7,1\n0.9,0\n0.2,1\n0.8,0\n");
        Files.deleteIfExists(folder.resolve("report.json"));
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "shifted_log"},
                 "data": {"path": "data.csv", "prediction": "x", "target": "y"}, "output": {"report": "report.json"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", jar.toString());
        assertEquals(1, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: shifted_log: the loss is NaN at ") && line.contains("data.csv line 4"),
                run::toString);
        assertFalse(Files.exists(folder.resolve("report.json")));
    }

    @Test
    void anInfiniteLossAtAProbabilityOfZeroIsReportedAsTheDocumentedValueWithItsLine() throws Exception {
        Path folder = XentProcess.workDirectory("infinite-evaluate");
        Files.writeString(folder.resolve("data.csv"), "p,y\n0.5,1\n0,1\n0.2,0\n");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "binary_cross_entropy", "params": {"epsilon": 0}},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("value (mean): Infinity"), run::toString);
        assertTrue(run.stdout().contains("first infinite loss at data.csv line 3"), run::toString);
    }
}
