package dev.xent.cli;

import dev.xent.cli.io.Json;
import dev.xent.core.DuplicateLossException;
import dev.xent.core.LossRegistry;
import dev.xent.core.UnknownLossException;
import dev.xent.core.spi.LossProvider;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xent describe NAME [--json]}: one loss in detail, with its formula. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe one loss: description, formula, parameters (type, default, allowed values) and source. "
                + "Problems loading other providers are reported on stderr.")
final class DescribeCommand extends Subcommand {
    @Parameters(paramLabel = "NAME", description = "The loss's name or alias, e.g. binary_cross_entropy.")
    String name;

    @Option(names = "--json", description = "Print a JSON object (the keys of 'list --json' plus formula).")
    boolean json;

    @Override
    public Integer call() {
        LossRegistry registry = registry();
        LossProvider provider;
        try {
            provider = registry.provider(name);
        } catch (UnknownLossException | DuplicateLossException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        PrintWriter out = out();
        if (json) {
            out.println(Json.write(LossDescriptions.json(provider, true)));
        } else {
            LossDescriptions.text(provider, true).forEach(out::println);
        }
        out.flush();
        warnAboutProblems(registry);
        return ExitCodes.OK;
    }
}
