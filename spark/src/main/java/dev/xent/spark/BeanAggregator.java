package dev.xent.spark;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * {@link LossAggregator} over {@link NumberRow}s: the same buffer, blocks and
 * value, with an input Spark deserializes into a bean of primitive doubles instead of an external
 * {@code Row} (the weight is 1 when the aggregate has no weight column).
 */
final class BeanAggregator extends Aggregator<NumberRow, LossBuffer, Double> {
    private static final long serialVersionUID = 1L;

    private final LossAggregator values;
    private final int blockRows;

    BeanAggregator(LossSpec loss, LossInputs inputs, int blockRows) {
        values = new LossAggregator(loss, inputs, blockRows);
        this.blockRows = blockRows;
    }

    @Override
    public LossBuffer zero() {
        return values.zero();
    }

    @Override
    public LossBuffer reduce(LossBuffer buffer, NumberRow row) {
        buffer.add(row, values.spec.loss(), values.inputs, blockRows);
        return buffer;
    }

    @Override
    public LossBuffer merge(LossBuffer b1, LossBuffer b2) {
        return values.merge(b1, b2);
    }

    @Override
    public Double finish(LossBuffer buffer) {
        return values.finish(buffer);
    }

    @Override
    public Encoder<LossBuffer> bufferEncoder() {
        return values.bufferEncoder();
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }
}
