package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import java.util.Random;

/**
 * Random inputs for comparing a vector kernel with the scalar one: lengths from 1 to past a whole
 * chunk (every tail of a vector), every fifth label soft, every fourth sample weight 0.
 */
final class RandomCases {

    /** A prediction for element {@code index}. */
    @FunctionalInterface
    interface Prediction {
        double draw(Random random, int index);
    }

    /** What is checked on each case: once without sample weights, once with. */
    @FunctionalInterface
    interface Check {
        void run(Tensor predictions, Tensor targets, Tensor weights);
    }

    private RandomCases() {
    }

    /** Runs {@code check} on lengths 1, 3, 5, 7, 17, 1000 and {@code largest}, without and with weights. */
    static void forEachLength(long seed, int largest, Prediction prediction, Check check) {
        Random random = new Random(seed);
        for (int size : new int[] {1, 3, 5, 7, 17, 1000, largest}) {
            double[] x = new double[size];
            double[] y = new double[size];
            double[] w = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = prediction.draw(random, i);
                y[i] = i % 5 == 0 ? random.nextDouble() : random.nextInt(2);
                w[i] = i % 4 == 0 ? 0.0 : random.nextDouble() * 3;
            }
            w[0] = 1.5;
            check.run(Tensor.wrap(x, size), Tensor.wrap(y, size), null);
            check.run(Tensor.wrap(x, size), Tensor.wrap(y, size), Tensor.wrap(w, size));
        }
    }
}
