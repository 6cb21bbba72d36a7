package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.xent.cli.io.Json;
import dev.xent.core.LossRegistry;
import dev.xent.core.spi.LossProvider;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xent list [--json]}: every loss found, with its parameters and where it came from. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every loss found (built-in modules and plugins): name, aliases, description, "
                + "parameters and source. Problems loading providers are reported on stderr.")
final class ListCommand extends Subcommand {
    @Option(names = "--json", description = "Print a JSON array of objects with keys name, aliases, description, "
            + "parameters, source.")
    boolean json;

    @Override
    public Integer call() {
        LossRegistry registry = registry();
        PrintWriter out = out();
        warnAboutProblems(registry);
        if (json) {
            ArrayNode array = Json.array();
            registry.providers().forEach(provider -> array.add(LossDescriptions.json(provider, false)));
            out.println(Json.write(array));
        } else if (registry.providers().isEmpty()) {
            out.println("no losses found (no loss modules on the class path and no plugins)");
        } else {
            boolean first = true;
            for (LossProvider provider : registry.providers()) {
                if (!first) {
                    out.println();
                }
                LossDescriptions.text(provider, false).forEach(out::println);
                first = false;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
