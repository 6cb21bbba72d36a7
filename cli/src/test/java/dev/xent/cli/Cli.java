package dev.xent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
public final class Cli {
    private Cli() {
    }

    /** The outcome of one invocation. */
    public record Result(int exitCode, String out, String err) {
        /** The stderr lines. */
        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    public static Result run(String... args) {
        return runWithEnvironment(Map.of(), args);
    }

    public static Result runWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Xent.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Exactly one stderr line, starting with "xent: " and containing {@code expected}. */
    public static void assertOneErrorLine(Result result, String expected) {
        String[] lines = result.errLines();
        org.junit.jupiter.api.Assertions.assertEquals(1, lines.length, result.err());
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].startsWith("xent: "), lines[0]);
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].contains(expected), lines[0]);
    }

}
