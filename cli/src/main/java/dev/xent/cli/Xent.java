package dev.xent.cli;

import dev.xent.core.LossRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The {@code xent} command: {@code list}, {@code describe} and {@code run}. */
@Command(name = "xent", mixinStandardHelpOptions = true, version = "xent 0.1.0",
        description = "Cross-entropy losses for the JVM: list and describe the losses found, and run JSON jobs "
                + "(evaluate, train, gradcheck, explain).",
        subcommands = {ListCommand.class, DescribeCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class Xent implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Xent(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        PluginExitGuard guard = PluginExitGuard.install();
        int exitCode = commandLine(System.getenv()).execute(args);
        guard.finished();
        System.exit(exitCode);
    }

    /**
     * The configured command line (exit codes, error handling, help); tests call
     * {@link CommandLine#execute} on it with their own output writers and environment.
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new Xent(environment), new SubcommandFactory(environment));
        ErrorHandler handler = new ErrorHandler();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodeHelp(commandLine);
        commandLine.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.taskList());
        return commandLine;
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
