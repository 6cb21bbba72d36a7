package dev.xent.train;

/**
 * The state after one epoch.
 *
 * @param epoch          1-based
 * @param trainLoss      mean loss on the training rows (no penalty)
 * @param objective      trainLoss + the L2 penalty
 * @param validationLoss mean loss on the validation rows, null without a validation set
 */
public record EpochRecord(int epoch, double trainLoss, double objective, Double validationLoss) {
}
