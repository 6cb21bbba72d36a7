package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void ofCopiesAVectorSoLaterChangesToTheArrayAreNotSeen() {
        double[] values = {1, 2, 3};
        Tensor t = Tensor.of(values);
        values[0] = 99;
        assertEquals(1.0, t.get(0));
        assertArrayEquals(new int[] {3}, t.shape());
    }

    @Test
    void ofCopiesAMatrixRowByRow() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor t = Tensor.of(rows);
        rows[1][2] = 99;
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6.0, t.get(1, 2));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
    }

    @Test
    void wrapSharesTheCallersArray() {
        double[] values = {1, 2, 3, 4};
        Tensor t = Tensor.wrap(values, 2, 2);
        values[3] = 99;
        assertEquals(99.0, t.get(1, 1));
    }

    @Test
    void wrapWithoutAShapeIsAScalarAndNeedsOneValue() {
        assertEquals(0, Tensor.wrap(new double[] {7}).rank());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[] {1, 2}));
        assertEquals("shape [] holds 1 values but the array has 2", e.getMessage());
    }

    @Test
    void wrapRejectsAShapeWhoseSizeDiffersFromTheArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.wrap(new double[5], 2, 3));
        assertEquals("shape [2, 3] holds 6 values but the array has 5", e.getMessage());
    }

    @Test
    void negativeAndOverflowingDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1 << 16, 1 << 16));
    }

    @Test
    void theShapeCannotBeChangedThroughTheArrayItReturns() {
        Tensor t = Tensor.zeros(2, 3);
        t.shape()[0] = 5;
        t.toArray()[0] = 5;
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(0.0, t.get(0, 0));
    }

    @Test
    void rankRowsAndRowLengthDescribeScalarsVectorsAndMatrices() {
        Tensor scalar = Tensor.scalar(2.5);
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.rows());
        assertEquals(1, scalar.rowLength());
        assertEquals(1, scalar.size());

        Tensor vector = Tensor.of(1, 2, 3);
        assertEquals(1, vector.rank());
        assertEquals(3, vector.rows());
        assertEquals(1, vector.rowLength());

        Tensor matrix = Tensor.zeros(4, 3);
        assertEquals(2, matrix.rank());
        assertEquals(4, matrix.rows());
        assertEquals(3, matrix.rowLength());
        assertEquals(3, matrix.dim(1));
        assertEquals(12, matrix.size());

        Tensor cube = Tensor.zeros(2, 3, 4);
        assertEquals(12, cube.rowLength());
    }

    @Test
    void aMatrixWithNoRowsStillKnowsItsRowLength() {
        Tensor empty = Tensor.zeros(0, 5);
        assertEquals(0, empty.rows());
        assertEquals(5, empty.rowLength());
        assertEquals(0, empty.size());
    }

    @Test
    void getNeedsOneIndexPerDimension() {
        Tensor t = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.get(1));
        assertEquals("tensor of shape [2, 3] needs 2 indices, got 1", e.getMessage());
    }

    @Test
    void getRejectsAnIndexOutsideItsAxisEvenWhenTheFlatIndexWouldExist() {
        Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 3));
        assertEquals("index 3 on axis 1 of shape [2, 3]", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
    }

    @Test
    void getOnAScalarTakesNoIndex() {
        assertEquals(2.5, Tensor.scalar(2.5).get());
    }

    @Test
    void aRaggedMatrixIsRejectedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{1, 2}, {3, 4}, {5}}));
        assertEquals("ragged matrix: row 2 has 1 values, row 0 has 2", e.getMessage());
    }

    @Test
    void reshapeKeepsTheElementsInRowMajorOrder() {
        Tensor t = Tensor.of(1, 2, 3, 4, 5, 6).reshape(3, 2);
        assertEquals(4.0, t.get(1, 1));
        assertEquals(Tensor.of(1, 2, 3, 4, 5, 6), t.reshape(6));
    }

    @Test
    void reshapeToADifferentSizeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1, 2, 3).reshape(2, 2));
        assertEquals("shape [2, 2] holds 4 values but the array has 3", e.getMessage());
    }

    @Test
    void equalTensorsHaveTheSameShapeAndElements() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Tensor.of(1, 2, 3, 4));
        assertNotEquals(a, Tensor.of(new double[][] {{1, 2}, {3, 5}}));
        assertNotEquals(Tensor.scalar(1), Tensor.of(1));
        assertNotEquals(a, "a tensor");
    }

    @Test
    void equalityComparesBitsSoNaNEqualsNaNAndSignedZerosDiffer() {
        assertEquals(Tensor.of(Double.NaN), Tensor.of(Double.NaN));
        assertEquals(Tensor.of(Double.NaN).hashCode(), Tensor.of(Double.NaN).hashCode());
        assertNotEquals(Tensor.of(0.0), Tensor.of(-0.0));
    }

    @Test
    void filledRepeatsTheValueBitForBitIncludingNegativeZero() {
        assertEquals(Tensor.of(7, 7, 7), Tensor.filled(7, 3));
        assertEquals(Tensor.of(-0.0, -0.0), Tensor.filled(-0.0, 2));
        assertEquals(Tensor.of(0.0, 0.0), Tensor.zeros(2));
        assertEquals(Tensor.scalar(0), Tensor.zeros());
    }

    @Test
    void itemReadsTheOnlyElementOfAnyShape() {
        assertEquals(3.5, Tensor.scalar(3.5).item());
        assertEquals(4.0, Tensor.wrap(new double[] {4}, 1, 1).item());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.of(1, 2).item());
        assertEquals("item() needs one element; shape is [2]", e.getMessage());
    }

    @Test
    void copyToWritesAtTheOffset() {
        double[] target = new double[5];
        Tensor.of(1, 2, 3).copyTo(target, 2);
        assertArrayEquals(new double[] {0, 0, 1, 2, 3}, target);
    }

    @Test
    void copyToCopiesARangeOfFlatIndices() {
        double[] target = new double[4];
        Tensor.of(1, 2, 3, 4, 5).copyTo(2, target, 1, 3);
        assertArrayEquals(new double[] {0, 3, 4, 5}, target);
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(1, 2).copyTo(1, target, 0, 2));
    }

    @Test
    void toStringShowsShapeAndElementsAbbreviatingLargeTensors() {
        assertEquals("Tensor[2][1.0, 2.0]", Tensor.of(1, 2).toString());
        assertEquals("Tensor[][3.0]", Tensor.scalar(3).toString());
        assertEquals("Tensor[20][0.0, 0.0, ..., 0.0]", Tensor.zeros(20).toString());
    }
}
