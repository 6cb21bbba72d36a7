package dev.xent.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * One argument of {@link LossAggregateFunction} read from Spark's internal row. An argument that is a
 * column (a {@link BoundReference} once Spark has bound the aggregate to its input) is read straight
 * from its ordinal with the getter of its type: no generic accessor, no boxed number per row, which
 * profiles showed as a fifth of the aggregate's time. Any other expression (a SQL call's
 * {@code p * 2}) is evaluated. A null is an error naming the column and its role.
 */
final class InternalArgument {
    private final Expression expression;
    private final String column;
    private final String role;
    private final int ordinal;
    private final boolean nullable;
    private final DataType type;

    InternalArgument(Expression expression, String column, String role) {
        this.expression = expression;
        this.column = column;
        this.role = role;
        this.ordinal = expression instanceof BoundReference bound ? bound.ordinal() : -1;
        this.nullable = expression.nullable();
        this.type = expression.dataType();
    }

    /** The argument as a number (its column holds numbers of any type). */
    double number(InternalRow input) {
        if (ordinal < 0) {
            return ((Number) value(input)).doubleValue();
        }
        requireNonNull(input);
        if (type instanceof DoubleType) {
            return input.getDouble(ordinal);
        }
        if (type instanceof IntegerType) {
            return input.getInt(ordinal);
        }
        if (type instanceof LongType) {
            return input.getLong(ordinal);
        }
        if (type instanceof FloatType) {
            return input.getFloat(ordinal);
        }
        if (type instanceof ShortType) {
            return input.getShort(ordinal);
        }
        if (type instanceof ByteType) {
            return input.getByte(ordinal);
        }
        if (type instanceof DecimalType decimal) {
            return input.getDecimal(ordinal, decimal.precision(), decimal.scale()).toDouble();
        }
        return ((Number) value(input)).doubleValue();
    }

    /**
     * The argument's internal value (an {@code ArrayData}, a Vector's internal struct, ...), not null:
     * a column of arrays or structs (an ML Vector's type stores a struct) read with its getter, anything
     * else evaluated ({@code InternalRow.get(ordinal, type)} would look at the type on every call).
     */
    Object value(InternalRow input) {
        if (ordinal >= 0 && type instanceof ArrayType) {
            requireNonNull(input);
            return input.getArray(ordinal);
        }
        if (ordinal >= 0 && type instanceof UserDefinedType<?> udt && udt.sqlType() instanceof StructType struct) {
            requireNonNull(input);
            return input.getStruct(ordinal, struct.size());
        }
        Object value = expression.eval(input);
        if (value == null) {
            throw nullError();
        }
        return value;
    }

    private void requireNonNull(InternalRow input) {
        if (nullable && input.isNullAt(ordinal)) {
            throw nullError();
        }
    }

    private IllegalArgumentException nullError() {
        return new IllegalArgumentException("column '" + column + "' (" + role + ") is null in a row; "
                + "filter or fill nulls before computing a loss");
    }
}
