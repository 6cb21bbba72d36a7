package dev.xent.core;

import java.util.Arrays;

/**
 * A dense, row-major tensor of {@code double}s: rank 0 (scalar), 1 (vector), 2 (matrix) or higher.
 *
 * <p>Immutable from the outside: every factory except {@link #wrap(double[], int...)} copies its
 * input, and {@link #toArray()} returns a copy. {@code wrap} shares the caller's array so that large
 * inputs are not copied; the caller promises not to change it afterwards.
 *
 * <p>Shapes never change silently: {@link #reshape(int...)} is the only way to reinterpret data.
 */
public final class Tensor {
    private final double[] data;
    private final int[] shape;

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A vector holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A matrix holding a copy of {@code rows}; every row must have the same length. */
    public static Tensor of(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("ragged matrix: row " + r + " has " + rows[r].length
                        + " values, row 0 has " + columns);
            }
            System.arraycopy(rows[r], 0, data, r * columns, columns);
        }
        return new Tensor(data, new int[] {rows.length, columns});
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    /**
     * A tensor over {@code data} without copying it. The product of {@code shape} must equal
     * {@code data.length}; no shape means a scalar.
     */
    public static Tensor wrap(double[] data, int... shape) {
        int[] s = shape.clone();
        long size = checkedSize(s);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + size
                    + " values but the array has " + data.length);
        }
        return new Tensor(data, s);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return filled(0.0, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor filled(double value, int... shape) {
        int[] s = shape.clone();
        double[] data = new double[Math.toIntExact(checkedSize(s))];
        if (Double.doubleToRawLongBits(value) != 0L) { // -0.0 must be filled in too
            Arrays.fill(data, value);
        }
        return new Tensor(data, s);
    }

    private static long checkedSize(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return size;
    }

    /** A copy of the shape; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The length of one dimension. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The length of the first dimension (the samples); 1 for a scalar. */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /**
     * The number of elements in one row: the product of the dimensions after the first (1 for a scalar
     * or vector), also when there are no rows.
     */
    public int rowLength() {
        int length = 1;
        for (int axis = 1; axis < shape.length; axis++) {
            length *= shape[axis];
        }
        return length;
    }

    /** The element at a full multi-index (one index per dimension). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("tensor of shape " + shapeString() + " needs " + shape.length
                    + " indices, got " + index.length);
        }
        int flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException("index " + index[axis] + " on axis " + axis
                        + " of shape " + shapeString());
            }
            flat = flat * shape[axis] + index[axis];
        }
        return data[flat];
    }

    /** The element at a row-major flat index. */
    public double getFlat(int index) {
        return data[index];
    }

    /** The single value of a scalar or one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one element; shape is " + shapeString());
        }
        return data[0];
    }

    /** A copy of the elements in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /** Copies the elements in row-major order into {@code target} starting at {@code offset}. */
    public void copyTo(double[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /**
     * Copies the {@code length} elements from flat index {@code from} on into {@code target} starting at
     * {@code offset}: a bulk read for kernels that work on blocks.
     */
    public void copyTo(int from, double[] target, int offset, int length) {
        System.arraycopy(data, from, target, offset, length);
    }

    /** The same elements under another shape of equal size (an explicit, never silent, reshape). */
    public Tensor reshape(int... newShape) {
        return wrap(data, newShape);
    }

    /** Whether both tensors have the same shape. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** The shape as text, e.g. {@code [3, 2]} ({@code []} for a scalar). */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length <= 16) {
            return "Tensor" + shapeString() + Arrays.toString(data);
        }
        return "Tensor" + shapeString() + "[" + data[0] + ", " + data[1] + ", ..., " + data[data.length - 1] + "]";
    }
}
