package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Shapes that do not fit give errors naming both shapes; nothing is reshaped silently. */
class GraphErrorsTest {
    private static final Node MATRIX = Graph.variable(Tensor.zeros(2, 3));

    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void incompatibleShapesDoNotBroadcast() {
        assertEquals("shapes [2, 3] and [2] do not broadcast (NumPy rules, rank <= 2; nothing is reshaped silently)",
                error(() -> MATRIX.add(Graph.constant(Tensor.zeros(2)))));
        assertEquals("shapes [2, 3] and [3, 3] do not broadcast (NumPy rules, rank <= 2; nothing is reshaped silently)",
                error(() -> MATRIX.mul(Graph.constant(Tensor.zeros(3, 3)))));
        assertEquals("shapes [2, 1] and [3, 2] do not broadcast (NumPy rules, rank <= 2; nothing is reshaped silently)",
                error(() -> Graph.constant(Tensor.zeros(2, 1)).sub(Graph.constant(Tensor.zeros(3, 2)))));
    }

    @Test
    void rankThreeShapesOnlyCombineWhenEqual() {
        Node cube = Graph.variable(Tensor.filled(2, 2, 2, 2));
        assertEquals(Tensor.filled(4, 2, 2, 2), cube.add(cube).value());
        assertEquals("shapes [2, 2, 2] and [] do not broadcast (NumPy rules, rank <= 2; nothing is reshaped silently)",
                error(() -> cube.add(Graph.constant(1))));
    }

    @Test
    void aVectorAndAColumnBroadcastToASquareAsInNumPy() {
        Node column = Graph.constant(Tensor.of(new double[][] {{10}, {20}}));
        Node row = Graph.constant(Tensor.of(1, 2));
        assertEquals(Tensor.of(new double[][] {{11, 12}, {21, 22}}), column.add(row).value());
    }

    @Test
    void rowsColumnsAndScalarsStretchOverAMatrix() {
        Node matrix = Graph.constant(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals(Tensor.of(new double[][] {{11, 22, 33}, {14, 25, 36}}),
                matrix.add(Graph.constant(Tensor.of(10, 20, 30))).value());
        assertEquals(Tensor.of(new double[][] {{11, 22, 33}, {14, 25, 36}}),
                matrix.add(Graph.constant(Tensor.of(new double[][] {{10, 20, 30}}))).value());
        assertEquals(Tensor.of(new double[][] {{0, 1, 2}, {-6, -5, -4}}),
                matrix.sub(Graph.constant(Tensor.of(new double[][] {{1}, {10}}))).value());
        assertEquals(Tensor.of(new double[][] {{2, 4, 6}, {8, 10, 12}}), Graph.constant(2).mul(matrix).value());
    }

    @Test
    void theGradientOfABroadcastOperandIsSummedBackToItsShape() {
        Node row = Graph.variable(Tensor.of(1, 2, 3));
        Node column = Graph.variable(Tensor.of(new double[][] {{1}, {2}}));
        Node scalar = Graph.variable(Tensor.scalar(1));
        MATRIX.add(row).add(column).add(scalar).backward();
        assertEquals(Tensor.of(2, 2, 2), row.gradient());
        assertEquals(Tensor.of(new double[][] {{3}, {3}}), column.gradient());
        assertEquals(Tensor.scalar(6), scalar.gradient());
    }

    @Test
    void matmulNeedsMatchingInnerDimensions() {
        assertEquals("matmul needs N x K and K x M matrices; got [2, 3] and [2, 3]", error(() -> MATRIX.matmul(MATRIX)));
        assertEquals("matmul needs N x K and K x M matrices; got [2, 3] and [3]",
                error(() -> MATRIX.matmul(Graph.constant(Tensor.zeros(3)))));
        assertArrayEquals(new int[] {2, 2}, MATRIX.matmul(Graph.constant(Tensor.zeros(3, 2))).shape());
    }

    @Test
    void axesOutsideTheShapeAreRejected() {
        assertEquals("axis 2 is out of range for shape [2, 3]", error(() -> MATRIX.sum(2)));
        assertEquals("axis -1 is out of range for shape [2, 3]", error(() -> MATRIX.logSoftmax(-1)));
        assertEquals("axis 0 is out of range for shape []", error(() -> Graph.constant(1).mean(0)));
    }

    @Test
    void clampNeedsOrderedBounds() {
        assertEquals("clamp needs low <= high, got [1.0, 0.0]", error(() -> MATRIX.clamp(1, 0)));
        assertEquals("clamp needs low <= high, got [NaN, 1.0]", error(() -> MATRIX.clamp(Double.NaN, 1)));
    }

    @Test
    void nodesFromAnotherEngineAreRejected() {
        Node foreign = (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                (proxy, method, args) -> null);
        String message = error(() -> MATRIX.add(foreign));
        assertEquals("node " + foreign.getClass().getName() + " is not from xent's autodiff engine", message);
    }
}
