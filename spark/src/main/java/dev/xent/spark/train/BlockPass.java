package dev.xent.spark.train;

import dev.xent.autodiff.Graph;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.SampleWeights;
import java.util.Arrays;

/**
 * One block's share of an iteration, on an executor: the logits {@code Z = X W + b} on the autodiff
 * graph, the loss's fused {@link Loss#valueAndGradient} on them, and its gradient pushed back to W and
 * b (backpropagation of {@code sum(Z * G)}). The block adds its un-normalised parts to the
 * {@link Evaluation}: {@code sum_i s_i l_i}, {@code sum_i s_i m_i} and d(sum_i s_i l_i)/d params,
 * so that the driver's quotient is the loss's mean over all rows, with the library's denominator.
 */
final class BlockPass {
    private BlockPass() {
    }

    /** Parameters: W ({@code inputs x outputs}, row-major), then b ({@code outputs}). */
    static Evaluation add(Evaluation into, FeatureBlock block, Loss loss, double[] params, int outputs, boolean gradient) {
        int inputs = block.inputs();
        int rows = block.rows();
        int weightCount = inputs * outputs;
        Node w = Graph.variable(Tensor.wrap(Arrays.copyOf(params, weightCount), inputs, outputs));
        Node b = Graph.variable(Tensor.wrap(Arrays.copyOfRange(params, weightCount, weightCount + outputs), outputs));
        Node z = Graph.constant(Tensor.wrap(block.features(), rows, inputs)).matmul(w).add(b);
        Tensor logits = outputs == 1 ? z.value().reshape(rows) : z.value();
        Tensor targets = Tensor.wrap(block.targets(), rows);
        Tensor weights = Tensor.wrap(block.weights(), rows);
        into.rows += rows;
        into.correct += correct(logits, block.targets(), rows, outputs);
        loss.validate(logits, targets);
        double denominator = ReductionRules.totalMeanWeight(loss, logits, targets, SampleWeights.unscaled(weights),
                loss.inputSpace().isClassWise() ? new int[] {rows} : logits.shape());
        if (!(denominator > 0)) {
            return into; // every row of the block has zero weight or is ignored: it adds nothing
        }
        double[] upstream = new double[logits.size()];
        double mean = loss.valueAndGradient(logits, targets, weights, upstream);
        into.add(mean * denominator, denominator);
        if (gradient) {
            for (int i = 0; i < upstream.length; i++) {
                upstream[i] *= denominator;
            }
            z.mul(z.constant(Tensor.wrap(upstream, z.shape()))).sum().backward();
            double[] dw = w.gradient().toArray();
            double[] db = b.gradient().toArray();
            for (int i = 0; i < weightCount; i++) {
                into.gradient[i] += dw[i];
            }
            for (int j = 0; j < outputs; j++) {
                into.gradient[weightCount + j] += db[j];
            }
        }
        return into;
    }

    /** Rows whose predicted class (logit > 0, or the first arg-max) is the target. */
    private static long correct(Tensor logits, double[] targets, int rows, int outputs) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int predicted = 0;
            if (outputs == 1) {
                predicted = logits.getFlat(r) > 0 ? 1 : 0;
            } else {
                for (int c = 1; c < outputs; c++) {
                    if (logits.getFlat(r * outputs + c) > logits.getFlat(r * outputs + predicted)) {
                        predicted = c;
                    }
                }
            }
            if (predicted == targets[r]) {
                correct++;
            }
        }
        return correct;
    }
}
