package dev.xent.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * Any registered xent loss as a Spark aggregate {@link Column}, for {@code df.agg(...)} and
 * {@code df.groupBy(...).agg(...)}, and as a SQL aggregate function.
 * <pre>{@code
 * LossSpec focal = LossSpec.of("binary_focal_cross_entropy", Map.of("from_logits", true, "gamma", 2.0));
 * df.groupBy("segment").agg(LossAggregates.column(df, focal, "logit", "label", "weight").as("focal"));
 * LossAggregates.register(spark, "focal_loss", focal, LossInputs.of(focal, "logit", "label", null));
 * spark.sql("SELECT segment, focal_loss(logit, label) FROM predictions GROUP BY segment");
 * }</pre>
 * The value is the loss's reduction (parameter {@code reduction}: {@code mean}, the default, or
 * {@code sum}) with the library's denominators, as {@code loss.value(predictions, targets, weights)}
 * on the same rows: {@code sum_i s_i l_i / sum_i s_i m_i} with sample weights s and the loss's mean
 * weights m (class weights, 0 for ignored rows).
 */
public final class LossAggregates {
    /** Rows per kernel call. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;

    private LossAggregates() {
    }

    /**
     * The aggregate over columns of the usual types (numbers; for class-wise losses an
     * {@code array<double>} of predictions and a class index), bound by name.
     */
    public static Column column(LossSpec loss, String prediction, String target) {
        return column(loss, LossInputs.of(loss, prediction, target, null));
    }

    /** As {@link #column(LossSpec, String, String)} with a sample-weight column. */
    public static Column column(LossSpec loss, String prediction, String target, String weight) {
        return column(loss, LossInputs.of(loss, prediction, target, weight));
    }

    /**
     * The aggregate over columns of {@code data}, read as their types say: numbers, arrays or ML
     * Vectors, class indices or distributions. {@code weight} may be null. A missing column or a type
     * the loss cannot take is an error here, naming the column.
     */
    public static Column column(Dataset<?> data, LossSpec loss, String prediction, String target, String weight) {
        return column(loss, LossInputs.of(data.schema(), loss, prediction, target, weight));
    }

    /**
     * The aggregate over the columns {@code inputs} names: a Catalyst aggregate function
     * ({@link LossAggregateFunction}) that reads Spark's internal rows, numbers with their type's getter
     * and arrays, ML Vectors and target distributions straight into the kernel's block, without an
     * external {@code Row} per row. A null in a column is an error naming it; a column whose type the
     * loss cannot take is an analysis error naming it.
     */
    public static Column column(LossSpec loss, LossInputs inputs) {
        return LossAggregateFunction.column(loss, inputs, DEFAULT_BLOCK_ROWS);
    }

    /**
     * The loss over all rows of {@code data} with its parts, as one Spark job of one stage (see
     * {@link DatasetEvaluation}): the columns are read as their types say, as in
     * {@link #column(Dataset, LossSpec, String, String, String)}, and the value is the same. Faster than
     * {@code data.agg(column(...))} when the whole data set is evaluated (no exchange, no SQL query
     * bookkeeping); use the column for {@code groupBy} and SQL. {@code weight} may be null.
     *
     * @throws IllegalArgumentException for a missing column or a type the loss cannot take, bad data (the
     *         library's message: a NaN prediction, a probability outside [0, 1], a class index out of
     *         range, a null; naming the column and the row's values), or no rows
     */
    public static LossSummary evaluate(Dataset<?> data, LossSpec loss, String prediction, String target, String weight) {
        return evaluate(data, loss, LossInputs.of(data.schema(), loss, prediction, target, weight));
    }

    /** As {@link #evaluate(Dataset, LossSpec, String, String, String)} over the columns {@code inputs} names. */
    public static LossSummary evaluate(Dataset<?> data, LossSpec loss, LossInputs inputs) {
        return DatasetEvaluation.evaluate(data, loss, inputs);
    }

    /**
     * The aggregate function, called with {@code (prediction, target[, weight])} in this order;
     * {@code inputs} gives the types (and the column names used in error messages). It reads each row
     * as an external {@code Row}: {@link #column} and {@link #register} are faster (they read Spark's
     * internal rows); this one also runs where those cannot, e.g. on a Spark Connect session.
     */
    public static UserDefinedFunction udaf(LossSpec loss, LossInputs inputs) {
        return udaf(loss, inputs, DEFAULT_BLOCK_ROWS);
    }

    /** As {@link #udaf(LossSpec, LossInputs)} with a given number of rows per kernel call. */
    public static UserDefinedFunction udaf(LossSpec loss, LossInputs inputs, int blockRows) {
        return functions.udaf(new LossAggregator(loss, inputs, blockRows), Encoders.row(inputs.encoderSchema()))
                .withName(loss.loss().name());
    }

    /**
     * The aggregate with its parts: a struct {@code (value, weightedSum, totalWeight, rows)} (see
     * {@link LossSummary}; the struct's fields are in the bean encoder's alphabetical order, so read
     * them by name).
     */
    public static Column summary(LossSpec loss, LossInputs inputs) {
        List<Column> arguments = new ArrayList<>(List.of(functions.col(inputs.prediction()), functions.col(inputs.target())));
        if (inputs.weighted()) {
            arguments.add(functions.col(inputs.weight()));
        }
        return functions.udaf(new SummaryAggregator(loss, inputs, DEFAULT_BLOCK_ROWS), Encoders.row(inputs.encoderSchema()))
                .withName(loss.loss().name()).apply(arguments.toArray(Column[]::new));
    }

    /** {@link LossAggregator} giving a {@link LossSummary} (null for no rows). */
    private static final class SummaryAggregator extends org.apache.spark.sql.expressions.Aggregator<org.apache.spark.sql.Row, LossBuffer, LossSummary> {
        private static final long serialVersionUID = 1L;
        private final LossAggregator values;

        SummaryAggregator(LossSpec loss, LossInputs inputs, int blockRows) {
            values = new LossAggregator(loss, inputs, blockRows);
        }

        @Override
        public LossBuffer zero() {
            return values.zero();
        }

        @Override
        public LossBuffer reduce(LossBuffer buffer, org.apache.spark.sql.Row row) {
            return values.reduce(buffer, row);
        }

        @Override
        public LossBuffer merge(LossBuffer b1, LossBuffer b2) {
            return values.merge(b1, b2);
        }

        @Override
        public LossSummary finish(LossBuffer buffer) {
            buffer.drain();
            if (buffer.rows() == 0) {
                return null;
            }
            return new LossSummary(values.value(buffer), buffer.numerator(), buffer.denominator(), buffer.rows());
        }

        @Override
        public org.apache.spark.sql.Encoder<LossBuffer> bufferEncoder() {
            return values.bufferEncoder();
        }

        @Override
        public org.apache.spark.sql.Encoder<LossSummary> outputEncoder() {
            return Encoders.bean(LossSummary.class);
        }
    }

    /**
     * Registers the loss as the SQL aggregate function {@code functionName(prediction, target[, weight])}
     * of {@code spark}'s session, with its parameters fixed: e.g. {@code focal_loss(logit, label)}.
     * On a classic session this is {@link LossAggregateFunction}, which reads Spark's internal rows as
     * {@link #column} does, each call's arguments as their types say and named in errors; elsewhere
     * {@link #udaf} with the types and names of {@code inputs}.
     */
    public static void register(SparkSession spark, String functionName, LossSpec loss, LossInputs inputs) {
        if (spark instanceof org.apache.spark.sql.classic.SparkSession classic) {
            LossAggregateFunction.register(classic, functionName, loss, inputs.weighted(), DEFAULT_BLOCK_ROWS);
            return;
        }
        spark.udf().register(functionName, udaf(loss, inputs));
    }

    /**
     * Registers {@code functionName} for a loss given by name and JSON parameters, e.g.
     * {@code register(spark, "smoothed_bce", "bce", "{\"from_logits\": true, \"label_smoothing\": 0.1}",
     * schema, "logit", "label", null)}: the columns' types come from {@code schema}.
     */
    public static void register(SparkSession spark, String functionName, String lossName, String paramsJson,
                                org.apache.spark.sql.types.StructType schema, String prediction, String target,
                                String weight) {
        LossSpec loss = LossSpec.fromJson(lossName, paramsJson);
        register(spark, functionName, loss, LossInputs.of(schema, loss, prediction, target, weight));
    }
}
