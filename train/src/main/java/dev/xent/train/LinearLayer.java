package dev.xent.train;

import dev.xent.core.numeric.MatrixProduct;
import dev.xent.core.numeric.MatrixProduct.Output;
import java.util.Arrays;

/**
 * One fully connected layer's passes on flat row-major arrays, on core's {@link MatrixProduct} (the
 * kernel of the autodiff graph's {@code matmul}): the outputs {@code Z = X W + b}, and the gradients
 * of {@code sum(Z * G)} for an upstream gradient G. They do the same floating-point operations in the
 * same order as the graph's {@code x.matmul(W).add(b)} and its backward steps, so the results are
 * bit for bit the graph's; what they skip is its bookkeeping (nodes, broadcast index maps, a
 * temporary array per op).
 *
 * <p>W ({@code inputs x outputs}, row-major) and b live in one flat parameter vector at the offsets
 * the {@link Network} gives. The caller passes the product's kernels ({@link MatrixProduct#preferred()},
 * chosen once per pass object: the choice reads a system property).
 */
final class LinearLayer {
    private LinearLayer() {
    }

    /**
     * {@code Z = X W + b} for {@code rows} rows of X ({@code rows x inputs} at {@code xFrom}) into Z
     * ({@code rows x outputs} at {@code zFrom}): b is preset in Z and the finished product added to
     * it ({@code b + s}, the bits of the graph's {@code s + b}).
     */
    static void forward(MatrixProduct kernel, double[] x, int xFrom, int rows, int inputs, double[] params,
                        int weights, int bias, int outputs, double[] z, int zFrom) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(params, bias, z, zFrom + i * outputs, outputs);
        }
        kernel.multiply(x, xFrom, params, weights, z, zFrom, rows, inputs, outputs,
                Output.ACCUMULATE);
    }

    /**
     * Writes the parameter gradients of {@code sum(Z * g)} into {@code gradientOut} (overwritten at
     * the layer's offsets): {@code dW = X^T g} and {@code db} = the column sums of g, each element
     * summed from 0 over the rows in order, as the graph does. When {@code inputGradient} is not null,
     * also writes {@code dX = g W^T} there ({@code rows x inputs}, overwritten).
     */
    static void backward(MatrixProduct kernel, double[] x, int rows, int inputs, double[] g, double[] params,
                         int weights, int bias, int outputs, double[] gradientOut, double[] inputGradient) {
        kernel.transposedTimes(x, 0, g, 0, gradientOut, weights, rows, inputs, outputs, Output.OVERWRITE);
        Arrays.fill(gradientOut, bias, bias + outputs, 0.0);
        for (int i = 0; i < rows; i++) {
            int row = i * outputs;
            for (int j = 0; j < outputs; j++) {
                gradientOut[bias + j] += g[row + j];
            }
        }
        if (inputGradient != null) {
            kernel.timesTransposed(g, 0, params, weights, inputGradient, 0, rows, outputs, inputs, Output.OVERWRITE);
        }
    }
}
