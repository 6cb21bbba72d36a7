/**
 * The contract tests for loss plugins: extend {@link dev.xent.testkit.LossProviderContract} in a
 * JUnit 5 test and return your provider; {@link dev.xent.testkit.LossInputs} generates valid inputs
 * for each {@link dev.xent.core.InputSpace}.
 */
module dev.xent.testkit {
    requires transitive dev.xent.autodiff;
    requires transitive org.junit.jupiter.api;
    requires transitive quicktheories;
    requires com.fasterxml.jackson.databind;

    exports dev.xent.testkit;
}
