package dev.xent.cli.train;

/**
 * The trained model's figures.
 *
 * @param trainLoss          mean loss on the training rows, no penalty
 * @param objective          trainLoss + l2 / 2 * ||W||^2
 * @param validationLoss     null without validation rows
 * @param accuracy           on the training rows
 * @param validationAccuracy null without validation rows
 */
public record Metrics(double trainLoss, double objective, Double validationLoss, double accuracy,
                      Double validationAccuracy) {
}
