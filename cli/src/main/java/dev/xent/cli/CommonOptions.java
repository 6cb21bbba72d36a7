package dev.xent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command accepts (a picocli mixin). */
public final class CommonOptions {

    @Option(names = "--plugin-path", paramLabel = "PATH", split = "${sys:path.separator}",
            description = "Folders holding plugin jars, or jar files, separated by '${sys:path.separator}'; "
                    + "added to the losses found (also read from the environment variable " + Plugins.ENVIRONMENT_VARIABLE
                    + "). Empty entries are ignored. Plugins run with the rights of this process.")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    /** Whether stack traces are wanted. */
    public boolean verbose() {
        return verbose;
    }

    /** The plugin paths given on the command line. */
    public List<Path> pluginPath() {
        return List.copyOf(pluginPath);
    }
}
