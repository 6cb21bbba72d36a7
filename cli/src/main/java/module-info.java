/**
 * The {@code xent} command line: {@code list}, {@code describe} and {@code run JOB.json}. Losses are
 * found through {@link dev.xent.core.LossRegistry} only (ServiceLoader, plus plugin jars); no losses
 * package is imported.
 */
module dev.xent.cli {
    requires dev.xent.autodiff;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires ch.randelshofer.fastdoubleparser;
    requires commons.math3;
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
