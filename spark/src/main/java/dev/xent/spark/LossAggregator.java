package dev.xent.spark;

import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * A loss as a Spark {@link Aggregator} over the struct {@code (prediction, target[, weight])}: rows
 * are gathered into blocks of {@code blockRows} and evaluated by the loss's kernels one block at a
 * time; the result is the loss's reduction with the library's denominators, {@code mean =
 * sum_i s_i l_i / sum_i s_i m_i} or {@code sum = sum_i s_i l_i}. No rows give null (as SQL's avg
 * and sum); rows that all have zero weight (or are all ignored) are an error, as in the library.
 */
final class LossAggregator extends Aggregator<Row, LossBuffer, Double> {
    private static final long serialVersionUID = 1L;

    final LossSpec spec;
    final LossInputs inputs;
    private final int blockRows;

    LossAggregator(LossSpec spec, LossInputs inputs, int blockRows) {
        if (spec.loss().reduction() == Reduction.NONE) {
            throw new IllegalArgumentException(spec.loss().name()
                    + ": reduction none gives no single value; an aggregate needs reduction mean or sum");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("block rows must be at least 1, not " + blockRows);
        }
        this.spec = spec;
        this.inputs = inputs;
        this.blockRows = blockRows;
    }

    int blockRows() {
        return blockRows;
    }

    @Override
    public LossBuffer zero() {
        return new LossBuffer();
    }

    @Override
    public LossBuffer reduce(LossBuffer buffer, Row row) {
        buffer.add(row, spec.loss(), inputs, blockRows);
        return buffer;
    }

    @Override
    public LossBuffer merge(LossBuffer b1, LossBuffer b2) {
        b1.merge(b2);
        return b1;
    }

    @Override
    public Double finish(LossBuffer buffer) {
        buffer.drain();
        if (buffer.rows() == 0) {
            return null;
        }
        return value(buffer);
    }

    /** The reduced value of a drained buffer with at least one row. */
    final double value(LossBuffer buffer) {
        Loss loss = spec.loss();
        if (!buffer.anyPositiveWeight()) {
            throw new IllegalArgumentException(loss.name() + ": every sample weight in column '" + inputs.weight()
                    + "' is zero over " + buffer.rows() + " rows: there is nothing to evaluate");
        }
        if (loss.reduction() == Reduction.SUM) {
            return buffer.numerator();
        }
        return buffer.numerator() / ReductionRules.requireSomethingToAverage(loss.name(), buffer.denominator());
    }

    @Override
    public Encoder<LossBuffer> bufferEncoder() {
        return Encoders.javaSerialization(LossBuffer.class);
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }
}
