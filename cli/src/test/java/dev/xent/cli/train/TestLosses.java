package dev.xent.cli.train;

import dev.xent.autodiff.GraphLoss;
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
    static GraphLoss binaryOnLogits() {
        return new GraphLoss("test_binary_logits", ParameterValues.resolve("test", List.of(), Map.of()),
                InputSpace.ELEMENTWISE_LOGITS) {
            @Override
            public Node graph(Node x, Node y) {
                return x.softplus().sub(x.mul(y));
            }
        };
    }

    /** Softmax cross-entropy on logits with class-index targets: logsumexp(x) - x[target]. */
    static GraphLoss softmaxOnLogits() {
        return new GraphLoss("test_softmax_logits", ParameterValues.resolve("test", List.of(), Map.of()),
                InputSpace.CLASS_LOGITS) {
            @Override
            public Node graph(Node x, Node targets) {
                int[] shape = x.shape();
                double[] oneHot = new double[shape[0] * shape[1]];
                Tensor t = targets.value();
                for (int r = 0; r < shape[0]; r++) {
                    oneHot[r * shape[1] + (int) t.getFlat(r)] = 1.0;
                }
                return x.logSumExp(1).sub(x.mul(x.constant(Tensor.wrap(oneHot, shape))).sum(1));
            }
        };
    }
}
