/**
 * The {@code xent} command line: {@code list}, {@code describe} and {@code run JOB.json}. Losses are
 * found through {@link dev.xent.core.LossRegistry} only (ServiceLoader, plus plugin jars); no losses
 * package is imported.
 *
 * <h2>What it is for</h2>
 * Evaluating, training, gradient-checking, explaining and benchmarking losses from JSON job files
 * ({@code "task"}: {@code evaluate}, {@code train}, {@code gradcheck}, {@code explain},
 * {@code bench}). It is an application, not a library: this module exports no package.
 *
 * <h2>Where to start</h2>
 * Run the jar with every dependency in it, {@code xent-cli-VERSION-all.jar} (in a source tree,
 * {@code ./xent} builds and runs {@code cli/target/xent.jar}): {@code java -jar xent-cli-VERSION-all.jar
 * list}, then {@code describe LOSS} and {@code run JOB.json}; {@code --plugin-path} adds plugin jars.
 * The project's {@code docs/cli.md} and {@code docs/training.md} describe every job key, and
 * {@code examples/} has a job for each task.
 */
module dev.xent.cli {
    requires dev.xent.autodiff;
    requires dev.xent.train;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires ch.randelshofer.fastdoubleparser;
    requires org.knowm.xchart;
    requires me.tongfei.progressbar;
    requires java.desktop;
    requires java.logging;
    // "model": {"type": "gbdt"}; XGBoost4J comes with it (requires transitive).
    requires dev.xent.xgboost;

    uses dev.xent.core.spi.LossProvider;

    // picocli sets the annotated fields of the commands reflectively.
    opens dev.xent.cli to info.picocli;
}
