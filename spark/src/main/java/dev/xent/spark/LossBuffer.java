package dev.xent.spark;

import dev.xent.core.Loss;
import dev.xent.core.numeric.CompensatedSum;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import org.apache.spark.sql.Row;

/**
 * The aggregation buffer of a loss aggregate: the compensated numerator {@code sum_i s_i l_i} and
 * denominator {@code sum_i s_i m_i}, the row count, whether any weight was positive, and a block of
 * rows not yet passed to the kernel. Serialized (between partial and final aggregation, or when Spark
 * spills) as the sums only: the pending block is evaluated first.
 */
public final class LossBuffer implements Externalizable {
    private static final long serialVersionUID = 1L;

    private final CompensatedSum numerator = new CompensatedSum();
    private final CompensatedSum denominator = new CompensatedSum();
    private long rows;
    private boolean anyPositiveWeight;
    private transient RowBlock block;
    private transient Loss loss;

    /** For deserialization only. */
    public LossBuffer() {
        // Externalizable needs a public no-argument constructor.
    }

    /** Adds one input row, evaluating the block when it is full. */
    void add(Row row, Loss rowLoss, LossInputs inputs, int blockRows) {
        block(rowLoss, inputs, blockRows).add(row);
        added();
    }

    /** The block that takes the next row (made on first use); call {@link #added()} once the row is in it. */
    RowBlock block(Loss rowLoss, LossInputs inputs, int blockRows) {
        if (block == null) {
            loss = rowLoss;
            block = new RowBlock(inputs, rowLoss.inputSpace().isClassWise(), blockRows);
        }
        return block;
    }

    /** Counts the row just placed in {@link #block}, evaluating the block when it is full. */
    void added() {
        rows++;
        if (block.isFull()) {
            drain();
        }
    }

    /** Evaluates the pending rows, if any. */
    void drain() {
        if (block != null && !block.isEmpty()) {
            anyPositiveWeight |= block.drainInto(loss, numerator, denominator);
        }
    }

    /** Adds another buffer's sums (both drained first). */
    void merge(LossBuffer other) {
        drain();
        other.drain();
        numerator.add(other.numerator.value());
        denominator.add(other.denominator.value());
        rows += other.rows;
        anyPositiveWeight |= other.anyPositiveWeight;
    }

    long rows() {
        return rows;
    }

    boolean anyPositiveWeight() {
        return anyPositiveWeight;
    }

    double numerator() {
        return numerator.value();
    }

    double denominator() {
        return denominator.value();
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        drain();
        out.writeDouble(numerator.value());
        out.writeDouble(denominator.value());
        out.writeLong(rows);
        out.writeBoolean(anyPositiveWeight);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        numerator.add(in.readDouble());
        denominator.add(in.readDouble());
        rows = in.readLong();
        anyPositiveWeight = in.readBoolean();
    }
}
