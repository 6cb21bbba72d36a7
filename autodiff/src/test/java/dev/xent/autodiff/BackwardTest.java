package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import org.junit.jupiter.api.Test;

class BackwardTest {

    @Test
    void aNodeUsedTwiceAccumulatesBothGradients() {
        Node x = Graph.variable(Tensor.of(0.5, -1.0, 3.0));
        x.mul(x).backward();
        assertEquals(Tensor.of(1.0, -2.0, 6.0), x.gradient());
    }

    @Test
    void aNodeReachedThroughTwoBranchesSumsThem() {
        Node x = Graph.variable(Tensor.scalar(0.3));
        Node y = x.exp().add(x.mul(3)).sum();
        y.backward();
        assertEquals(Math.exp(0.3) + 3, x.gradient().item(), 1e-15);
    }

    @Test
    void constantsNeedNoGradientAndKeepAZeroOne() {
        Node c = Graph.constant(Tensor.of(2, 3));
        Node x = Graph.variable(Tensor.of(5, 7));
        Node viaConstants = c.exp().mul(c);
        Node y = x.mul(viaConstants).add(Graph.constant(1.5)).sum();
        y.backward();

        assertFalse(c.requiresGradient());
        assertFalse(viaConstants.requiresGradient());
        assertTrue(y.requiresGradient());
        assertEquals(Tensor.zeros(2), c.gradient());
        assertEquals(Tensor.zeros(2), viaConstants.gradient());
        assertArrayEquals(new double[] {2 * Math.exp(2), 3 * Math.exp(3)}, x.gradient().toArray(), 1e-12);
    }

    @Test
    void backwardFromAConstantExpressionDoesNothing() {
        Node c = Graph.constant(Tensor.of(1, 2));
        Node y = c.mul(c).sum();
        y.backward();
        assertEquals(Tensor.scalar(0), y.gradient());
        assertEquals(Tensor.zeros(2), c.gradient());
    }

    @Test
    void aNonScalarRootIsTreatedAsItsSum() {
        Node x = Graph.variable(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        x.mul(x).mul(0.5).backward();
        assertEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}}), x.gradient());
    }

    @Test
    void repeatedBackwardAccumulatesOnLeavesButNotOnIntermediates() {
        Node x = Graph.variable(Tensor.of(1, 2));
        Node square = x.mul(x);
        Node y = square.sum();
        y.backward();
        y.backward();
        assertEquals(Tensor.of(4, 8), x.gradient()); // 2 * (2x)
        assertEquals(Tensor.of(1, 1), square.gradient());
        assertEquals(Tensor.scalar(1), y.gradient());
    }

    @Test
    void backwardFromAnotherRootSeesFreshIntermediateGradients() {
        Node x = Graph.variable(Tensor.scalar(2));
        Node shared = x.mul(3);
        shared.mul(10).backward();
        shared.mul(1).backward();
        assertEquals(Tensor.scalar(1), shared.gradient());
        assertEquals(Tensor.scalar(33), x.gradient());
    }

    @Test
    void backwardOfALeafSeedsItsOwnGradient() {
        Node x = Graph.variable(Tensor.of(1, 2));
        x.backward();
        x.backward();
        assertEquals(Tensor.of(2, 2), x.gradient());
    }

    @Test
    void aHundredThousandNodeChainRunsBackwardWithoutOverflowingTheStack() {
        Node x = Graph.variable(Tensor.scalar(0.5));
        Node chain = x;
        for (int i = 0; i < 100_000; i++) {
            chain = chain.add(x).mul(1.0);
        }
        chain.backward();
        assertEquals(100_001 * 0.5, chain.value().item());
        assertEquals(100_001.0, x.gradient().item());
    }

    @Test
    void aDeepUnaryChainRunsBackwardToo() {
        Node x = Graph.variable(Tensor.of(0.1, -0.2));
        Node chain = x;
        for (int i = 0; i < 100_000; i++) {
            chain = chain.neg();
        }
        chain.sum().backward();
        assertEquals(Tensor.of(1, 1), x.gradient());
    }

    @Test
    void valuesAndGradientsAreCopies() {
        Node x = Graph.variable(Tensor.of(1, 2));
        x.value().toArray()[0] = 99;
        Node y = x.mul(2).sum();
        y.backward();
        assertEquals(Tensor.scalar(6), y.value());
        assertArrayEquals(new int[0], y.shape());
        assertEquals(Tensor.of(2, 2), x.gradient());
    }

    @Test
    void theVariableCopiesItsTensor() {
        double[] data = {1, 2};
        Node x = Graph.variable(Tensor.wrap(data, 2));
        data[0] = 99;
        assertEquals(Tensor.of(1, 2), x.value());
    }
}
