package dev.xent.cli.train;

import dev.xent.cli.BadInputException;
import dev.xent.cli.job.JobObject;
import dev.xent.train.Activation;
import java.util.List;

/**
 * The {@code model} section of a train job: {@code {"type": "linear"}} (the default) or
 * {@code {"type": "mlp", "hidden": [32, 16], "activation": "tanh" | "relu"}} (activation defaults
 * to tanh; hidden is a non-empty list of sizes >= 1). {@code "gbdt"} is read by {@link GbdtTraining}.
 *
 * @param type       linear or mlp
 * @param hidden     hidden layer sizes, empty for linear
 * @param activation null for linear
 */
record ModelSection(String type, int[] hidden, Activation activation) {

    static ModelSection read(JobObject model) {
        String type = model.choice("type", "linear", List.of("linear", "mlp", "gbdt"));
        if (type.equals("linear")) {
            model.allowOnly("type");
            return new ModelSection(type, new int[0], null);
        }
        model.allowOnly("type", "hidden", "activation");
        int[] hidden = model.integers("hidden", List.of(), 1, 1_000_000).stream().mapToInt(Integer::intValue).toArray();
        if (hidden.length == 0) {
            throw new BadInputException(model.pathOf("hidden") + ": an mlp needs a non-empty list of hidden layer"
                    + " sizes, e.g. [32, 16]");
        }
        return new ModelSection(type, hidden, Activation.named(model.choice("activation", "tanh", Activation.names())));
    }
}
