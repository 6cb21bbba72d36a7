package dev.xent.train;

/**
 * The trained model's figures.
 *
 * @param trainLoss          mean loss on the training rows, no penalty
 * @param objective          trainLoss + l2 / 2 * ||W||^2
 * @param validationLoss     null without validation rows
 * @param accuracy           on the training rows; null for a loss on real predictions (no classes)
 * @param validationAccuracy null without validation rows or classes
 */
public record Metrics(double trainLoss, double objective, Double validationLoss, Double accuracy,
                      Double validationAccuracy) {
}
