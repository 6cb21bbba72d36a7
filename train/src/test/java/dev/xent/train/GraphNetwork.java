package dev.xent.train;

import dev.xent.autodiff.Graph;
import dev.xent.core.Node;
import java.util.ArrayList;
import java.util.List;

/** A {@link Network} as an expression on the autodiff graph: the reference {@link NetworkPass} matches bit for bit. */
final class GraphNetwork {
    private GraphNetwork() {
    }

    /** The parameters as graph variables: weights then bias of each layer. */
    static List<Node> leaves(Network network, double[] params) {
        List<Node> leaves = new ArrayList<>(2 * network.layerCount());
        for (int l = 0; l < network.layerCount(); l++) {
            leaves.add(Graph.variable(network.weights(params, l)));
            leaves.add(Graph.variable(network.bias(params, l)));
        }
        return leaves;
    }

    /** {@code h = activation(h W_l + b_l)} for each hidden layer, then {@code h W + b}. */
    static Node logits(Network network, Node x, List<Node> leaves) {
        Node h = x;
        for (int l = 0; l < network.layerCount(); l++) {
            h = h.matmul(leaves.get(2 * l)).add(leaves.get(2 * l + 1));
            if (l < network.layerCount() - 1) {
                h = network.activation().apply(h);
            }
        }
        return h;
    }

    /** The leaves' gradients (after backward) in the flat parameter layout. */
    static double[] gradients(Network network, List<Node> leaves) {
        double[] out = new double[network.parameterCount()];
        for (int l = 0; l < network.layerCount(); l++) {
            leaves.get(2 * l).gradient().copyTo(out, network.weightOffset(l));
            leaves.get(2 * l + 1).gradient().copyTo(out, network.biasOffset(l));
        }
        return out;
    }
}
