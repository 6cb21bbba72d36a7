/**
 * The contract tests for loss plugins: extend {@link dev.xent.testkit.LossProviderContract} in a
 * JUnit 5 test and return your provider (or several); {@link dev.xent.testkit.LossInputs} generates
 * valid inputs for each {@link dev.xent.core.InputSpace} and {@link dev.xent.core.TargetDomain}.
 *
 * <h2>What it is for</h2>
 * A test library (add it with test scope): discovery by name, parameter validation, non-negativity,
 * and analytic, autodiff and finite-difference gradients agreeing for every reduction, on random valid
 * inputs with a fixed seed. The built-in losses pass the same contract. It is an automatic module
 * ({@code dev.xent.testkit}), so that it need not require QuickTheories by its file-name module name.
 *
 * <h2>Where to start</h2>
 * Extend {@link dev.xent.testkit.LossProviderContract} and return your provider from its one abstract
 * method; its class comment lists what the inherited tests prove and which hooks adjust them.
 */
package dev.xent.testkit;
