package dev.xent.cli;

import dev.xent.core.LossRegistry;
import dev.xent.core.ProviderProblem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options, the losses found, and stdout/stderr. */
abstract class Subcommand implements Callable<Integer>, HasCommonOptions {
    @Mixin
    CommonOptions common;

    @ParentCommand
    Xent parent;

    @Spec
    CommandSpec spec;

    @Override
    public final CommonOptions commonOptions() {
        return common;
    }

    /** The losses of the built-in modules and the plugins. */
    final LossRegistry registry() {
        return parent.registry(common);
    }

    /** One {@code xent: warning: } line on stderr per provider that failed to load or name that two claim. */
    final void warnAboutProblems(LossRegistry registry) {
        PrintWriter err = err();
        for (ProviderProblem problem : registry.problems()) {
            err.println("xent: warning: " + ErrorHandler.oneLine(problem.message()));
        }
        err.flush();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
