package dev.xent.cli.task;

import dev.xent.cli.io.Terminal;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import java.io.PrintWriter;

/**
 * What a running task may use besides its job: the losses found, stderr for progress, and the
 * {@code --quiet} flag.
 *
 * @param registry the losses (built-in modules and plugins)
 * @param err      stderr; progress bars go here
 * @param quiet    true with {@code --quiet} or {@code --json}: no progress output
 */
public record TaskContext(LossRegistry registry, PrintWriter err, boolean quiet) {

    /** The loss of {@code $.loss} (required), validated by its provider. */
    public Loss loss(JobObject root) {
        return JobLoss.create(root.object("loss"), registry);
    }

    /** Whether a progress bar may be shown: not quiet, and stderr itself is a terminal ({@link Terminal}). */
    public boolean showProgress() {
        return !quiet && Terminal.stderrIsTerminal();
    }
}
