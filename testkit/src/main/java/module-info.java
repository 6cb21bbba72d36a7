/**
 * The contract tests for loss plugins: extend {@link dev.xent.testkit.LossProviderContract} in a
 * JUnit 5 test and return your provider (or several); {@link dev.xent.testkit.LossInputs} generates
 * valid inputs for each {@link dev.xent.core.InputSpace} and {@link dev.xent.core.TargetDomain}.
 */
module dev.xent.testkit {
    requires transitive dev.xent.autodiff;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive quicktheories;

    exports dev.xent.testkit;
}
