package dev.xent.spark;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.bitset.BitSetMethods;

/**
 * Reads the values of one row of an array or ML Vector column from Spark's internal form, straight
 * into a block's flat array: no external {@code Row}, no boxing, no array per row. The column's type
 * is looked at once: an array whose type cannot hold nulls ({@code containsNull = false}, as a
 * Vector's values) is copied without a per-element null check. A Vector is the struct
 * {@code (type, size, indices, values)} of {@code org.apache.spark.ml.linalg.VectorUDT}: type 1 is
 * dense ({@code values}), type 0 sparse ({@code size} values, zero but at {@code indices}).
 */
final class InternalValues {
    private static final byte DENSE = 1;
    /** Up to this many values a row is copied value by value (profiles: the bulk copy was 15% of a 10-class aggregate). */
    private static final int SHORT_ARRAY = 64;

    private final String column;
    private final boolean vector;
    private final DataType elementType;
    private final boolean doubles;
    private final boolean mayHoldNulls;

    private InternalValues(String column, boolean vector, DataType elementType, boolean mayHoldNulls) {
        this.column = column;
        this.vector = vector;
        this.elementType = elementType;
        this.doubles = DataTypes.DoubleType.equals(elementType);
        this.mayHoldNulls = mayHoldNulls;
    }

    /** A reader of a column of type {@code type} (an array of numbers or an ML Vector, see {@link ValueKind}). */
    static InternalValues of(String column, DataType type) {
        if (type instanceof ArrayType array) {
            return new InternalValues(column, false, array.elementType(), array.containsNull());
        }
        if (type instanceof UserDefinedType<?>) {
            return new InternalValues(column, true, DataTypes.DoubleType, false);
        }
        throw new IllegalArgumentException("column '" + column + "' has type " + type.simpleString()
                + "; allowed: an array of numbers or an ML Vector");
    }

    /** Copies {@code value} (the column's internal value, not null) into {@code block}'s next prediction row. */
    void copyPrediction(Object value, RowBlock block) {
        RowValues row = row(value);
        int offset = block.predictionOffset(row.count()); // the first row makes the block's arrays
        row.copy(block.predictionValues(), offset);
    }

    /** Copies {@code value} (not null) into {@code block}'s next target row (a distribution). */
    void copyTarget(Object value, RowBlock block) {
        RowValues row = row(value);
        int offset = block.targetOffset(row.count());
        row.copy(block.targetValues(), offset);
    }

    /** One row's values as Spark holds them: an array, or a Vector's values with its indices if sparse. */
    private RowValues row(Object value) {
        if (!vector) {
            ArrayData array = (ArrayData) value;
            return new RowValues(array, null, array.numElements());
        }
        InternalRow v = (InternalRow) value;
        ArrayData values = v.getArray(3);
        return v.getByte(0) == DENSE ? new RowValues(values, null, values.numElements())
                : new RowValues(values, v.getArray(2), v.getInt(1));
    }

    private final class RowValues {
        private final ArrayData values;
        private final ArrayData sparseIndices;
        private final int count;

        RowValues(ArrayData values, ArrayData sparseIndices, int count) {
            this.values = values;
            this.sparseIndices = sparseIndices;
            this.count = count;
        }

        int count() {
            return count;
        }

        /** Writes the {@link #count} values to {@code into} from {@code offset}. */
        void copy(double[] into, int offset) {
            if (sparseIndices == null) {
                copyArray(values, into, offset);
                return;
            }
            Arrays.fill(into, offset, offset + count, 0.0);
            for (int j = 0, n = sparseIndices.numElements(); j < n; j++) {
                into[offset + sparseIndices.getInt(j)] = values.getDouble(j);
            }
        }
    }

    private void copyArray(ArrayData array, double[] into, int offset) {
        int n = array.numElements();
        if (doubles && array instanceof UnsafeArrayData unsafe) {
            copyUnsafe(unsafe, n, into, offset);
            return;
        }
        if (mayHoldNulls) {
            for (int k = 0; k < n; k++) {
                if (array.isNullAt(k)) {
                    throw new IllegalArgumentException("column '" + column + "' has a null element at index " + k);
                }
            }
        }
        if (doubles) {
            for (int k = 0; k < n; k++) {
                into[offset + k] = array.getDouble(k);
            }
        } else {
            for (int k = 0; k < n; k++) {
                into[offset + k] = ((Number) array.get(k, elementType)).doubleValue();
            }
        }
    }

    /**
     * Spark's unsafe array of doubles read from its memory: its layout is the element count (8 bytes), a
     * null bit per element in whole words, then the values, copied in one memory copy when long. A null
     * bit set is an error naming the index.
     */
    private void copyUnsafe(UnsafeArrayData array, int n, double[] into, int offset) {
        Object base = array.getBaseObject();
        long start = array.getBaseOffset();
        if (mayHoldNulls && BitSetMethods.anySet(base, start + 8, (n + 63) / 64)) {
            for (int k = 0; k < n; k++) {
                if (array.isNullAt(k)) {
                    throw new IllegalArgumentException("column '" + column + "' has a null element at index " + k);
                }
            }
        }
        long values = start + UnsafeArrayData.calculateHeaderPortionInBytes(n);
        if (n > SHORT_ARRAY) {
            Platform.copyMemory(base, values, into, Platform.DOUBLE_ARRAY_OFFSET + 8L * offset, 8L * n);
            return;
        }
        for (int k = 0; k < n; k++) { // a row of a few classes: plain loads beat the bulk copy's call and checks
            into[offset + k] = Platform.getDouble(base, values + 8L * k);
        }
    }
}
