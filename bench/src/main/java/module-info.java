/** JMH benchmarks of xent's losses (not published; run from the shaded benchmarks.jar). */
open module dev.xent.bench {
    requires dev.xent.autodiff;
    requires jmh.core;
    requires dev.xent.xgboost;
    // PeakFlopsBenchmark measures the machine's vector peak; its fork adds the module.
    requires static jdk.incubator.vector;
}
