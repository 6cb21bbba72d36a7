package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher {@code ./xent} (bash) as a process, after {@code package} built
 * {@code cli/target/xent.jar}: the built-in losses are found through the shaded jar's merged
 * service files.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("xent").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("xent-out", ".txt");
        Path err = Files.createTempFile("xent-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher finishes");
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theLauncherListsTheBuiltInLossesFromTheShadedJar() throws Exception {
        Outcome outcome = launch("list", "--json");
        assertEquals(0, outcome.exitCode(), outcome.err());
        List<String> names = new ArrayList<>();
        Json.MAPPER.readTree(outcome.out()).forEach(loss -> names.add(loss.get("name").asText()));
        assertTrue(names.containsAll(List.of("binary_cross_entropy", "categorical_cross_entropy")), names.toString());
    }

    @Test
    void theLauncherRunsAJobAndReportsBadInputWithExitCodeTwo() throws Exception {
        Files.writeString(folder.resolve("p.csv"), "p,y\n0.9,1\n0.2,0\n");
        Path job = Files.writeString(folder.resolve("job.json"), "{\"task\": \"evaluate\", \"loss\": {\"name\": "
                + "\"binary_cross_entropy\"}, \"data\": {\"path\": \"p.csv\", \"prediction\": \"p\", \"target\": \"y\"}}");
        Outcome outcome = launch("run", job.toString(), "--json");
        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode report = Json.MAPPER.readTree(outcome.out());
        // -(log(0.9) + log(0.8)) / 2, as torch.nn.functional.binary_cross_entropy gives in float64
        assertEquals(0.164252033486018, report.get("value").asDouble(), 1e-15);

        Outcome bad = launch("run", job.toString(), "--set", "loss.name=binary_cross_entropi");
        assertEquals(2, bad.exitCode());
        // ./xent adds jdk.incubator.vector (the vector kernels), and the JVM announces it with one line of its own.
        String err = bad.err().replaceFirst("^WARNING: Using incubator modules: jdk\\.incubator\\.vector\\R", "");
        assertTrue(err.startsWith("xent: $.loss.name: unknown loss 'binary_cross_entropi'"), bad.err());
    }
}
