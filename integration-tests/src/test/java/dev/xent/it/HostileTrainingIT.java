package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ShiftedLogLoss;
import dev.xent.it.fixtures.ShiftedLogProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** train on hostile settings and data: divergence while finite, features near ±1e308, a NaN plugin loss. */
class HostileTrainingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Two features, the second near the ends of the double range; the class is its sign, except in
     * every tenth row (so no model separates the classes and the loss cannot reach 0).
     */
    private static void writeData(Path file) throws Exception {
        StringBuilder csv = new StringBuilder("a,x,y\n");
        for (int i = 0; i < 40; i++) {
            boolean positive = i % 2 == 1;
            String big = (positive ? "" : "-") + (i % 3 == 0 ? "1.5e308" : "1e308");
            boolean label = i % 10 == 0 ? !positive : positive;
            csv.append(i % 7).append(',').append(big).append(',').append(label ? 1 : 0).append('\n');
        }
        Files.writeString(file, csv);
    }

    @Test
    void anObjectiveGrowingWithoutBoundWhileFiniteIsDivergenceWithExitCodeOne() throws Exception {
        Path folder = XentProcess.workDirectory("divergence");
        writeData(folder.resolve("data.csv"));
        Files.deleteIfExists(folder.resolve("report.json"));
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "train", "loss": {"name": "binary_cross_entropy"}, "data": {"path": "data.csv", "target": "y"},
                 "optimizer": {"name": "sgd", "learning_rate": 1e300}, "training": {"epochs": 20},
                 "output": {"report": "report.json"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString());
        assertEquals(1, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: training diverged in epoch ") && line.contains("1e6 times its starting value")
                && line.contains("learning_rate"), run::toString);
        assertFalse(Files.exists(folder.resolve("report.json")));
    }

    @Test
    void featuresNearTheEndsOfTheDoubleRangeAreStandardisedNotZeroed() throws Exception {
        Path folder = XentProcess.workDirectory("huge-features");
        writeData(folder.resolve("data.csv"));
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "train", "loss": {"name": "binary_cross_entropy"}, "data": {"path": "data.csv", "target": "y"},
                 "optimizer": {"name": "adam", "learning_rate": 0.1}, "training": {"epochs": 100}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        // 0.9 is the best any model reaches (every tenth label is flipped); a zeroed x leaves only the noise in 'a'.
        assertEquals(0.9, JSON.readTree(run.stdout()).get("accuracy").asDouble(), run::toString);
    }

    @Test
    void aPluginLossThatIsNaNOnFiniteLogitsFailsTheRunNamingTheLine() throws Exception {
        Path folder = XentProcess.workDirectory("nan-training");
        Path jar = PluginJar.write(folder.resolve("shifted-log.jar"), List.of(ShiftedLogProvider.class.getName()),
                ShiftedLogProvider.class, ShiftedLogLoss.class);
        writeData(folder.resolve("data.csv"));
        Path job = Files.writeString(folder.resolve("job.json"), """
                {"task": "train", "loss": {"name": "shifted_log"}, "data": {"path": "data.csv", "target": "y"},
                 "training": {"epochs": 5}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", job.toString(), "--plugin-path", jar.toString());
        assertEquals(1, run.exitCode(), run::toString);
        String line = XentProcess.onlyLine(run.stderr());
        assertTrue(line.startsWith("xent: shifted_log: the loss is NaN at ") && line.contains("data.csv line 2"),
                run::toString);
    }
}
