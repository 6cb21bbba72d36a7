package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI ({@code java -jar cli/target/xent.jar ...}) as a separate process. */
final class XentProcess {
    private static final long TIMEOUT_SECONDS = 120;

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private XentProcess() {
    }

    /** The file named by a system property that the pom sets, which must exist. */
    static Path builtFile(String property) {
        Path path = Path.of(System.getProperty(property, "(system property " + property + " not set)"));
        assertTrue(Files.isRegularFile(path), path + " is missing: run 'mvn -B verify' from the project root");
        return path;
    }

    /** A fresh folder under target/ for one test's files. */
    static Path workDirectory(String name) throws IOException {
        Path folder = Path.of(System.getProperty("xent.workDirectory", "target/it-work")).resolve(name);
        Files.createDirectories(folder);
        return folder;
    }

    /** Runs {@code xent args...} in {@code folder}, with extra environment variables. */
    static Result run(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(folder, List.of(), environment, args);
    }

    /** Runs {@code xent args...} in {@code folder} on a JVM with extra options (e.g. {@code -Xmx64m}). */
    static Result run(Path folder, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Process process = start(folder, jvmOptions, environment, args);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("xent " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return finished(folder, process, args);
    }

    /** Starts {@code xent args...} in {@code folder} (stdout and stderr go to files, see {@link #finished}). */
    static Process start(Path folder, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", builtFile("xent.cliJar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().remove("XENT_PLUGIN_PATH");
        builder.environment().putAll(environment);
        // Kept after the run for diagnosis, one pair per command.
        builder.redirectOutput(folder.resolve(args[0] + "-stdout.txt").toFile())
                .redirectError(folder.resolve(args[0] + "-stderr.txt").toFile());
        return builder.start();
    }

    /** What a process started by {@link #start} printed, once it has ended. */
    static Result finished(Path folder, Process process, String... args) throws IOException {
        return new Result(process.exitValue(),
                Files.readString(folder.resolve(args[0] + "-stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve(args[0] + "-stderr.txt"), StandardCharsets.UTF_8));
    }

    /** The one line of {@code text} (e.g. stderr), failing when there are none or several. */
    static String onlyLine(String text) {
        String stripped = text.strip();
        assertTrue(!stripped.isEmpty() && !stripped.contains("\n"), "expected one line, got:\n" + text);
        return stripped;
    }

    /** Runs {@code xent args...} in {@code folder}. */
    static Result run(Path folder, String... args) throws IOException, InterruptedException {
        return run(folder, Map.of(), args);
    }
}
