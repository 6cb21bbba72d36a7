package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.numeric.MatrixProduct;
import dev.xent.core.numeric.MatrixProduct.Output;
import java.util.Arrays;

/**
 * The matrix product {@code A (n x k) B (k x m)} and its backward rule right under it, on core's
 * {@link MatrixProduct} (the kernel the train module's layers use too: one product, the same bits).
 */
final class MatmulOp {
    private MatmulOp() {
    }

    /** {@code A B}; backward {@code dA = G B^T}, {@code dB = A^T G}. */
    static Node matmul(GraphNode x, Node other) {
        GraphNode o = GraphNode.cast(other);
        if (x.shape.length != 2 || o.shape.length != 2 || x.shape[1] != o.shape[0]) {
            throw new IllegalArgumentException("matmul needs N x K and K x M matrices; got "
                    + Arrays.toString(x.shape) + " and " + Arrays.toString(o.shape));
        }
        int n = x.shape[0];
        int k = x.shape[1];
        int m = o.shape[1];
        double[] a = x.v;
        double[] b = o.v;
        MatrixProduct kernel = MatrixProduct.preferred();
        double[] out = new double[n * m];
        kernel.multiply(a, 0, b, 0, out, 0, n, k, m, Output.OVERWRITE);
        return GraphNode.binary(out, new int[] {n, m}, x, o, (g, ga, gb) -> {
            if (ga != null) { // dA = G B^T
                kernel.timesTransposed(g, 0, b, 0, ga, 0, n, m, k, Output.ACCUMULATE);
            }
            if (gb != null) { // dB = A^T G
                kernel.transposedTimes(a, 0, g, 0, gb, 0, n, k, m, Output.ACCUMULATE);
            }
        });
    }
}
