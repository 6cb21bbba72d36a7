package dev.xent.train;

/** One update of a first-order optimizer; it keeps its own state (velocities, moments) between calls. */
interface GradientStep {

    /** Moves {@code params} in place, given the gradient of the objective at {@code params}. */
    void apply(double[] params, double[] gradient);
}
