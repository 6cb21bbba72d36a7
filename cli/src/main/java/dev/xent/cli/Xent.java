package dev.xent.cli;

import dev.xent.cli.task.Task;
import dev.xent.cli.task.Tasks;
import dev.xent.core.ClosestName;
import dev.xent.core.LossRegistry;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code xent} command: {@code list}, {@code describe} and {@code run}. */
@Command(name = "xent", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        subcommands = {ListCommand.class, DescribeCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class Xent implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Also accepted before the command ({@code xent --verbose run job.json}); every command takes it too. */
    @Option(names = "--verbose", description = "Show stack traces of errors (also accepted after the command).")
    boolean verbose;

    Xent(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        PluginExitGuard guard = PluginExitGuard.install();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        // Its own stream on file descriptor 1, not System.out, whose PrintStream hides write errors.
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), Charset.defaultCharset())));
        boolean verbose = Arrays.asList(args).contains("--verbose");
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> ErrorHandler.report(e, err, verbose));
        int exitCode;
        try {
            CommandLine commandLine = commandLine(System.getenv());
            commandLine.setOut(out);
            commandLine.setErr(err);
            exitCode = commandLine.execute(args);
        } catch (Throwable e) {
            exitCode = ErrorHandler.report(e, err, verbose);
        }
        exitCode = checkedStandardOutput(out, err, exitCode);
        guard.finished();
        System.exit(exitCode);
    }

    /**
     * The exit code once standard output is flushed: a run whose output could not be written (a full
     * disk, a closed stdout) failed, exit 1, even if it succeeded otherwise.
     */
    static int checkedStandardOutput(PrintWriter out, PrintWriter err, int exitCode) {
        if (!out.checkError()) {
            return exitCode;
        }
        err.println("xent: cannot write to standard output (closed, or its disk is full)");
        err.flush();
        return exitCode == ExitCodes.OK ? ExitCodes.RUN_FAILED : exitCode;
    }

    /**
     * The configured command line (exit codes, error handling, help); tests call
     * {@link CommandLine#execute} on it with their own output writers and environment.
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new Xent(environment), new SubcommandFactory(environment));
        ErrorHandler handler = new ErrorHandler();
        commandLine.setExecutionStrategy(Xent::executeReportingErrors);
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodeHelp(commandLine);
        String tasks = Tasks.all().stream().map(Task::name).collect(Collectors.joining(", "));
        commandLine.getCommandSpec().usageMessage()
                .description("Cross-entropy losses for the JVM: list and describe the losses found, and run JSON jobs ("
                        + tasks + ").")
                .footer(RunCommand.taskList());
        commandLine.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.taskList());
        return commandLine;
    }

    /**
     * Runs the chosen command; an {@link Error} it throws (out of memory, a linkage error) goes to the
     * error handler like an exception instead of escaping picocli with a stack trace.
     */
    private static int executeReportingErrors(CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (Error e) {
            List<CommandLine> commands = parseResult.asCommandLineList();
            throw new CommandLine.ExecutionException(commands.get(commands.size() - 1), String.valueOf(e), e);
        }
    }

    /**
     * The one-line error for an argument picocli could not place: for an unknown command, the closest
     * command's name and the list of commands; else picocli's message.
     */
    static String unmatchedMessage(CommandLine.ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && commandLine.getCommand() instanceof Xent
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String word = unmatched.getUnmatched().get(0);
            List<String> commands = List.copyOf(commandLine.getSubcommands().keySet());
            String hint = ClosestName.of(word, commands).map(name -> "; did you mean '" + name + "'?").orElse("");
            return "unknown command '" + word + "'" + hint + " (commands: " + String.join(", ", commands) + ")";
        }
        return e.getMessage();
    }

    /** The version of the build ({@code version.properties}, filled in by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Xent.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the xent jar");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"xent " + properties.getProperty("version")};
        }
    }

    private static void applyExitCodeHelp(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        commandLine.getSubcommands().values().forEach(Xent::applyExitCodeHelp);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** The losses visible to a command: the built-in modules and the plugin jars. */
    LossRegistry registry(CommonOptions options) {
        return Plugins.registry(options.pluginPath(), environment);
    }

    /** Builds the top command with its environment; subcommands with their no-argument constructors. */
    private record SubcommandFactory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Xent.class) {
                return type.cast(new Xent(environment));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
