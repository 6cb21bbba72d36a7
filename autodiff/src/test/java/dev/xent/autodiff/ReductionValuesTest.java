package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import org.junit.jupiter.api.Test;

/** Forward values of reductions, softmax and matmul on a small matrix, worked by hand. */
class ReductionValuesTest {
    private static final Node X = Graph.constant(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    private static final double LSE_123 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));

    @Test
    void sumsAndMeansRemoveTheirAxis() {
        assertEquals(Tensor.scalar(21), X.sum().value());
        assertEquals(Tensor.scalar(3.5), X.mean().value());
        assertEquals(Tensor.of(5, 7, 9), X.sum(0).value());
        assertEquals(Tensor.of(6, 15), X.sum(1).value());
        assertEquals(Tensor.of(2.5, 3.5, 4.5), X.mean(0).value());
        assertEquals(Tensor.of(2, 5), X.mean(1).value());
    }

    @Test
    void logSumExpAndSoftmaxWorkAlongRowsAndColumns() {
        // Row 2 is row 1 plus 3, so its log-sum-exp is 3 more and its softmax the same.
        assertArrayEquals(new double[] {LSE_123, LSE_123 + 3}, X.logSumExp(1).value().toArray(), 1e-15);
        double[] rowSoftmax = {Math.exp(1 - LSE_123), Math.exp(2 - LSE_123), Math.exp(3 - LSE_123)};
        double[] softmax = X.softmax(1).value().toArray();
        double[] logSoftmax = X.logSoftmax(1).value().toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(rowSoftmax[i % 3], softmax[i], 1e-15);
            assertEquals(Math.log(rowSoftmax[i % 3]), logSoftmax[i], 1e-14);
        }
        double lseColumn = 4 + Math.log1p(Math.exp(-3));
        assertArrayEquals(new double[] {lseColumn, lseColumn + 1, lseColumn + 2}, X.logSumExp(0).value().toArray(), 1e-14);
        assertArrayEquals(new double[] {1 - lseColumn, 2 - lseColumn - 1, 3 - lseColumn - 2, 4 - lseColumn,
                5 - lseColumn - 1, 6 - lseColumn - 2}, X.logSoftmax(0).value().toArray(), 1e-14);
    }

    @Test
    void matmulMultipliesRowsByColumns() {
        Node b = Graph.constant(Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, -1}}));
        assertEquals(Tensor.of(new double[][] {{4, -1}, {10, -1}}), X.matmul(b).value());
    }
}
