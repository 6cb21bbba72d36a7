package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every example job that trains gives, byte for byte, the report, model file and summary it gave
 * before training moved into the train module (issue #14): the golden files under
 * {@code src/test/resources/golden-train} were written by the code of commit b7b963b (digits-mlp's
 * report rewritten when tanh became {@code StableMath.tanh}: losses changed in the last digits, the
 * epochs and accuracies did not). Only what
 * depends on the machine is masked: the folders (the data folder becomes {@code <data>}, the output
 * folder {@code <out>}) and the wall-clock time of the summary line.
 *
 * <p>To rewrite the golden files after a deliberate change of results, run this test with
 * {@code -Dxent.golden.update=true} and review the difference.
 */
class ExampleTrainingJobsGoldenTest {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    private static final Path GOLDEN = Path.of("src/test/resources/golden-train");
    private static final boolean UPDATE = Boolean.getBoolean("xent.golden.update");

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"breast-cancer-logistic", "breast-cancer-conjugate-gradient", "digits-mlp",
            "digits-softmax", "iris-softmax", "breast-cancer-focal-gbdt"})
    void anExampleTrainingJobGivesTheSameBytesAsBeforeTheTrainModule(String name) throws IOException {
        String job = Files.readString(EXAMPLES.resolve(name + ".json"))
                .replace("\"data/", "\"" + EXAMPLES.resolve("data") + "/");
        Path jobFile = Files.writeString(folder.resolve(name + ".json"), job);

        Cli.Result result = Cli.run("run", jobFile.toString());

        assertEquals(0, result.exitCode(), result.err());
        compare(name + ".out.txt", mask(result.out()).replaceAll(" in \\d+\\.\\d\\d s", " in <seconds> s"));
        for (String output : List.of("report.json", "model.json")) {
            Path file = folder.resolve("out").resolve(name + "." + output);
            if (Files.exists(file) || Files.exists(GOLDEN.resolve(name + "." + output))) {
                compare(name + "." + output, mask(Files.readString(file)));
            }
        }
    }

    private String mask(String text) {
        return text.replace(EXAMPLES.resolve("data").toString(), "<data>").replace(folder.toString(), "<out>");
    }

    private static void compare(String goldenName, String actual) throws IOException {
        Path golden = GOLDEN.resolve(goldenName);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, goldenName + " changed");
    }
}
