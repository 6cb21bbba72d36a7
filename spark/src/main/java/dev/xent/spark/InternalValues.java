package dev.xent.spark;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.UserDefinedType;

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

    /** The number of values of {@code value} (the column's internal value, not null). */
    int size(Object value) {
        if (!vector) {
            return ((ArrayData) value).numElements();
        }
        InternalRow v = (InternalRow) value;
        return v.getByte(0) == DENSE ? v.getArray(3).numElements() : v.getInt(1);
    }

    /** Writes the {@link #size} values of {@code value} to {@code into} from {@code offset}. */
    void copy(Object value, double[] into, int offset) {
        if (!vector) {
            copyArray((ArrayData) value, into, offset);
            return;
        }
        InternalRow v = (InternalRow) value;
        ArrayData values = v.getArray(3);
        if (v.getByte(0) == DENSE) {
            copyArray(values, into, offset);
            return;
        }
        Arrays.fill(into, offset, offset + v.getInt(1), 0.0);
        ArrayData indices = v.getArray(2);
        for (int j = 0, n = indices.numElements(); j < n; j++) {
            into[offset + indices.getInt(j)] = values.getDouble(j);
        }
    }

    private void copyArray(ArrayData array, double[] into, int offset) {
        int n = array.numElements();
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
}
