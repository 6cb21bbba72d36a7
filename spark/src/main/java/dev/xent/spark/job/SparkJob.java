package dev.xent.spark.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the CLI's {@code evaluate} and {@code train} jobs on Spark:
 * <pre>  spark-submit --class dev.xent.spark.job.SparkJob xent-spark.jar job.json [--json]</pre>
 * The job's optional {@code spark} section ({@code master}, {@code app_name}, {@code config}: an
 * object of Spark properties) applies where {@code spark-submit} (or {@code spark-defaults.conf})
 * has not set the same property. Exit codes as the CLI's: 0 success, 1 the run failed, 2 bad usage,
 * job, parameters or data; errors are one line on stderr starting with {@code xent-spark: }.
 */
public final class SparkJob {
    private SparkJob() {
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(code);
    }

    /** Runs a job in this JVM (reusing an active session); returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--json"))) {
            err.println("xent-spark: usage: SparkJob JOB.json [--json]");
            return 2;
        }
        Path jobFile = Path.of(args[0]);
        boolean json = args.length == 2;
        try {
            Section root = read(jobFile);
            String task = root.string("task");
            SparkSession spark = session(root.optionalObject("spark"));
            JobContext context = new JobContext(spark, jobFile);
            EvaluateJob.Result result = switch (task) {
                case "evaluate" -> EvaluateJob.run(root, context);
                case "train" -> TrainJob.run(root, context);
                default -> throw new JobException("$.task: unknown task '" + task + "' (on Spark: evaluate, train)");
            };
            if (json) {
                out.println(JobContext.JSON.writeValueAsString(result.report()));
            } else {
                result.lines().forEach(out::println);
            }
            return 0;
        } catch (JobException | IllegalArgumentException e) {
            err.println("xent-spark: " + JobContext.firstLine(e.getMessage()));
            return 2;
        } catch (RuntimeException | IOException e) {
            String message = rootMessage(e);
            boolean badData = message.contains("IllegalArgumentException") || hasCause(e, IllegalArgumentException.class)
                    || message.contains("unknown class label");
            err.println("xent-spark: " + message);
            return badData ? 2 : 1;
        }
    }

    /** The job file as JSON; a missing file or malformed JSON (line and column) is a job error. */
    static Section read(Path jobFile) {
        JsonNode tree;
        try {
            tree = JobContext.JSON.readTree(Files.readString(jobFile));
        } catch (NoSuchFileException e) {
            throw new JobException(jobFile + ": no such job file");
        } catch (JsonProcessingException e) {
            throw new JobException(jobFile + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JobException(jobFile + ": cannot read (" + e.getMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new JobException(jobFile + ": a job is a JSON object");
        }
        return new Section((ObjectNode) tree, "$");
    }

    /** The session: spark-submit's properties first, then the job's {@code spark} section. */
    static SparkSession session(Section section) {
        section.allowOnly("master", "app_name", "config");
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder();
        String master = section.optionalString("master", null);
        if (!submitted.contains("spark.master")) {
            if (master == null && SparkSession.getActiveSession().isEmpty()) {
                throw new JobException(section.pathOf("master") + ": missing; set it (e.g. \"local[*]\") or run with spark-submit --master");
            }
            if (master != null) {
                builder.master(master);
            }
        }
        if (!submitted.contains("spark.app.name")) {
            builder.appName(section.optionalString("app_name", "xent"));
        }
        for (Map.Entry<String, Object> e : section.optionalObject("config").plainEntries().entrySet()) {
            if (!submitted.contains(e.getKey())) {
                builder.config(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return builder.getOrCreate();
    }

    /** The message of the outermost IllegalArgumentException (xent's, naming the column), else of the root cause. */
    private static String rootMessage(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException) {
                return JobContext.firstLine(c.getMessage());
            }
        }
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String message = JobContext.firstLine(c.getMessage());
        return message.isEmpty() ? c.getClass().getSimpleName() : message;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
