package dev.xent.spark;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * Puts Spark's internal rows into a {@link LossBuffer}'s block: the prediction, target and (when
 * weighted) weight are the values of {@code arguments} in that order, numbers read with their type's
 * getter ({@link InternalArgument}), arrays, ML Vectors and target distributions copied straight into
 * the block ({@link InternalValues}). Shared by the Catalyst aggregate ({@link LossAggregateFunction},
 * whose arguments are its bound children) and {@link DatasetEvaluation} (whose arguments are the
 * ordinals of the selected columns). Made on the executor, once per task.
 */
final class InternalRowReader {
    private static final String[] ROLES = {"prediction", "target", "weight"};

    private final LossAggregator values;
    private final LossInputs inputs;
    private final InternalArgument[] arguments;
    private final InternalValues predictionReader;
    private final InternalValues targetReader;

    InternalRowReader(LossAggregator values, List<Expression> arguments) {
        this.values = values;
        this.inputs = values.inputs;
        String[] columns = {inputs.prediction(), inputs.target(), inputs.weight()};
        this.arguments = new InternalArgument[arguments.size()];
        for (int i = 0; i < this.arguments.length; i++) {
            this.arguments[i] = new InternalArgument(arguments.get(i), columns[i], ROLES[i]);
        }
        predictionReader = inputs.predictionKind() == ValueKind.NUMBER ? null
                : InternalValues.of(inputs.prediction(), arguments.get(0).dataType());
        targetReader = inputs.targetKind() == ValueKind.NUMBER ? null
                : InternalValues.of(inputs.target(), arguments.get(1).dataType());
    }

    /** Adds one row to {@code buffer}, evaluating its block when full. */
    void add(LossBuffer buffer, InternalRow input) {
        double weight = inputs.weighted() ? arguments[2].number(input) : 1.0;
        RowBlock block = buffer.block(values.spec.loss(), inputs, values.blockRows());
        if (predictionReader == null) {
            block.add(arguments[0].number(input), arguments[1].number(input), weight);
            buffer.added();
            return;
        }
        predictionReader.copyPrediction(arguments[0].value(input), block);
        if (targetReader == null) {
            block.endClassRow(arguments[1].number(input), weight);
        } else {
            targetReader.copyTarget(arguments[1].value(input), block);
            block.endClassRow(Double.NaN, weight);
        }
        buffer.added();
    }
}
