package dev.xent.spark;

import dev.xent.core.Loss;
import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a loss aggregate reads, by name, and how each holds its values. The aggregate's input is
 * always the struct {@code (prediction, target[, weight])} in that order, filled from the named
 * columns, so the user's column order (or a bean encoder's alphabetical order) never matters.
 *
 * <ul>
 *   <li>element-wise losses (binary cross-entropy, ...): a number per row for the prediction and the target;</li>
 *   <li>class-wise losses: predictions as {@code array<double>} or an ML Vector; targets as a class
 *       index (a number) or a distribution ({@code array<double>} or Vector);</li>
 *   <li>an optional weight column: one finite, non-negative number per row.</li>
 * </ul>
 */
public final class LossInputs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String prediction;
    private final String target;
    private final String weight;
    private final ValueKind predictionKind;
    private final ValueKind targetKind;
    private final StructType encoderSchema;

    private LossInputs(String prediction, DataType predictionType, String target, DataType targetType,
                       String weight, Loss loss) {
        this.prediction = prediction;
        this.target = target;
        this.weight = weight;
        this.predictionKind = ValueKind.of(prediction, predictionType, "prediction");
        this.targetKind = ValueKind.of(target, targetType, "target");
        boolean classWise = loss.inputSpace().isClassWise();
        if (classWise && predictionKind == ValueKind.NUMBER) {
            throw new IllegalArgumentException(loss.name() + " is class-wise: column '" + prediction
                    + "' (prediction) must hold one value per class (array<double> or an ML Vector), not one number");
        }
        if (!classWise && (predictionKind != ValueKind.NUMBER || targetKind != ValueKind.NUMBER)) {
            String column = predictionKind != ValueKind.NUMBER ? prediction : target;
            throw new IllegalArgumentException(loss.name() + " is element-wise: column '" + column
                    + "' must hold one number per row, not an " + (predictionKind != ValueKind.NUMBER
                    ? predictionKind : targetKind).display());
        }
        StructType schema = new StructType()
                .add("prediction", predictionKind.sparkType(predictionType))
                .add("target", targetKind.sparkType(targetType));
        this.encoderSchema = weight == null ? schema : schema.add("weight", DataTypes.DoubleType);
    }

    /**
     * Columns of the usual types: numbers for an element-wise loss; for a class-wise loss an
     * {@code array<double>} of predictions and a class index. {@code weight} may be null.
     */
    public static LossInputs of(LossSpec loss, String prediction, String target, String weight) {
        boolean classWise = loss.loss().inputSpace().isClassWise();
        DataType predictionType = classWise ? DataTypes.createArrayType(DataTypes.DoubleType) : DataTypes.DoubleType;
        return new LossInputs(prediction, predictionType, target, DataTypes.DoubleType, weight, loss.loss());
    }

    /**
     * Columns of {@code schema}, whose types decide how they are read (numbers, arrays or ML Vectors;
     * a class-wise target that is an array or Vector is a distribution). {@code weight} may be null.
     *
     * @throws IllegalArgumentException for a missing column (listing those present) or a wrong type
     */
    public static LossInputs of(StructType schema, LossSpec loss, String prediction, String target, String weight) {
        DataType p = ValueKind.field(schema, prediction).dataType();
        DataType t = ValueKind.field(schema, target).dataType();
        return of(loss, prediction, p, target, t, weight, weight == null ? null : ValueKind.field(schema, weight).dataType());
    }

    /** Inputs of the given names and types (a SQL call's arguments); {@code weight} and its type may be null. */
    static LossInputs of(LossSpec loss, String prediction, DataType predictionType, String target, DataType targetType,
                         String weight, DataType weightType) {
        if (weight != null && ValueKind.of(weight, weightType, "weight") != ValueKind.NUMBER) {
            throw new IllegalArgumentException("column '" + weight + "' (weight) has type "
                    + weightType.simpleString() + "; allowed: a number");
        }
        return new LossInputs(prediction, predictionType, target, targetType, weight, loss.loss());
    }

    public String prediction() {
        return prediction;
    }

    public String target() {
        return target;
    }

    /** The weight column, or null. */
    public String weight() {
        return weight;
    }

    public ValueKind predictionKind() {
        return predictionKind;
    }

    public ValueKind targetKind() {
        return targetKind;
    }

    /** The aggregate's input struct: {@code prediction, target[, weight]}. */
    public StructType encoderSchema() {
        return encoderSchema;
    }

    boolean weighted() {
        return weight != null;
    }
}
