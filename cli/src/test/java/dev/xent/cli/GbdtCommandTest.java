package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code "model": {"type": "gbdt"}} through the command line: boosted trees with the job's loss. */
class GbdtCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = ROOT.resolve("examples/data");

    @TempDir
    Path folder;

    private static ObjectNode irisJob() {
        return (ObjectNode) Json.tree(Map.of(
                "task", "train",
                "loss", Map.of("name", "categorical_cross_entropy", "params", Map.of("label_smoothing", 0.05)),
                "data", Map.of("path", DATA.resolve("iris.csv").toString(), "target", "species",
                        "validation_fraction", 0.3),
                "model", Map.of("type", "gbdt", "rounds", 10, "max_depth", 2),
                "output", Map.of("report", "out/report.json")));
    }

    private Cli.Result run(JsonNode job, String... overrides) throws IOException {
        Path file = folder.resolve("job.json");
        Files.writeString(file, Json.write(job));
        return Cli.run(Stream.concat(Stream.of("run"), Stream.concat(
                Arrays.stream(overrides).flatMap(o -> Stream.of("--set", o)), Stream.of(file.toString())))
                .toArray(String[]::new));
    }

    private JsonNode report() throws IOException {
        return Json.MAPPER.readTree(folder.resolve("out/report.json").toFile());
    }

    @Test
    void theFocalBreastCancerExampleTrainsABoosterAndWritesReportXGBoostModelAndPlot() throws IOException {
        Path out = folder.resolve("out");
        String outputs = Json.write(Json.tree(Map.of("report", out.resolve("breast-cancer-focal-gbdt.report.json").toString(),
                "model", out.resolve("breast-cancer-focal-gbdt.model.json").toString(),
                "plot", out.resolve("breast-cancer-focal-gbdt.png").toString())));
        Files.createDirectories(out);
        Cli.Result result = Cli.run("run", ROOT.resolve("examples/breast-cancer-focal-gbdt.json").toString(),
                "--set", "model.rounds=20", "--set", "output=" + outputs);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("train: gbdt model, 20 rounds of depth 3, eta 0.3"), result.out());
        JsonNode report = Json.MAPPER.readTree(out.resolve("breast-cancer-focal-gbdt.report.json").toFile());
        assertEquals("binary_focal_cross_entropy", report.get("loss").get("name").asText());
        assertEquals("gbdt", report.get("model").get("type").asText());
        assertEquals(20, report.get("history").size());
        assertTrue(report.get("validation_accuracy").asDouble() > 0.95, report.toString());
        JsonNode history = report.get("history");
        assertTrue(history.get(19).get("train_loss").asDouble() < history.get(0).get("train_loss").asDouble());
        JsonNode model = Json.MAPPER.readTree(out.resolve("breast-cancer-focal-gbdt.model.json").toFile());
        assertEquals(30, model.get("learner").get("feature_names").size());
        byte[] png = Files.readAllBytes(out.resolve("breast-cancer-focal-gbdt.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void softmaxBoosterFitsIrisAndTheSameSeedGivesAnIdenticalReport() throws IOException {
        ObjectNode job = irisJob();
        assertEquals(0, run(job).exitCode());
        JsonNode first = report();
        assertEquals(3, first.get("model").get("outputs").asInt());
        assertTrue(first.get("accuracy").asDouble() > 0.95, first.toString());
        assertTrue(first.get("validation_accuracy").asDouble() > 0.9, first.toString());
        assertEquals(0.05, first.get("loss").get("params").get("label_smoothing").asDouble());
        Files.delete(folder.resolve("out/report.json"));
        assertEquals(0, run(job).exitCode());
        assertEquals(first, report());
    }

    private void assertBadJob(JsonNode job, String expected, String... overrides) throws IOException {
        Cli.Result result = run(job, overrides);
        assertEquals(2, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result.err());
        assertFalse(Files.exists(folder.resolve("out")), "no output may be written");
    }

    @Test
    void badGbdtJobsAreRejectedWithTheirJsonPathAndWriteNothing() throws IOException {
        ObjectNode job = irisJob();
        assertBadJob(job, "$.model.max_depht: unknown key 'max_depht'; did you mean 'max_depth'?", "model.max_depht=3");
        assertBadJob(job, "$.model.eta", "model.eta=0");
        assertBadJob(job, "$.model.rounds", "model.rounds=-1");
        assertBadJob(job, "$.optimizer: a gbdt model is fitted by boosting", "optimizer.name=adam");
        assertBadJob(job, "$.training.epochs: unknown key 'epochs'", "training.epochs=5");
        assertBadJob(job, "needs a binary target", "loss.name=binary_cross_entropy", "loss.params={}");
        assertBadJob(job, "$.loss: test_softmax_logits gives no Hessian", "loss.name=test_softmax", "loss.params={}");
        assertBadJob(job, "$.output.plot: there is no loss curve with 0 rounds", "model.rounds=0",
                "output.plot=out/p.png");
    }
}
