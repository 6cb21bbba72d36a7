package dev.xent.spark;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * How a column holds its values: one number, an {@code array<double>} (any numeric element type is
 * cast), or an ML {@code Vector} ({@code org.apache.spark.ml.linalg.VectorUDT}, read through its
 * {@code toArray()} so that this module needs no MLlib: a user with Vector columns has it).
 */
public enum ValueKind {
    NUMBER, ARRAY, VECTOR;

    private static final String VECTOR_UDT = "org.apache.spark.ml.linalg.VectorUDT";

    /** The kind of a column of type {@code type}, or an error naming the column and what is allowed. */
    public static ValueKind of(String column, DataType type, String role) {
        if (type instanceof NumericType) {
            return NUMBER;
        }
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            return ARRAY;
        }
        if (type instanceof UserDefinedType<?> udt && udt.getClass().getName().equals(VECTOR_UDT)) {
            return VECTOR;
        }
        throw new IllegalArgumentException("column '" + column + "' (" + role + ") has type " + type.simpleString()
                + "; allowed: a number, an array of numbers or an ML Vector");
    }

    /** The kind of a column of a schema; an unknown column is an error listing the columns present. */
    public static StructField field(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "'; columns present: "
                + String.join(", ", schema.fieldNames()));
    }

    /** The Spark type the aggregate asks for: double, {@code array<double>}, or the Vector type itself. */
    DataType sparkType(DataType vectorType) {
        return switch (this) {
            case NUMBER -> DataTypes.DoubleType;
            case ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, true);
            case VECTOR -> vectorType;
        };
    }

    /** Lower-case name for messages. */
    String display() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The values of field {@code i} of {@code row} (a non-null array or Vector); {@code column} names it in errors. */
    public static double[] values(Row row, int i, String column) {
        Object value = row.get(i);
        if (value instanceof scala.collection.Seq<?> || value instanceof List<?>) {
            List<?> list = value instanceof List<?> javaList ? javaList : row.getList(i);
            double[] out = new double[list.size()];
            for (int k = 0; k < out.length; k++) {
                Object element = list.get(k);
                if (element == null) {
                    throw new IllegalArgumentException("column '" + column + "' has a null element at index " + k);
                }
                out[k] = ((Number) element).doubleValue();
            }
            return out;
        }
        return VectorAccess.toArray(value);
    }

    /** {@code org.apache.spark.ml.linalg.Vector.toArray()}, looked up once, without a compile-time MLlib. */
    private static final class VectorAccess {
        private static final MethodHandle TO_ARRAY;

        static {
            try {
                Class<?> vector = Class.forName("org.apache.spark.ml.linalg.Vector", true,
                        Thread.currentThread().getContextClassLoader());
                TO_ARRAY = MethodHandles.publicLookup().findVirtual(vector, "toArray", MethodType.methodType(double[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("ML Vector columns need spark-mllib on the class path", e);
            }
        }

        static double[] toArray(Object vector) {
            try {
                return (double[]) TO_ARRAY.invoke(vector);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
