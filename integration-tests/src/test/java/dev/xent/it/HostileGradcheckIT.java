package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ShiftedLogLoss;
import dev.xent.it.fixtures.ShiftedLogProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gradcheck at the ends of its documented ranges, and on a loss that is NaN on valid inputs. */
class HostileGradcheckIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLargestDocumentedRowCountIsCheckedElementByElementWellWithinTheTimeout() throws Exception {
        // Quadratic before: 100,000 rows did not finish in 60 s. XentProcess gives up after 120 s.
        Path folder = XentProcess.workDirectory("gradcheck-rows");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "gradcheck", "loss": {"name": "cross_entropy", "params": {"from_logits": true}},
                 "rows": 100000, "classes": 5}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode report = JSON.readTree(run.stdout());
        assertEquals(500_000, report.get("finite_differences").get("elements_checked").asInt());
        assertTrue(report.get("passed").asBoolean(), run::toString);
    }

    @Test
    void theLargestDocumentedClassCountChecksASampleAndSaysHowMany() throws Exception {
        Path folder = XentProcess.workDirectory("gradcheck-classes");
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "gradcheck", "loss": {"name": "cross_entropy", "params": {"from_logits": true}},
                 "rows": 4, "classes": 10000}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("(finite differences on 1000 of 40000 elements)"), run::toString);
    }

    @Test
    void aPluginLossThatIsNaNOnValidInputsFailsNamingTheRowAndTheValue() throws Exception {
        Path folder = XentProcess.workDirectory("nan-gradcheck");
        Path jar = PluginJar.write(folder.resolve("shifted-log.jar"), List.of(ShiftedLogProvider.class.getName()),
                ShiftedLogProvider.class, ShiftedLogLoss.class);
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "gradcheck", "loss": {"name": "shifted_log"}, "rows": 16, "seed": 2}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", jar.toString());
        assertEquals(1, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: shifted_log: the loss is NaN at row ")
                && line.contains("of the random inputs (seed 2)"), run::toString);
    }
}
