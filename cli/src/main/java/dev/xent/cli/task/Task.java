package dev.xent.cli.task;

import dev.xent.cli.job.Job;
import java.io.IOException;

/**
 * One kind of job ({@code "task": "evaluate"}, {@code "train"}, ...). A task reads its sections of the
 * job (rejecting unknown keys with {@link dev.xent.cli.job.JobObject#allowOnly}), checks every input
 * before it writes anything, writes its output files through {@link dev.xent.cli.io.OutputFiles}, and
 * returns its report. Register it in {@link Tasks}.
 */
public interface Task {

    /** The value of {@code $.task} that selects this task. */
    String name();

    /** One line for the task list of {@code xent run --help} (wrapped there at 80 columns). */
    String description();

    /**
     * Runs the job.
     *
     * @throws dev.xent.cli.BadInputException bad job, parameters or data (exit 2; no output written)
     * @throws dev.xent.cli.RunFailedException the run failed (exit 1)
     * @throws IOException                     reading or writing failed (exit 1)
     */
    TaskResult run(Job job, TaskContext context) throws IOException;
}
