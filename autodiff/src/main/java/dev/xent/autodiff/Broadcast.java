package dev.xent.autodiff;

import java.util.Arrays;

/**
 * NumPy broadcasting of two shapes, for ranks up to 2 (equal shapes of any rank need none): maps each
 * element of the result to the element of each operand it reads. A null map means "same index".
 */
final class Broadcast {
    final int[] shape;
    private final int[] mapA;
    private final int[] mapB;

    private Broadcast(int[] shape, int[] mapA, int[] mapB) {
        this.shape = shape;
        this.mapA = mapA;
        this.mapB = mapB;
    }

    /** The broadcast of two different shapes (equal shapes need none: callers use the operands as they are). */
    static Broadcast of(int[] a, int[] b) {
        if (a.length > 2 || b.length > 2) {
            throw mismatch(a, b);
        }
        int rank = Math.max(a.length, b.length);
        int[] a2 = asMatrix(a);
        int[] b2 = asMatrix(b);
        int rows = stretch(a2[0], b2[0], a, b);
        int columns = stretch(a2[1], b2[1], a, b);
        int[] shape = rank == 2 ? new int[] {rows, columns} : rank == 1 ? new int[] {columns} : new int[0];
        return new Broadcast(shape, map(a2, rows, columns), map(b2, rows, columns));
    }

    private static int[] asMatrix(int[] s) {
        return s.length == 2 ? s : s.length == 1 ? new int[] {1, s[0]} : new int[] {1, 1};
    }

    private static int stretch(int x, int y, int[] a, int[] b) {
        if (x == y || y == 1) {
            return x;
        }
        if (x == 1) {
            return y;
        }
        throw mismatch(a, b);
    }

    private static int[] map(int[] operand, int rows, int columns) {
        int rowStride = operand[0] == 1 ? 0 : operand[1];
        int columnStride = operand[1] == 1 ? 0 : 1;
        if (rowStride == columns && columnStride == 1) {
            return null;
        }
        int[] map = new int[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                map[r * columns + c] = r * rowStride + c * columnStride;
            }
        }
        return map;
    }

    private static IllegalArgumentException mismatch(int[] a, int[] b) {
        return new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                + " do not broadcast (NumPy rules, rank <= 2; nothing is reshaped silently)");
    }

    static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    boolean broadcastsA() {
        return mapA != null;
    }

    boolean broadcastsB() {
        return mapB != null;
    }

    /** Operand a's values on the result's shape: {@code values} itself if a has that shape. */
    double[] expandA(double[] values) {
        return expand(values, mapA);
    }

    double[] expandB(double[] values) {
        return expand(values, mapB);
    }

    /** Adds a gradient on the result's shape into operand a's gradient, element by element in order. */
    void sumIntoA(double[] full, double[] target) {
        sumInto(full, mapA, target);
    }

    void sumIntoB(double[] full, double[] target) {
        sumInto(full, mapB, target);
    }

    private static double[] expand(double[] values, int[] map) {
        if (map == null) {
            return values;
        }
        double[] out = new double[map.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[map[i]];
        }
        return out;
    }

    private static void sumInto(double[] full, int[] map, double[] target) {
        for (int i = 0; i < full.length; i++) {
            target[map[i]] += full[i];
        }
    }
}
