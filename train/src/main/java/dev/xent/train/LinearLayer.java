package dev.xent.train;

import java.util.Arrays;

/**
 * A linear model's passes without the autodiff graph: the logits {@code Z = X W + b}, and the
 * gradient of {@code sum(Z * G)} with respect to W and b for an upstream gradient G. They do the
 * same floating-point operations in the same order as the graph ({@code x.matmul(W).add(b)}, its
 * matrix product summing over the inner index in ascending order, and the backward steps of both),
 * so the results are bit for bit the same; what they skip is the graph's bookkeeping (nodes, a
 * lambda call per element, a temporary array per op), which costs most while the JIT is warming up.
 *
 * <p>Parameters in the {@link Network} layout: W ({@code inputs x outputs}, row-major), then b.
 */
final class LinearLayer {
    private LinearLayer() {
    }

    /** The logits of {@code rows} rows of {@code x} ({@code rows x inputs}), written into {@code out}. */
    static void logits(double[] x, int rows, int inputs, double[] params, int outputs, double[] out) {
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
            rowPairLogits(x, i, inputs, params, outputs, out);
        }
        for (; i < rows; i++) {
            rowLogits(x, i, inputs, params, outputs, out);
        }
    }

    /**
     * Rows i and i + 1, four outputs at a time: eight independent sums in registers, each over p in
     * ascending order (the graph's order), so the bits are the graph's and the processor overlaps the
     * chains of additions instead of waiting on one.
     */
    private static void rowPairLogits(double[] x, int i, int inputs, double[] params, int outputs, double[] out) {
        int bias = inputs * outputs;
        int x0 = i * inputs;
        int x1 = x0 + inputs;
        int row0 = i * outputs;
        int row1 = row0 + outputs;
        int j = 0;
        for (; j + 4 <= outputs; j += 4) {
            double s00 = 0;
            double s01 = 0;
            double s02 = 0;
            double s03 = 0;
            double s10 = 0;
            double s11 = 0;
            double s12 = 0;
            double s13 = 0;
            for (int p = 0; p < inputs; p++) {
                double a = x[x0 + p];
                double b = x[x1 + p];
                int w = p * outputs + j;
                double w0 = params[w];
                double w1 = params[w + 1];
                double w2 = params[w + 2];
                double w3 = params[w + 3];
                s00 += a * w0;
                s01 += a * w1;
                s02 += a * w2;
                s03 += a * w3;
                s10 += b * w0;
                s11 += b * w1;
                s12 += b * w2;
                s13 += b * w3;
            }
            out[row0 + j] = s00 + params[bias + j];
            out[row0 + j + 1] = s01 + params[bias + j + 1];
            out[row0 + j + 2] = s02 + params[bias + j + 2];
            out[row0 + j + 3] = s03 + params[bias + j + 3];
            out[row1 + j] = s10 + params[bias + j];
            out[row1 + j + 1] = s11 + params[bias + j + 1];
            out[row1 + j + 2] = s12 + params[bias + j + 2];
            out[row1 + j + 3] = s13 + params[bias + j + 3];
        }
        for (; j < outputs; j++) {
            double s0 = 0;
            double s1 = 0;
            for (int p = 0; p < inputs; p++) {
                double w = params[p * outputs + j];
                s0 += x[x0 + p] * w;
                s1 += x[x1 + p] * w;
            }
            out[row0 + j] = s0 + params[bias + j];
            out[row1 + j] = s1 + params[bias + j];
        }
    }

    /** One row, one output at a time (the last row of an odd count). */
    private static void rowLogits(double[] x, int i, int inputs, double[] params, int outputs, double[] out) {
        int bias = inputs * outputs;
        for (int j = 0; j < outputs; j++) {
            double s = 0;
            for (int p = 0; p < inputs; p++) {
                s += x[i * inputs + p] * params[p * outputs + j];
            }
            out[i * outputs + j] = s + params[bias + j];
        }
    }

    /**
     * Writes the gradient of {@code sum(Z * g)} with respect to the parameters into
     * {@code gradientOut} (overwritten): {@code dW = X^T g} and {@code db} = the column sums of g, each
     * element summed over the rows in order, as the graph does. dW is accumulated transposed
     * ({@code outputs x inputs}) so that the inner loop runs along rows of X (long and contiguous:
     * the JIT vectorizes it), four rows per pass over an element ({@code ((t + a) + b) + ...}, the
     * same additions in the same order as four passes, with a quarter of the loads and stores).
     */
    static void gradient(double[] x, int rows, int inputs, double[] g, int outputs, double[] gradientOut) {
        int bias = inputs * outputs;
        double[] transposed = new double[bias];
        Arrays.fill(gradientOut, bias, bias + outputs, 0.0);
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int row = i * outputs;
            for (int j = 0; j < outputs; j++) {
                double g0 = g[row + j];
                double g1 = g[row + outputs + j];
                double g2 = g[row + 2 * outputs + j];
                double g3 = g[row + 3 * outputs + j];
                addFourMultiples(transposed, j * inputs, x, i * inputs, inputs, g0, g1, g2, g3);
                gradientOut[bias + j] = (((gradientOut[bias + j] + g0) + g1) + g2) + g3;
            }
        }
        for (; i < rows; i++) {
            int row = i * outputs;
            for (int j = 0; j < outputs; j++) {
                addMultiple(transposed, j * inputs, x, i * inputs, g[row + j], inputs);
                gradientOut[bias + j] += g[row + j];
            }
        }
        for (int p = 0; p < inputs; p++) {
            for (int j = 0; j < outputs; j++) {
                gradientOut[p * outputs + j] = transposed[j * inputs + p];
            }
        }
    }

    /**
     * {@code y[yFrom + p] += x_0[p] a0, then x_1[p] a1, x_2[p] a2, x_3[p] a3} for p below n, where
     * {@code x_k} is the k-th row of n values after {@code xFrom}. A method of its own: called
     * thousands of times per pass, it is compiled (and vectorized) early in the first epoch, before
     * the loops around it.
     */
    private static void addFourMultiples(double[] y, int yFrom, double[] x, int xFrom, int n,
                                         double a0, double a1, double a2, double a3) {
        int x1 = xFrom + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        for (int p = 0; p < n; p++) {
            y[yFrom + p] = (((y[yFrom + p] + x[xFrom + p] * a0) + x[x1 + p] * a1) + x[x2 + p] * a2) + x[x3 + p] * a3;
        }
    }

    /** {@code y[yFrom + p] += x[xFrom + p] * a} for p below n (a last row of fewer than four). */
    private static void addMultiple(double[] y, int yFrom, double[] x, int xFrom, double a, int n) {
        for (int p = 0; p < n; p++) {
            y[yFrom + p] += x[xFrom + p] * a;
        }
    }
}
