package dev.xent.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Trainer#fit} returns: the trained {@link Model}, how many rows were held out for
 * validation, and the result of training (history, final metrics, early stopping). Predicting and
 * saving delegate to the model.
 *
 * @param model          the trained model
 * @param validationRows rows held out for validation (0 without a validation split)
 * @param result         the history and final figures
 */
public record FittedModel(Model model, int validationRows, TrainingResult result) {

    /** The trained network's shape. */
    public Network network() {
        return model.network();
    }

    /** See {@link Model#predictProbabilities}. */
    public double[][] predictProbabilities(double[][] rows) {
        return model.predictProbabilities(rows);
    }

    /** See {@link Model#predictClasses}. */
    public int[] predictClasses(double[][] rows) {
        return model.predictClasses(rows);
    }

    /** See {@link Model#outputs}. */
    public double[][] outputs(double[][] rows) {
        return model.outputs(rows);
    }

    /** The model file's content ({@link ModelFile}). */
    public Map<String, Object> toJson() {
        return model.toJson();
    }

    /** Writes the model file ({@link Model#save}). */
    public void save(Path file) throws IOException {
        model.save(file);
    }
}
