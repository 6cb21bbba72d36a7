package dev.xent.core.numeric;

/**
 * The inner loop of {@link MatrixProduct}: adds a product into an output block whose elements hold
 * the running sums. For {@code i < rows}, {@code j < cols} and then {@code q = 0, 1, ..., depth - 1}
 * in that order: {@code c[i][j] = c[i][j] + l[i][q] * r[q][j]}, a multiplication rounded, then an
 * addition rounded (never a fused multiply-add). Every implementation does exactly these operations
 * per element, so all give the same bits as the plain triple loop, whatever their tiling.
 *
 * <p>Addresses: {@code l[i][q] = l[lOffset + i lRowStride + q lDepthStride]} (so a transposed left
 * operand is only other strides), {@code r[q][j] = r[rOffset + q rRowStride + j]} and
 * {@code c[i][j] = c[cOffset + i cRowStride + j]}.
 */
interface ProductKernel {
    void accumulate(double[] l, int lOffset, int lRowStride, int lDepthStride,
                    double[] r, int rOffset, int rRowStride,
                    double[] c, int cOffset, int cRowStride, int rows, int cols, int depth);
}
