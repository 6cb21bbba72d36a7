package dev.xent.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.cli.Xent;
import dev.xent.spark.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs end to end on local[2], on Parquet files written here, against the single-machine CLI's reports. */
class SparkJobTest {
    /** UCI Breast Cancer Wisconsin (Diagnostic), CC BY 4.0: see examples/data/README.md. */
    private static final Path DATA = Path.of("../examples/data").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    @BeforeAll
    static void parquetFiles() {
        SparkSession spark = SparkTestSession.spark();
        for (String name : List.of("breast_cancer_predictions", "breast_cancer")) {
            spark.read().option("header", "true").option("inferSchema", "true").csv(DATA.resolve(name + ".csv").toString())
                    .coalesce(1).write().parquet(folder.resolve(name + ".parquet").toString());
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run spark(Path job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkJob.execute(new String[] {job.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int cli(Path job) {
        return Xent.commandLine(Map.of()).execute("run", job.toString(), "--quiet");
    }

    private static Path write(String name, String json) throws IOException {
        return Files.writeString(folder.resolve(name), json);
    }

    private static void assertRelative(JsonNode expected, JsonNode actual, double tolerance, String key) {
        double e = expected.get(key).asDouble();
        double a = actual.get(key).asDouble();
        assertEquals(e, a, tolerance * Math.abs(e), key + ": CLI " + e + ", Spark " + a);
    }

    @Test
    void anEvaluateJobOnParquetGivesTheClisReportOnTheSameRows() throws IOException {
        String loss = "{\"name\": \"binary_focal_cross_entropy\", \"params\": {\"from_logits\": true, \"gamma\": 1.5, \"alpha\": 0.4}}";
        Path sparkJob = write("evaluate-spark.json", "{\"task\": \"evaluate\", \"loss\": " + loss + ","
                + " \"data\": {\"path\": \"breast_cancer_predictions.parquet\", \"format\": \"parquet\","
                + " \"prediction\": \"logit\", \"target\": \"malignant\", \"weight\": \"id\"},"
                + " \"output\": {\"report\": \"out/spark-evaluate.json\"},"
                + " \"spark\": {\"master\": \"local[2]\", \"app_name\": \"xent-test\", \"config\": {\"spark.sql.shuffle.partitions\": 4}}}");
        Path cliJob = write("evaluate-cli.json", "{\"task\": \"evaluate\", \"loss\": " + loss + ","
                + " \"data\": {\"path\": \"" + DATA.resolve("breast_cancer_predictions.csv") + "\","
                + " \"prediction\": \"logit\", \"target\": \"malignant\", \"weight\": \"id\"},"
                + " \"output\": {\"report\": \"out/cli-evaluate.json\"}}");
        Run run = spark(sparkJob);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("value (mean): "), run.out());
        assertEquals(0, cli(cliJob));
        JsonNode s = JSON.readTree(folder.resolve("out/spark-evaluate.json").toFile());
        JsonNode c = JSON.readTree(folder.resolve("out/cli-evaluate.json").toFile());
        assertEquals(fieldNames(c), fieldNames(s));
        assertEquals(c.get("loss"), s.get("loss"));
        assertEquals(c.get("rows"), s.get("rows"));
        assertEquals(c.get("reduction"), s.get("reduction"));
        for (String key : List.of("value", "weighted_sum", "total_weight")) {
            assertRelative(c, s, 1e-12, key);
        }
    }

    @Test
    void aTrainJobOnParquetReachesTheClisConjugateGradientObjective() throws IOException {
        String common = "\"task\": \"train\", \"loss\": {\"name\": \"binary_cross_entropy\"}, \"model\": {\"type\": \"linear\"},"
                + " \"training\": {\"epochs\": 500, \"l2\": 0.0017574692442882249}";
        Path sparkJob = write("train-spark.json", "{" + common + ", \"optimizer\": {\"name\": \"lbfgs\", \"tolerance\": 1e-12},"
                + " \"data\": {\"path\": \"breast_cancer.parquet\", \"target\": \"malignant\"},"
                + " \"output\": {\"report\": \"out/spark-train.json\", \"model\": \"out/spark-model.json\"}}");
        Path cliJob = write("train-cli.json", "{" + common + ", \"optimizer\": {\"name\": \"conjugate_gradient\"},"
                + " \"data\": {\"path\": \"" + DATA.resolve("breast_cancer.csv") + "\", \"target\": \"malignant\"},"
                + " \"output\": {\"report\": \"out/cli-train.json\"}}");
        Run run = spark(sparkJob);
        assertEquals(0, run.code(), run.err());
        assertEquals(0, cli(cliJob));
        JsonNode s = JSON.readTree(folder.resolve("out/spark-train.json").toFile());
        JsonNode c = JSON.readTree(folder.resolve("out/cli-train.json").toFile());
        List<String> missing = new ArrayList<>(fieldNames(c));
        missing.removeAll(fieldNames(s));
        assertEquals(List.of(), missing, "report keys of the CLI missing on Spark");
        assertEquals(c.get("loss"), s.get("loss"));
        assertEquals(c.get("data").get("features"), s.get("data").get("features"));
        assertEquals(c.get("data").get("classes"), s.get("data").get("classes"));
        assertEquals(c.get("model"), s.get("model"));
        assertRelative(c, s, 1e-6, "objective");
        assertRelative(c, s, 1e-4, "train_loss");
        assertEquals(c.get("accuracy").asDouble(), s.get("accuracy").asDouble(), 2.0 / 569);
        JsonNode model = JSON.readTree(folder.resolve("out/spark-model.json").toFile());
        assertEquals("xent-model/1", model.get("format").asText());
        assertEquals(30, model.get("layers").get(0).get("weights").size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badJobsAndBadDataFailWithOneLineAndExitCodeTwo() throws IOException {
        Path unknownKey = write("bad-key.json", "{\"task\": \"evaluate\", \"loss\": {\"name\": \"bce\"},"
                + " \"data\": {\"path\": \"breast_cancer_predictions.parquet\", \"prediction\": \"logit\", \"target\": \"malignant\", \"pathh\": 1}}");
        Run run = spark(unknownKey);
        assertEquals(2, run.code());
        assertEquals("xent-spark: $.data.pathh: unknown key 'pathh' (allowed here: path, format, prediction, target, weight, classes)\n",
                run.err());
        Path badColumn = write("bad-column.json", "{\"task\": \"evaluate\", \"loss\": {\"name\": \"bce\"},"
                + " \"data\": {\"path\": \"breast_cancer_predictions.parquet\", \"prediction\": \"logits\", \"target\": \"malignant\"}}");
        run = spark(badColumn);
        assertEquals(2, run.code());
        assertEquals("xent-spark: $.data.prediction: no column 'logits'; columns present: id, malignant, logit, p_malignant\n",
                run.err());
        Path badData = write("bad-data.json", "{\"task\": \"evaluate\", \"loss\": {\"name\": \"bce\"},"
                + " \"data\": {\"path\": \"breast_cancer_predictions.parquet\", \"prediction\": \"logit\", \"target\": \"malignant\"}}");
        run = spark(badData);
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("xent-spark: binary_cross_entropy: bad row (logit = "), run.err());
        assertFalse(run.err().strip().contains("\n"), run.err());
        Path badParameter = write("bad-parameter.json", "{\"task\": \"train\", \"loss\": {\"name\": \"bce\", \"params\": {\"from_logits\": false}},"
                + " \"data\": {\"path\": \"breast_cancer.parquet\", \"target\": \"malignant\"}}");
        run = spark(badParameter);
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("xent-spark: $.loss: binary_cross_entropy: from_logits = false is not allowed in training"),
                run.err());
    }
}
