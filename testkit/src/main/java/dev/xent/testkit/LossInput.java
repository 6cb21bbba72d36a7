package dev.xent.testkit;

import dev.xent.core.Tensor;
import java.util.Arrays;

/**
 * One set of arguments for a loss, as {@link LossInputs} generates them.
 *
 * @param predictions   predictions in the loss's input space
 * @param targets       matching targets
 * @param sampleWeights one weight per row, or null for none
 */
public record LossInput(Tensor predictions, Tensor targets, Tensor sampleWeights) {

    /** Every value, so that a failing example printed by QuickTheories can be pasted into a test. */
    @Override
    public String toString() {
        return "predictions " + describe(predictions) + ", targets " + describe(targets)
                + ", sample weights " + (sampleWeights == null ? "none" : describe(sampleWeights));
    }

    private static String describe(Tensor t) {
        return t.shapeString() + Arrays.toString(t.toArray());
    }
}
