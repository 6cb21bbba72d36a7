package dev.xent.spark.train;

import dev.xent.core.Loss;
import dev.xent.core.ReductionRules;
import dev.xent.spark.LossSpec;
import org.apache.spark.api.java.JavaRDD;

/**
 * {@code mean loss + l2 / 2 ||W||^2} (intercepts not penalised) of a linear model over cached
 * blocks, and its gradient: one {@code treeAggregate} per evaluation, each partition running
 * {@link BlockPass} on its blocks; the driver divides the summed parts by the total weight.
 */
final class LinearObjective {
    private final JavaRDD<FeatureBlock> blocks;
    private final LossSpec loss;
    private final int inputs;
    private final int outputs;
    private final double l2;

    LinearObjective(JavaRDD<FeatureBlock> blocks, LossSpec loss, int inputs, int outputs, double l2) {
        this.blocks = blocks;
        this.loss = loss;
        this.inputs = inputs;
        this.outputs = outputs;
        this.l2 = l2;
    }

    int parameterCount() {
        return inputs * outputs + outputs;
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return outputs;
    }

    /** The value at {@code params} and its gradient (null when not asked for). */
    record Point(double meanLoss, double objective, double[] gradient, double accuracy, long rows) {
    }

    Point evaluate(double[] params, boolean withGradient) {
        LossSpec spec = loss;
        int k = outputs;
        int n = parameterCount();
        double[] at = params.clone();
        Evaluation sums = blocks.treeAggregate(new Evaluation(n),
                (acc, block) -> BlockPass.add(acc, block, spec.loss(), at, k, withGradient),
                Evaluation::merge, 2);
        Loss l = loss.loss();
        double denominator = ReductionRules.requireSomethingToAverage(l.name(), sums.denominator());
        double meanLoss = sums.numerator() / denominator;
        double penalty = 0;
        int weightCount = inputs * outputs;
        for (int i = 0; i < weightCount; i++) {
            penalty += params[i] * params[i];
        }
        double objective = meanLoss + l2 / 2 * penalty;
        double[] gradient = null;
        if (withGradient) {
            gradient = new double[n];
            for (int i = 0; i < n; i++) {
                gradient[i] = sums.gradient[i] / denominator + (i < weightCount ? l2 * params[i] : 0.0);
            }
        }
        return new Point(meanLoss, objective, gradient, (double) sums.correct / sums.rows, sums.rows);
    }
}
