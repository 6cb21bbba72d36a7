package dev.xent.testkit;

import dev.xent.autodiff.GradientCheck;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;

/** The contract's finite differences: the function a loss's gradient differentiates, and a step that keeps inputs valid. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * What the gradient differentiates: the value, or for reduction none {@code sum_i s_i l_i} (see
     * {@link Reduction}).
     */
    static double weightedTotal(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights) {
        if (loss.reduction() != Reduction.NONE) {
            return loss.value(predictions, targets, sampleWeights);
        }
        Tensor perSample = loss.perSample(predictions, targets);
        int rows = perSample.rank() == 0 ? 1 : perSample.dim(0);
        int rowLength = perSample.size() / rows;
        double total = 0;
        for (int i = 0; i < perSample.size(); i++) {
            double weight = sampleWeights == null ? 1 : sampleWeights.getFlat(i / rowLength);
            total += weight * perSample.getFlat(i);
        }
        return total;
    }

    /**
     * A step that keeps a perturbed input valid: rows of class probabilities must still sum to 1 within
     * {@link Validate#ROW_SUM_TOLERANCE}.
     */
    static double step(InputSpace space) {
        return space == InputSpace.CLASS_PROBABILITIES ? Validate.ROW_SUM_TOLERANCE / 10 : GradientCheck.DEFAULT_STEP;
    }
}
