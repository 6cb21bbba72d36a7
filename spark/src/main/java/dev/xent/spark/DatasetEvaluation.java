package dev.xent.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * A loss over a whole Dataset as one Spark job of one stage: each partition's internal rows go into a
 * {@link LossBuffer} ({@link InternalRowReader}, the aggregate column's reading), and the partitions'
 * sums are merged on the driver, in partition order. The aggregate column ({@link LossAggregates#column}) plans a partial
 * aggregate, an exchange and a final aggregate, and a SQL query's bookkeeping (the plan's description
 * for listeners, adaptive re-planning after the exchange): on a few million rows that fixed cost is a
 * large part of the time. The value is the same: the same blocks, kernels and compensated sums.
 */
final class DatasetEvaluation {
    private DatasetEvaluation() {
    }

    static LossSummary evaluate(Dataset<?> data, LossSpec loss, LossInputs inputs) {
        LossAggregator values = new LossAggregator(loss, inputs, LossAggregates.DEFAULT_BLOCK_ROWS);
        List<Column> columns = new ArrayList<>(List.of(functions.col(inputs.prediction()), functions.col(inputs.target())));
        if (inputs.weighted()) {
            columns.add(functions.col(inputs.weight()));
        }
        Dataset<Row> selected = data.select(columns.toArray(Column[]::new));
        if (!(selected instanceof org.apache.spark.sql.classic.Dataset<Row> classic)) {
            return summaryAggregate(selected, loss, inputs); // e.g. Spark Connect: no internal rows here
        }
        ArrayList<Expression> arguments = new ArrayList<>();
        StructField[] fields = selected.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            arguments.add(new BoundReference(i, fields[i].dataType(), fields[i].nullable()));
        }
        LossBuffer total = values.zero();
        try {
            RDD<InternalRow> rows = classic.queryExecution().toRdd();
            Object[] partitions = (Object[]) rows.sparkContext().runJob(rows, new PartitionLoss(values, arguments),
                    ClassTag$.MODULE$.apply(LossBuffer.class));
            for (Object partition : partitions) {
                values.merge(total, (LossBuffer) partition);
            }
        } catch (Exception e) { // Scala code throws SparkException (checked) undeclared
            throw e instanceof SparkException failed ? dataError(failed) : (RuntimeException) e;
        }
        if (total.rows() == 0) {
            throw noRows(loss);
        }
        return new LossSummary(values.value(total), total.numerator(), total.denominator(), total.rows());
    }

    /**
     * One partition's buffer, drained. A named class, not a lambda: Spark's closure cleaner reads the
     * byte code of every lambda it is given (and of the lambdas of {@code mapPartitions} and
     * {@code fold}), which profiles showed as 60% of the driver's time per evaluation.
     */
    private static final class PartitionLoss extends AbstractFunction2<TaskContext, scala.collection.Iterator<InternalRow>, LossBuffer>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final LossAggregator values;
        private final ArrayList<Expression> arguments;

        PartitionLoss(LossAggregator values, ArrayList<Expression> arguments) {
            this.values = values;
            this.arguments = arguments;
        }

        @Override
        public LossBuffer apply(TaskContext context, scala.collection.Iterator<InternalRow> rows) {
            InternalRowReader reader = new InternalRowReader(values, arguments);
            LossBuffer buffer = values.zero();
            while (rows.hasNext()) {
                reader.add(buffer, rows.next());
            }
            buffer.drain();
            return buffer;
        }
    }

    private static LossSummary summaryAggregate(Dataset<Row> selected, LossSpec loss, LossInputs inputs) {
        Row summary = selected.agg(LossAggregates.summary(loss, inputs).as("s")).first().getStruct(0);
        if (summary == null) {
            throw noRows(loss);
        }
        return new LossSummary(summary.getAs("value"), summary.getAs("weightedSum"), summary.getAs("totalWeight"),
                summary.getAs("rows"));
    }

    private static IllegalArgumentException noRows(LossSpec loss) {
        return new IllegalArgumentException(loss.loss().name() + ": the data set has no rows: there is nothing to evaluate");
    }

    /** A task's failure on bad data as the library's one-line error (the cause's message), else as it is. */
    private static RuntimeException dataError(SparkException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException bad) {
                return new IllegalArgumentException(bad.getMessage(), e);
            }
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}
