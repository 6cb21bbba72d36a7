package dev.xent.train;

import dev.xent.core.InputSpace;
import dev.xent.core.LogitTraining;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Reduction;
import dev.xent.core.spi.LossProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Which losses a model can be trained with, and how many outputs the model then has.
 *
 * <ul>
 *   <li>A loss on logits ({@link InputSpace#ELEMENTWISE_LOGITS}, {@link InputSpace#CLASS_LOGITS}), with
 *       {@code from_logits = true} set where the loss has that parameter ({@link LogitTraining}): one
 *       logit per row for an element-wise loss on a binary target, one per class for a class-wise loss.</li>
 *   <li>A loss on unbounded real predictions ({@link InputSpace#REAL}, e.g. a Poisson or squared-error
 *       plugin): the model has one output per row, which is the loss's prediction, and the targets are
 *       real numbers rather than classes; there is no accuracy.</li>
 *   <li>A loss on probabilities is refused: the model's outputs are not probabilities.</li>
 * </ul>
 * The reduction must be mean: training minimises the mean loss.
 */
public final class TrainableLoss {
    private TrainableLoss() {
    }

    /**
     * The loss {@code nameOrAlias} of {@code registry} with {@code params}, and {@code from_logits =
     * true} added where the loss has it; checked by {@link #check}.
     *
     * @throws IllegalArgumentException for an unknown loss, a bad parameter or a loss that cannot be trained
     */
    public static Loss create(LossRegistry registry, String nameOrAlias, Map<String, ?> params) {
        LossProvider provider = registry.provider(nameOrAlias);
        Map<String, Object> all = new HashMap<>(params);
        all.putAll(LogitTraining.trainingParameters(provider, params));
        return check(registry.create(nameOrAlias, all));
    }

    /**
     * Returns {@code loss} if a model can be trained with it.
     *
     * @throws IllegalArgumentException for a loss on probabilities or a reduction other than mean
     */
    public static Loss check(Loss loss) {
        if (!takesRealPredictions(loss)) {
            return LogitTraining.check(loss);
        }
        if (loss.reduction() != Reduction.MEAN) {
            throw new IllegalArgumentException(loss.name() + ": reduction " + loss.reduction().jsonName()
                    + " cannot be trained, training minimises the mean loss; leave reduction out or set it to mean");
        }
        return loss;
    }

    /** Whether the model's output is the loss's real-valued prediction rather than logits. */
    public static boolean takesRealPredictions(Loss loss) {
        return loss.inputSpace() == InputSpace.REAL;
    }

    /**
     * The model's outputs per row: 1 for a loss on real predictions, else {@link LogitTraining#outputs}.
     *
     * @param classes the number of classes of the target (ignored for a loss on real predictions)
     * @throws IllegalArgumentException when the loss does not fit the number of classes
     */
    public static int outputs(Loss loss, int classes) {
        return takesRealPredictions(loss) ? 1 : LogitTraining.outputs(loss, classes);
    }
}
