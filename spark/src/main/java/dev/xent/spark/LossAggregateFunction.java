package dev.xent.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A loss aggregate as a Catalyst aggregate function that reads Spark's internal rows: numbers with
 * their type's getter ({@link InternalArgument}), predictions as arrays or ML Vectors and target
 * distributions copied from Spark's internal arrays straight into the block ({@link InternalValues}).
 * The typed {@code Aggregator} path instead deserializes every row into an external object (a
 * {@code Row} with boxed values, a sequence per array, a Vector object per Vector), which cost more
 * than the kernel. Buffer, blocks, compensated sums and value are those of {@link LossAggregator}.
 * Children: {@code prediction, target[, weight]}, bound by name.
 */
public final class LossAggregateFunction extends TypedImperativeAggregate<LossBuffer> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final LossAggregator values;
    private final scala.collection.immutable.Seq<Expression> children;
    private final int mutableAggBufferOffset;
    private final int inputAggBufferOffset;
    private transient InternalRowReader reader;

    /** The constructor Spark's tree copies call (arguments as {@link #productElement}). */
    public LossAggregateFunction(LossAggregator values, scala.collection.immutable.Seq<Expression> children,
                              Integer mutableAggBufferOffset, Integer inputAggBufferOffset) {
        this.values = values;
        this.children = children;
        this.mutableAggBufferOffset = mutableAggBufferOffset;
        this.inputAggBufferOffset = inputAggBufferOffset;
    }

    /** The aggregate column over the columns {@code inputs} names. */
    static Column column(LossSpec loss, LossInputs inputs, int blockRows) {
        List<Expression> arguments = new ArrayList<>(List.of(expression(inputs.prediction()), expression(inputs.target())));
        if (inputs.weighted()) {
            arguments.add(expression(inputs.weight()));
        }
        LossAggregateFunction aggregate = new LossAggregateFunction(new LossAggregator(loss, inputs, blockRows),
                CollectionConverters.asScala(arguments).toSeq(), 0, 0);
        return ExpressionUtils.column(aggregate.toAggregateExpression());
    }

    /**
     * Registers the aggregate as the SQL function {@code functionName(prediction, target[, weight])} of
     * {@code spark}'s session ({@code weighted}: with the third argument). Each call is read as its
     * arguments' types say (arrays or ML Vectors, a class index or a distribution), and errors name
     * its arguments (a column's name, or the expression's SQL), not the columns of the registration.
     */
    static void register(SparkSession spark, String functionName, LossSpec loss, boolean weighted, int blockRows) {
        int arity = weighted ? 3 : 2;
        spark.sessionState().functionRegistry().createOrReplaceTempFunction(functionName, arguments -> {
            if (arguments.size() != arity) {
                throw new IllegalArgumentException(functionName + " takes " + arity + " arguments (prediction, target"
                        + (weighted ? ", weight" : "") + "), not " + arguments.size());
            }
            Expression p = arguments.apply(0);
            Expression t = arguments.apply(1);
            Expression w = weighted ? arguments.apply(2) : null;
            LossInputs inputs = LossInputs.of(loss, argumentName(p), p.dataType(), argumentName(t), t.dataType(),
                    w == null ? null : argumentName(w), w == null ? null : w.dataType());
            return new LossAggregateFunction(new LossAggregator(loss, inputs, blockRows), arguments, 0, 0);
        }, "scala_udf");
    }

    /** A SQL argument's name for messages: its column's name, or its SQL text. */
    private static String argumentName(Expression argument) {
        return argument instanceof NamedExpression named ? named.name() : argument.sql();
    }

    private static Expression expression(String column) {
        return ExpressionUtils.expression(functions.col(column));
    }

    @Override
    public TypeCheckResult checkInputDataTypes() {
        LossInputs inputs = values.inputs;
        try {
            LossInputs actual = LossInputs.of(values.spec, inputs.prediction(), children.apply(0).dataType(),
                    inputs.target(), children.apply(1).dataType(), inputs.weight(),
                    inputs.weighted() ? children.apply(2).dataType() : null);
            if ((actual.targetKind() == ValueKind.NUMBER) != (inputs.targetKind() == ValueKind.NUMBER)) {
                throw new IllegalArgumentException("column '" + inputs.target() + "' (target) is a "
                        + actual.targetKind().display() + " but the aggregate was made for a "
                        + inputs.targetKind().display()
                        + "; make it with LossAggregates.column(Dataset, ...) to take the column's type");
            }
        } catch (IllegalArgumentException e) {
            return new TypeCheckResult.TypeCheckFailure(e.getMessage());
        }
        return TypeCheckResult.TypeCheckSuccess$.MODULE$;
    }

    @Override
    public LossBuffer createAggregationBuffer() {
        return values.zero();
    }

    @Override
    public LossBuffer update(LossBuffer buffer, InternalRow input) {
        if (reader == null) { // once per task: the field is transient
            reader = new InternalRowReader(values, CollectionConverters.asJava(children));
        }
        reader.add(buffer, input);
        return buffer;
    }

    @Override
    public LossBuffer merge(LossBuffer buffer, LossBuffer input) {
        return values.merge(buffer, input);
    }

    @Override
    public Object eval(LossBuffer buffer) {
        return values.finish(buffer);
    }

    @Override
    public byte[] serialize(LossBuffer buffer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            buffer.writeExternal(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public LossBuffer deserialize(byte[] bytes) {
        LossBuffer buffer = new LossBuffer();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            buffer.readExternal(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    @Override
    public int mutableAggBufferOffset() {
        return mutableAggBufferOffset;
    }

    @Override
    public LossAggregateFunction withNewMutableAggBufferOffset(int offset) {
        return new LossAggregateFunction(values, children, offset, inputAggBufferOffset);
    }

    @Override
    public int inputAggBufferOffset() {
        return inputAggBufferOffset;
    }

    @Override
    public LossAggregateFunction withNewInputAggBufferOffset(int offset) {
        return new LossAggregateFunction(values, children, mutableAggBufferOffset, offset);
    }

    @Override
    public scala.collection.immutable.Seq<Expression> children() {
        return children;
    }

    @Override
    public LossAggregateFunction withNewChildrenInternal(scala.collection.immutable.IndexedSeq<Expression> newChildren) {
        return new LossAggregateFunction(values, newChildren, mutableAggBufferOffset, inputAggBufferOffset);
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public String prettyName() {
        return values.spec.loss().name();
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> values;
            case 1 -> children;
            case 2 -> mutableAggBufferOffset;
            case 3 -> inputAggBufferOffset;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof LossAggregateFunction;
    }

    /** Equal when made by the same aggregator over equal children (Spark compares plans' expressions). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LossAggregateFunction other && other.values == values
                && other.children.equals(children) && other.mutableAggBufferOffset == mutableAggBufferOffset
                && other.inputAggBufferOffset == inputAggBufferOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(values), children, mutableAggBufferOffset, inputAggBufferOffset);
    }
}
