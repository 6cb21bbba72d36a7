package dev.xent.spark.train;

import java.util.List;

/**
 * A trained linear model and how training ended.
 *
 * @param inputs       features per row
 * @param outputs      logits per row (1 for a binary target with an element-wise loss, else the classes)
 * @param parameters   W ({@code inputs x outputs}, row-major), then the intercepts b ({@code outputs})
 * @param meanLoss     mean loss on the training rows (without the penalty)
 * @param objective    {@code meanLoss + l2 / 2 ||W||^2}
 * @param gradientNorm Euclidean norm of the objective's gradient at {@code parameters}
 * @param accuracy     share of training rows whose predicted class is the target
 * @param rows         training rows
 * @param iterations   optimizer iterations run
 * @param history      the objective and mean loss after each iteration
 */
public record LinearModel(int inputs, int outputs, double[] parameters, double meanLoss, double objective,
                          double gradientNorm, double accuracy, long rows, int iterations, List<Step> history) {

    /** One iteration's end: its number (from 1), mean loss and objective. */
    public record Step(int iteration, double meanLoss, double objective) {
    }

    /** The weight of feature {@code input} for logit {@code output}. */
    public double weight(int input, int output) {
        return parameters[input * outputs + output];
    }

    /** The intercept of logit {@code output}. */
    public double intercept(int output) {
        return parameters[inputs * outputs + output];
    }
}
