package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on a platform XGBoost4J has no native library for (simulated with {@code os.arch},
 * which its loader reads): a gbdt job fails with one line, and everything else still works.
 */
class GbdtNativeLibraryIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String[] runOnS390x(String... args) throws Exception {
        Path err = Files.createTempFile("xent-err", ".txt");
        try {
            String[] command = new String[args.length + 4];
            command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command[1] = "-Dos.arch=s390x";
            command[2] = "-jar";
            command[3] = ROOT.resolve("cli/target/xent.jar").toString();
            System.arraycopy(args, 0, command, 4, args.length);
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "xent finishes");
            return new String[] {String.valueOf(process.exitValue()), Files.readString(err, StandardCharsets.UTF_8)};
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void aGbdtJobFailsWithOneLineWhereXGBoostHasNoNativeLibrary() throws Exception {
        String[] outcome = runOnS390x("run", "examples/breast-cancer-focal-gbdt.json", "--set", "model.rounds=1",
                "--set", "output={}");
        assertEquals("1", outcome[0], outcome[1]);
        assertEquals(1, outcome[1].strip().lines().count(), outcome[1]);
        assertTrue(outcome[1].startsWith("xent: gbdt needs XGBoost's native library, which could not be loaded on "),
                outcome[1]);
        assertTrue(outcome[1].contains("s390x"), outcome[1]);
        assertEquals("0", runOnS390x("list")[0], "other commands never load XGBoost");
    }
}
