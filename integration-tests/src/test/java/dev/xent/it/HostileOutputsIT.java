package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Hostile output paths, signals and broken stdout: an input or a special file is never destroyed. */
class HostileOutputsIT {
    private static final String DATA = "p,y\n0.25,1\n0.75,0\n";

    private static String evaluate(String output) {
        return """
                {"task": "evaluate", "loss": {"name": "binary_cross_entropy"},
                 "data": {"path": "data.csv", "prediction": "p", "target": "y"}, "output": %s}
                """.formatted(output);
    }

    /** A folder with data.csv and job.json. */
    private static Path folderWith(String name, String job) throws IOException {
        Path folder = XentProcess.workDirectory("hostile-outputs/" + name);
        Files.writeString(folder.resolve("data.csv"), DATA);
        Files.writeString(folder.resolve("job.json"), job);
        return folder;
    }

    /** Exit 2, one line naming every part, and the inputs unchanged. */
    private static void refused(Path folder, String... parts) throws Exception {
        String job = Files.readString(folder.resolve("job.json"));
        XentProcess.Result run = XentProcess.run(folder, "run", "job.json");
        assertEquals(2, run.exitCode(), run::toString);
        String line = HostileJobsIT.oneLine(run);
        for (String part : parts) {
            assertTrue(line.contains(part), () -> "missing '" + part + "' in " + run);
        }
        assertEquals(DATA, Files.readString(folder.resolve("data.csv")));
        assertEquals(job, Files.readString(folder.resolve("job.json")));
        assertEquals(List.of(), temporaryFiles(folder), "no temporary file left");
    }

    private static List<String> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.startsWith("xent-gradient-")).toList();
        }
    }

    @Test
    void aPerSampleOutputNamingTheDataFileIsRefusedBeforeAnythingRuns() throws Exception {
        refused(folderWith("per-sample-data", evaluate("{\"per_sample\": \"data.csv\"}")),
                "$.output.per_sample", "data.csv is the same file as the input file of $.data.path");
    }

    @Test
    void aReportNamingTheJobFileIsRefused() throws Exception {
        refused(folderWith("report-job", evaluate("{\"report\": \"job.json\"}")), "$.output.report", "the job file");
    }

    @Test
    void aModelNamingTheTrainingDataIsRefused() throws Exception {
        Path folder = folderWith("model-data", """
                {"task": "train", "loss": {"name": "binary_cross_entropy"},
                 "data": {"path": "data.csv", "target": "y"}, "output": {"model": "data.csv"}}
                """);
        refused(folder, "$.output.model", "the input file of $.data.path");
    }

    @Test
    void anOutputNamingAPluginJarIsRefused() throws Exception {
        Path folder = folderWith("plugin-jar", evaluate("{\"report\": \"plugin.jar\"}"));
        Path jar = Files.copy(XentProcess.builtFile("xent.pluginJar"), folder.resolve("plugin.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(jar);
        XentProcess.Result run = XentProcess.run(folder, "run", "job.json", "--plugin-path", "plugin.jar");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(HostileJobsIT.oneLine(run).contains("plugin.jar is the same file as a jar the losses are loaded from"),
                run::toString);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(jar)));
    }

    @Test
    void anOutputReachingTheDataThroughASymbolicLinkIsRefused() throws Exception {
        Path folder = folderWith("symlink", evaluate("{\"gradient\": \"link.csv\"}"));
        Files.deleteIfExists(folder.resolve("link.csv"));
        Files.createSymbolicLink(folder.resolve("link.csv"), folder.resolve("data.csv"));
        refused(folder, "$.output.gradient", "link.csv is the same file as the input file of $.data.path");
    }

    @Test
    void twoOutputsNamingOneFileAreRefusedNamingBoth() throws Exception {
        refused(folderWith("two-outputs", evaluate("{\"gradient\": \"out.csv\", \"per_sample\": \"sub/../out.csv\"}")),
                "$.output.per_sample", "is the same file as output $.output.gradient");
    }

    @Test
    void devNullAFifoAndAFolderAreRefusedNeverReplaced() throws Exception {
        refused(folderWith("dev-null", evaluate("{\"report\": \"/dev/null\"}")), "/dev/null is a device, not a regular file");
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));

        Path folder = folderWith("fifo", evaluate("{\"report\": \"pipe\"}"));
        Files.deleteIfExists(folder.resolve("pipe"));
        assertEquals(0, new ProcessBuilder("mkfifo", folder.resolve("pipe").toString()).start().waitFor());
        refused(folder, "pipe is a FIFO (named pipe), not a regular file");

        folder = folderWith("folder", evaluate("{\"report\": \"reports\"}"));
        Files.createDirectories(folder.resolve("reports"));
        refused(folder, "reports is a folder, not a regular file");
        assertTrue(Files.isDirectory(folder.resolve("reports")));
    }

    @Test
    void newOutputsGetTheUmaskModeAndReplacedOutputsKeepTheirMode() throws Exception {
        Path folder = folderWith("modes", evaluate("{\"report\": \"report.json\", \"per_sample\": \"losses.csv\"}"));
        Files.deleteIfExists(folder.resolve("report.json"));
        Path kept = Files.writeString(folder.resolve("losses.csv"), "old\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw-r--"));
        XentProcess.Result run = shell(folder, "umask 027; exec \"$@\"", "run", "job.json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("report.json"))));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertTrue(Files.readString(kept).startsWith("loss\n"));
    }

    @Test
    void anOutputNameOf255BytesWorks() throws Exception {
        String name = "r".repeat(250) + ".json";
        Path folder = folderWith("long-name", evaluate("{\"report\": \"" + name + "\"}"));
        XentProcess.Result run = XentProcess.run(folder, "run", "job.json");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.isRegularFile(folder.resolve(name)));
    }

    @Test
    void sigtermRemovesTheTemporaryFilesAndKeepsTheOldOutputs() throws Exception {
        interruptedRunLeavesOnlyOldOutputs("sigterm", "TERM");
    }

    @Test
    void sigintRemovesTheTemporaryFilesAndKeepsTheOldOutputs() throws Exception {
        // A process started in the background by a non-interactive shell inherits SIGINT ignored; so would the CLI.
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process tree");
        interruptedRunLeavesOnlyOldOutputs("sigint", "INT");
    }

    private static boolean sigintIgnored() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        String mask = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).strip();
        return (new java.math.BigInteger(mask, 16).longValue() & 2) != 0;
    }

    private static void interruptedRunLeavesOnlyOldOutputs(String name, String signal) throws Exception {
        Path folder = folderWith(name, evaluate("{\"report\": \"out/report.json\", \"gradient\": \"out/gradient.csv\","
                + " \"per_sample\": \"out/losses.csv\"}"));
        writeRows(folder.resolve("data.csv"), 2_000_000);
        Path scratch = Files.createDirectories(folder.resolve("tmp"));
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.writeString(out.resolve("report.json"), "old report\n");
        Process process = XentProcess.start(folder, List.of("-Djava.io.tmpdir=" + scratch), Map.of(), "run", "job.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaryFiles(folder).size() < 2 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run ended before its temporary files could be seen");
        assertEquals(2, temporaryFiles(folder).size(), () -> "a hidden .tmp beside the outputs and a scratch file");
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(process.exitValue() != 0, "killed by a signal");
        assertEquals(List.of(), temporaryFiles(folder));
        assertEquals("old report\n", Files.readString(out.resolve("report.json")));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("report.json"), left.map(f -> f.getFileName().toString()).toList());
        }
    }

    private static void writeRows(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("p,y\n");
            for (int r = 0; r < rows; r++) {
                out.write(r % 3 == 0 ? "0.25,1\n" : "0.625,0\n");
            }
        }
    }

    @Test
    void aReportToAFullDiskOnStdoutIsExitOne() throws Exception {
        Path folder = folderWith("dev-full", evaluate("{}"));
        XentProcess.Result run = shell(folder, "exec \"$@\" > /dev/full", "run", "job.json", "--json");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("xent: cannot write to standard output (closed, or its disk is full)", run.stderr().strip());
    }

    @Test
    void aSummaryToAClosedStdoutIsExitOne() throws Exception {
        Path folder = folderWith("closed-stdout", evaluate("{}"));
        XentProcess.Result run = shell(folder, "exec \"$@\" >&-", "run", "job.json");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("xent: cannot write to standard output (closed, or its disk is full)", run.stderr().strip());
    }

    /** Runs the CLI under {@code sh -c script java ... -jar xent.jar args}; stderr is captured. */
    private static XentProcess.Result shell(Path folder, String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-jar", XentProcess.builtFile("xent.cliJar").toString()));
        command.addAll(List.of(args));
        Path stderr = folder.resolve("shell-stderr.txt");
        Path stdout = folder.resolve("shell-stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectError(stderr.toFile()).redirectOutput(stdout.toFile());
        builder.environment().remove("XENT_PLUGIN_PATH");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new XentProcess.Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
