package dev.xent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr starting with {@code xent: } and an exit code: 2 for
 * bad usage, job, parameters or data; 1 for a failed run. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("xent: " + oneLine(Xent.unmatchedMessage(e)) + " (see '" + commandLine.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exitCode;
        String message;
        if (e instanceof CliException cli) {
            exitCode = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof UncheckedIOException || e instanceof IOException) {
            exitCode = ExitCodes.RUN_FAILED;
            Throwable io = e instanceof UncheckedIOException ? e.getCause() : e;
            message = "I/O error: " + io;
        } else if (e instanceof IllegalArgumentException) {
            exitCode = ExitCodes.BAD_INPUT;
            message = e.getMessage();
        } else {
            exitCode = ExitCodes.RUN_FAILED;
            message = "internal error: " + e;
        }
        err.println("xent: " + oneLine(message));
        if (isVerbose(commandLine)) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static boolean isVerbose(CommandLine commandLine) {
        boolean beforeTheCommand = commandLine.getParent() != null && commandLine.getParent().getCommand() instanceof Xent xent
                && xent.verbose;
        return beforeTheCommand
                || commandLine.getCommand() instanceof HasCommonOptions command && command.commonOptions().verbose();
    }

    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
