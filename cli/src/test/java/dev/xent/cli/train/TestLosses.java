package dev.xent.cli.train;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Minimal losses on logits, defined by their graph only, so the trainer is testable without the loss modules. */
final class TestLosses {
    private TestLosses() {
    }

    /** Binary cross-entropy on logits: softplus(x) - x y. */
    static AbstractGraphLoss binaryOnLogits() {
        return new AbstractGraphLoss("test_binary_logits", ParameterValues.resolve("test", List.of(), Map.of()),
                InputSpace.ELEMENTWISE_LOGITS) {
            @Override
            public Node graph(Node x, Node y) {
                return x.softplus().sub(x.mul(y));
            }
        };
    }

    /** Class-index targets as a one-hot constant shaped like {@code scores}. */
    static Node oneHot(Node scores, Node targets) {
        int[] shape = scores.shape();
        double[] oneHot = new double[shape[0] * shape[1]];
        Tensor t = targets.value();
        for (int r = 0; r < shape[0]; r++) {
            oneHot[r * shape[1] + (int) t.getFlat(r)] = 1.0;
        }
        return scores.constant(Tensor.wrap(oneHot, shape));
    }

    /** Softmax cross-entropy on logits with class-index targets: logsumexp(x) - x[target]. */
    static AbstractGraphLoss softmaxOnLogits() {
        return new AbstractGraphLoss("test_softmax_logits", ParameterValues.resolve("test", List.of(), Map.of()),
                InputSpace.CLASS_LOGITS) {
            @Override
            public Node graph(Node x, Node targets) {
                return x.logSumExp(1).sub(x.mul(oneHot(x, targets)).sum(1));
            }

            // A fused kernel like the built-in losses have, so that training speed is representative.
            @Override
            public double valueAndGradient(Tensor logits, Tensor targets, Tensor weights, double[] gradientOut) {
                int rows = logits.dim(0);
                int classes = logits.dim(1);
                double total = 0;
                for (int r = 0; r < rows; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        max = Math.max(max, logits.getFlat(r * classes + c));
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        sum += Math.exp(logits.getFlat(r * classes + c) - max);
                    }
                    int target = (int) targets.getFlat(r);
                    total += max + Math.log(sum) - logits.getFlat(r * classes + target);
                    for (int c = 0; c < classes; c++) {
                        double p = Math.exp(logits.getFlat(r * classes + c) - max) / sum;
                        gradientOut[r * classes + c] = (p - (c == target ? 1 : 0)) / rows;
                    }
                }
                return total / rows;
            }

            @Override
            public double value(Tensor logits, Tensor targets, Tensor weights) {
                return valueAndGradient(logits, targets, weights, new double[logits.size()]);
            }
        };
    }
}
