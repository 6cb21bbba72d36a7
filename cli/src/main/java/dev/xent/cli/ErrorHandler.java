package dev.xent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns every failure, any {@link Throwable}, into one line on stderr starting with {@code xent: }
 * and an exit code: 2 for bad usage, job, parameters or data; 1 for a failed run (I/O errors, out of
 * memory, internal errors such as a {@link LinkageError}). Stack traces only with {@code --verbose}.
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
        // An Error arrives wrapped by the execution strategy (see Xent.commandLine).
        Throwable failure = e instanceof CommandLine.ExecutionException && e.getCause() instanceof Error ? e.getCause() : e;
        return report(failure, commandLine.getErr(), isVerbose(commandLine));
    }

    /** Prints the one line for {@code failure} (and its stack trace when verbose); returns the exit code. */
    static int report(Throwable failure, PrintWriter err, boolean verbose) {
        int exitCode;
        String message;
        if (failure instanceof CliException cli) {
            exitCode = cli.exitCode();
            message = cli.getMessage();
        } else if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            exitCode = ExitCodes.RUN_FAILED;
            Throwable io = failure instanceof UncheckedIOException ? failure.getCause() : failure;
            message = "I/O error: " + io;
        } else if (failure instanceof IllegalArgumentException) {
            exitCode = ExitCodes.BAD_INPUT;
            message = failure.getMessage();
        } else if (failure instanceof OutOfMemoryError) {
            exitCode = ExitCodes.RUN_FAILED;
            message = Memory.outOfMemory("running the job");
        } else if (failure instanceof StackOverflowError) {
            exitCode = ExitCodes.RUN_FAILED;
            message = "internal error: stack overflow (run with --verbose for where)";
        } else {
            exitCode = ExitCodes.RUN_FAILED;
            message = "internal error: " + withCause(failure);
        }
        err.println("xent: " + oneLine(message));
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** {@code e}, and its cause when it has no message of its own (ExceptionInInitializerError). */
    private static String withCause(Throwable e) {
        return e.getMessage() == null && e.getCause() != null ? e + " caused by " + e.getCause() : e.toString();
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
