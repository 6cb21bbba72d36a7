package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.io.Json;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.Tasks;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLinePolishTest {

    @Test
    void helpNamesEveryTaskInItsDescriptionAndListsThemBelow() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        String tasksFooter = help.out().substring(help.out().indexOf("Tasks:"));
        for (Task task : Tasks.all()) {
            assertTrue(help.out().contains(task.name() + ",") || help.out().contains(task.name() + ")."),
                    "the description names " + task.name() + ": " + help.out());
            assertTrue(tasksFooter.contains("  " + task.name() + " "), "listed below: " + task.name());
        }
        help.out().lines().forEach(line -> assertTrue(line.length() <= 80, "at most 80 columns: " + line));
    }

    @Test
    void versionIsTheVersionOfTheBuild() {
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().strip().matches("xent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version.out());
        assertTrue(version.out().strip().endsWith("-SNAPSHOT") == version.out().contains("SNAPSHOT"));
    }

    @Test
    void aMistypedCommandGetsTheClosestOne() {
        Cli.Result result = Cli.run("lsit");
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "unknown command 'lsit'; did you mean 'list'? (commands: list, describe, run, help)");
    }

    @Test
    void verboseWorksBeforeTheCommandToo() {
        Cli.Result result = Cli.run("--verbose", "describe", "nope");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("xent: ") && result.err().contains("\tat "), result.err());
    }

    @Test
    void jsonWithQuietIsABadUsage() {
        Cli.Result result = Cli.run("run", "--json", "--quiet", "whatever.json");
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "--json and --quiet exclude each other");
    }

    @Test
    void aDashReadsTheJobFromStandardInput() throws Exception {
        InputStream original = System.in;
        String job = "{\"task\": \"gradcheck\", \"loss\": {\"name\": \"test_mse\"}, \"rows\": 4}";
        try {
            System.setIn(new ByteArrayInputStream(job.getBytes(StandardCharsets.UTF_8)));
            Cli.Result result = Cli.run("run", "-", "--json");
            assertEquals(0, result.exitCode(), result.err());
            JsonNode report = Json.MAPPER.readTree(result.out());
            assertEquals("gradcheck", report.get("task").asText());
            System.setIn(new ByteArrayInputStream("{\"task\": ".getBytes(StandardCharsets.UTF_8)));
            Cli.assertOneErrorLine(Cli.run("run", "-"), "(standard input): malformed JSON at line 1");
        } finally {
            System.setIn(original);
        }
    }
}
