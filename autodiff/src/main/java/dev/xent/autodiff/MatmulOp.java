package dev.xent.autodiff;

import dev.xent.core.Node;
import java.util.Arrays;

/**
 * The matrix product {@code A (n x k) B (k x m)}, its backward rule right under it, and the kernel
 * it runs on ({@link #product}), the one line to change to run it on another kernel.
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
        double[] out = product(a, b, n, k, m);
        return GraphNode.binary(out, new int[] {n, m}, x, o, (g, ga, gb) -> {
            if (ga != null) { // dA = G B^T
                for (int i = 0; i < n; i++) {
                    int gRow = i * m;
                    for (int p = 0; p < k; p++) {
                        int bRow = p * m;
                        double s = 0;
                        for (int j = 0; j < m; j++) {
                            s += g[gRow + j] * b[bRow + j];
                        }
                        ga[i * k + p] += s;
                    }
                }
            }
            if (gb != null) { // dB = A^T G
                for (int i = 0; i < n; i++) {
                    int gRow = i * m;
                    int aRow = i * k;
                    for (int p = 0; p < k; p++) {
                        double aip = a[aRow + p];
                        int bRow = p * m;
                        for (int j = 0; j < m; j++) {
                            gb[bRow + j] += aip * g[gRow + j];
                        }
                    }
                }
            }
        });
    }

    /**
     * {@code A (n x k) times B (k x m)}, row-major. Four output columns at a time are summed in
     * registers (independent chains, no stores in the inner loop); each element is still the sum over
     * p in ascending order, so the bits equal those of the plain triple loop.
     */
    private static double[] product(double[] a, double[] b, int n, int k, int m) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            int aRow = i * k;
            int outRow = i * m;
            int j = 0;
            for (; j + 4 <= m; j += 4) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double aip = a[aRow + p];
                    int bj = p * m + j;
                    s0 += aip * b[bj];
                    s1 += aip * b[bj + 1];
                    s2 += aip * b[bj + 2];
                    s3 += aip * b[bj + 3];
                }
                out[outRow + j] = s0;
                out[outRow + j + 1] = s1;
                out[outRow + j + 2] = s2;
                out[outRow + j + 3] = s3;
            }
            for (; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aRow + p] * b[p * m + j];
                }
                out[outRow + j] = s;
            }
        }
        return out;
    }
}
