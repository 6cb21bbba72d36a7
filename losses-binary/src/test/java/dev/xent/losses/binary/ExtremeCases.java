package dev.xent.losses.binary;

import dev.xent.core.Tensor;

/** Extreme predictions for the vector kernel tests, each with label 0, with label 1 and with soft label 0.25. */
record ExtremeCases(Tensor predictions, Tensor targets) {

    /** {@code values} three times over: with targets 0, then 1, then 0.25. */
    static ExtremeCases withEachLabel(double[] values) {
        int n = values.length;
        double[] x = new double[3 * n];
        double[] y = new double[3 * n];
        for (int i = 0; i < n; i++) {
            x[i] = values[i];
            x[n + i] = values[i];
            x[2 * n + i] = values[i];
            y[n + i] = 1;
            y[2 * n + i] = 0.25;
        }
        return new ExtremeCases(Tensor.wrap(x, 3 * n), Tensor.wrap(y, 3 * n));
    }
}
