package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.it.fixtures.ErrorThrowingProvider;
import dev.xent.it.fixtures.PluginJar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile numbers and sizes in jobs, and errors that are not exceptions: a right number, or one line. */
class HostileJobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The only line on stderr, which starts with {@code xent: } (no stack trace). */
    static String oneLine(XentProcess.Result run) {
        String stripped = run.stderr().strip();
        assertTrue(stripped.startsWith("xent: ") && !stripped.contains("\n"), () -> "expected one line: " + run);
        return stripped;
    }

    private static Path folderWith(String name, String data, String job) throws IOException {
        Path folder = XentProcess.workDirectory("hostile-jobs/" + name);
        Files.writeString(folder.resolve("data.csv"), data);
        Files.writeString(folder.resolve("job.json"), job);
        return folder;
    }

    private static XentProcess.Result evaluate(String name, String params) throws Exception {
        Path folder = folderWith(name, "p,y\n0.25,1\n0.75,0\n", """
                {"task": "evaluate", "loss": {"name": "binary_cross_entropy", "params": %s},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
                """.formatted(params));
        return XentProcess.run(folder, "run", "job.json", "--json");
    }

    @Test
    void anIgnoreIndexBeyond64BitsIsRefusedNotTruncatedToOne() throws Exception {
        Path folder = folderWith("ignore-index", "p0,p1,y\n0.3,0.7,1\n0.6,0.4,0\n", """
                {"task": "evaluate", "loss": {"name": "cross_entropy", "params": {"ignore_index": 18446744073709551617}},
                 "data": {"path": "data.csv", "prediction": ["p0", "p1"], "target": "y"}}
                """);
        XentProcess.Result run = XentProcess.run(folder, "run", "job.json");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(oneLine(run).startsWith("xent: $.loss.params.ignore_index: ")
                && run.stderr().contains("18446744073709551617 is out of range"), run::toString);
    }

    @Test
    void aPosWeightBeyond64BitsIsItsNearestDoubleNotOne() throws Exception {
        XentProcess.Result run = evaluate("pos-weight", "{\"pos_weight\": 18446744073709551617}");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1.8446744073709552E19, JSON.readTree(run.stdout()).at("/loss/params/pos_weight").doubleValue());
    }

    @Test
    void tenToTheNineteenWrittenAsAnIntegerIsValid() throws Exception {
        XentProcess.Result run = evaluate("ten-to-the-nineteen", "{\"pos_weight\": 10000000000000000000}");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1e19, JSON.readTree(run.stdout()).at("/loss/params/pos_weight").doubleValue());
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsRefusedNamingTheParameter() throws Exception {
        XentProcess.Result run = evaluate("beyond-double", "{\"label_smoothing\": 1e-999}");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(oneLine(run).startsWith("xent: $.loss.params.label_smoothing: 1E-999 is too small"), run::toString);
    }

    /** On a 256 MB heap, the job is refused before allocating: exit 2, one line containing {@code expected}. */
    private static void refusedOnASmallHeap(String name, String data, String job, String expected) throws Exception {
        XentProcess.Result run = XentProcess.run(folderWith(name, data, job), List.of("-Xmx256m"), Map.of(), "run",
                "job.json");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(oneLine(run).contains(expected) && run.stderr().contains("more than the Java heap limit of 256 MB"),
                run::toString);
    }

    @Test
    void aGradcheckTooLargeForTheHeapIsRefusedWithExitTwo() throws Exception {
        refusedOnASmallHeap("gradcheck-size", "", """
                {"task": "gradcheck", "loss": {"name": "cross_entropy"}, "rows": 100000, "classes": 1000}
                """, "$.rows: a gradcheck of 100000 x 1000 elements needs about");
    }

    @Test
    void aBenchTooLargeForTheHeapIsRefusedWithExitTwo() throws Exception {
        refusedOnASmallHeap("bench-size", "", """
                {"task": "bench", "loss": {"name": "cross_entropy"}, "rows": 1000000, "classes": 20}
                """, "$.rows: a bench of 1000000 x 20 elements needs about");
    }

    @Test
    void anMlpTooLargeForTheHeapIsRefusedWithExitTwo() throws Exception {
        refusedOnASmallHeap("mlp-size", "x,label\n0.1,a\n0.9,b\n", """
                {"task": "train", "loss": {"name": "binary_cross_entropy"}, "data": {"path": "data.csv", "target": "label"},
                 "model": {"type": "mlp", "hidden": [100000, 100000]}}
                """, "$.model.hidden: an mlp model of 10000400001 parameters on 2 rows needs about");
    }

    @Test
    void trainingOnAFileBiggerThanTheHeapEndsWithTheOneLineOutOfMemoryMessage() throws Exception {
        Path folder = folderWith("train-oom", "", """
                {"task": "train", "loss": {"name": "binary_cross_entropy"}, "data": {"path": "data.csv", "target": "label"}}
                """);
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("data.csv"))) {
            out.write("a,b,c,label\n");
            for (int r = 0; r < 500_000; r++) {
                out.write(r % 2 == 0 ? "0.123456,0.654321,0.5,yes\n" : "0.923456,0.254321,0.25,no\n");
            }
        }
        XentProcess.Result run = XentProcess.run(folder, List.of("-Xmx16m"), Map.of(), "run", "job.json");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(oneLine(run).startsWith("xent: out of memory while reading all of data.csv")
                && run.stderr().contains("XENT_JAVA_OPTS=-Xmx4g"), run::toString);
    }

    @Test
    void anErrorFromAPluginIsOneLineWithoutAStackTrace() throws Exception {
        Path folder = folderWith("plugin-error", "p,y\n0.25,1\n", """
                {"task": "evaluate", "loss": {"name": "throws_an_error"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}}
                """);
        PluginJar.write(folder.resolve("error-plugin.jar"), ErrorThrowingProvider.class);
        XentProcess.Result run = XentProcess.run(folder, "run", "job.json", "--plugin-path", "error-plugin.jar");
        assertTrue(run.exitCode() != 0, run::toString);
        assertTrue(oneLine(run).contains(ErrorThrowingProvider.MESSAGE), run::toString);

        XentProcess.Result verbose = XentProcess.run(folder, "run", "job.json", "--plugin-path", "error-plugin.jar",
                "--verbose");
        assertTrue(verbose.stderr().contains("\tat "), "--verbose shows the stack trace:\n" + verbose);
    }
}
