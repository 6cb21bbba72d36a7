package dev.xent.cli.evaluate;

import dev.xent.autodiff.Graph;
import dev.xent.cli.BadInputException;
import dev.xent.cli.data.Block;
import dev.xent.cli.data.BlockReader;
import dev.xent.cli.data.NonFiniteLosses;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A loss over a file too large for memory, one block of rows at a time, giving the same value as
 * {@link Loss#value} on the whole file (to rounding; both sums are compensated).
 *
 * <p>Per block it takes the loss's own {@link Loss#perSample} and {@link Loss#meanWeights} and
 * accumulates, as {@link Reduction} defines, the numerator {@code sum_i s_i l_i} and the denominator
 * {@code sum_i s_i m_i} with Neumaier sums. The gradient of the whole-file value cannot be written
 * before the global denominator is known, so each block's un-normalised gradient
 * {@code d(sum_block s_i l_i)/dp} (the loss's {@link Loss#gradient} times the block's denominator,
 * or the autodiff graph for a block with nothing to average) goes to a binary scratch stream, which
 * {@link Result#writeGradient} later divides by the global denominator.
 *
 * <p>Memory: one block of B rows with K prediction columns holds about {@code 8 B (5K + 3)} bytes
 * (predictions, targets, weights, per-sample losses, gradient and its copy); with the default
 * B = 32768 that is 2 MB for K = 1 and 14 MB for K = 10, whatever the file's size. The CSV reader
 * adds its 256 KiB read buffers (those that records read ahead still refer to) and at most eight
 * chunks of 4096 records read ahead in its two stages (see
 * {@code dev.xent.cli.io.ReadAhead}). B is kept at 32768 so that a block's arrays for K = 1 (256 KB)
 * stay below G1's humongous-object size with a small heap (half a 1 MB region at -Xmx256m): larger
 * arrays are allocated in the old generation and made the collector run far more often.
 */
public final class StreamingEvaluation {
    /** Rows per block by default. */
    public static final int DEFAULT_BLOCK_ROWS = 32768;

    private final Loss loss;
    private final int blockRows;

    public StreamingEvaluation(Loss loss, int blockRows) {
        this.loss = loss;
        this.blockRows = blockRows;
    }

    /** Receives each block's per-row losses (summed over a row's elements, before weighting). */
    @FunctionalInterface
    public interface RowLosses {
        void accept(double[] rowLosses) throws IOException;
    }

    /**
     * Reads every block; writes per-row losses to {@code perSample} (if not null) and the
     * un-normalised gradient as raw doubles to {@code gradientScratch} (if not null).
     */
    public Result run(BlockReader reader, RowLosses perSample, OutputStream gradientScratch) throws IOException {
        CompensatedSum numerator = new CompensatedSum();
        CompensatedSum denominator = new CompensatedSum();
        // A mean's weights in the unit 2^-unit of SampleWeights.meanExponent of the largest so far: its sums stay finite.
        boolean scaled = loss.reduction() == Reduction.MEAN;
        double largestWeight = 0;
        int unit = 0;
        GradientUnits gradientUnits = new GradientUnits();
        boolean anyPositiveWeight = false;
        long firstInfiniteLine = 0;
        DataOutputStream gradientOut = gradientScratch == null ? null
                : new DataOutputStream(new BufferedOutputStream(gradientScratch, 1 << 16));
        Block block;
        while ((block = reader.next(blockRows)) != null) {
            Tensor predictions = block.predictionsInContext();
            Tensor targets = block.targetsInContext();
            Tensor losses = loss.perSample(predictions, targets);
            Tensor meanWeights = loss.meanWeights(predictions, targets).orElse(null);
            int perRow = losses.size() / predictions.rows();
            int skipped = block.contextRows() * perRow;
            double[] rowLosses = new double[block.rows()];
            CompensatedSum blockDenominator = new CompensatedSum();
            boolean blockHasWeight = false;
            for (int r = 0; scaled && r < block.rows(); r++) {
                largestWeight = Math.max(largestWeight, block.weight(r));
            }
            int blockUnit = SampleWeights.meanExponent(largestWeight);
            numerator.scalb(blockUnit - unit);
            denominator.scalb(blockUnit - unit);
            unit = blockUnit;
            double unitFactor = Math.scalb(1.0, unit);
            for (int r = 0; r < block.rows(); r++) {
                double s = block.weight(r) * unitFactor;
                blockHasWeight |= s > 0;
                CompensatedSum rowLoss = new CompensatedSum();
                for (int j = skipped + r * perRow; j < skipped + (r + 1) * perRow; j++) {
                    double l = losses.getFlat(j);
                    if (!NonFiniteLosses.justifiedLoss(loss.inputSpace(), l, block.predictions(), r)) {
                        throw NonFiniteLosses.unjustified(loss, "loss", l,
                                reader.fileName() + " line " + block.lines()[r]);
                    }
                    if (!Double.isFinite(l)) {
                        firstInfiniteLine = firstInfiniteLine == 0 ? block.lines()[r] : firstInfiniteLine;
                    }
                    rowLoss.add(l);
                    numerator.add(s * l);
                    double m = s * (meanWeights == null ? 1.0 : meanWeights.getFlat(j));
                    denominator.add(m);
                    blockDenominator.add(m);
                }
                rowLosses[r] = rowLoss.value();
            }
            anyPositiveWeight |= blockHasWeight;
            if (perSample != null) {
                perSample.accept(rowLosses);
            }
            if (gradientOut != null) {
                Tensor raw = unnormalisedGradient(block, blockDenominator.value(), blockHasWeight, unitFactor);
                int width = raw.size() / block.rows();
                for (int i = 0; i < raw.size(); i++) {
                    double g = raw.getFlat(i);
                    if (!NonFiniteLosses.justifiedGradient(loss.inputSpace(), g, block.predictions(), i / width)) {
                        throw NonFiniteLosses.unjustified(loss, "gradient", g,
                                reader.fileName() + " line " + block.lines()[i / width]);
                    }
                    gradientOut.writeDouble(g);
                }
                gradientUnits.add(block.rows(), unit);
            }
        }
        if (gradientOut != null) {
            gradientOut.flush();
        }
        if (reader.rowsRead() == 0) {
            throw new BadInputException("the data file has a header but no data rows");
        }
        if (!anyPositiveWeight) {
            throw new BadInputException("every sample weight is zero: there is nothing to evaluate");
        }
        Double value = switch (loss.reduction()) {
            case MEAN -> {
                try {
                    yield numerator.value() / ReductionRules.requireSomethingToAverage(loss.name(), denominator.value());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage(), e);
                }
            }
            case SUM -> numerator.value();
            case NONE -> null;
        };
        return new Result(reader.rowsRead(), value, Math.scalb(numerator.value(), -unit),
                Math.scalb(denominator.value(), -unit), loss.reduction() == Reduction.MEAN ? denominator.value() : 1.0,
                firstInfiniteLine, gradientUnits.relativeTo(unit));
    }

    /**
     * {@code d(sum_block s_i l_i) / dp} for one block, for a mean in the unit of its scaled denominator
     * (the weights times {@code unitFactor}).
     */
    private Tensor unnormalisedGradient(Block block, double blockDenominator, boolean blockHasWeight,
                                        double unitFactor) {
        if (block.context() != null) {
            // Valid only next to its context, so the loss's own methods (which validate) cannot take it alone.
            return scaled(graphGradient(block), unitFactor);
        }
        if (loss.reduction() != Reduction.MEAN) {
            // For sum and none the loss's gradient is already d(sum_i s_i l_i)/dp.
            return blockHasWeight ? loss.gradient(block.predictions(), block.targets(), block.weights())
                    : Tensor.zeros(block.predictions().shape());
        }
        if (blockHasWeight && blockDenominator > 0) {
            Tensor mean = loss.gradient(block.predictions(), block.targets(), block.weights());
            double[] values = mean.toArray();
            for (int i = 0; i < values.length; i++) {
                values[i] *= blockDenominator;
            }
            return Tensor.wrap(values, mean.shape());
        }
        return scaled(graphGradient(block), unitFactor);
    }

    private static Tensor scaled(Tensor gradient, double factor) {
        if (factor == 1.0) {
            return gradient;
        }
        double[] values = gradient.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return Tensor.wrap(values, gradient.shape());
    }

    /**
     * The unit ({@code 2^-unit}) of each block's scaled gradient as written: a block written before a
     * larger weight arrived is in a finer unit than the final denominator, by {@code shifts[b]} binary
     * orders of magnitude.
     */
    private static final class GradientUnits {
        private final List<long[]> blocks = new java.util.ArrayList<>();

        void add(int rows, int unit) {
            blocks.add(new long[] {rows, unit});
        }

        /** Per block: its rows and the power of two that brings its values to the final unit. */
        long[][] relativeTo(int finalUnit) {
            long[][] shifts = new long[blocks.size()][];
            for (int b = 0; b < shifts.length; b++) {
                shifts[b] = new long[] {blocks.get(b)[0], finalUnit - blocks.get(b)[1]};
            }
            return shifts;
        }
    }

    /**
     * The un-normalised gradient from the autodiff graph (which does not validate), for a block whose
     * own mean is undefined or that is valid only in its context.
     */
    private Tensor graphGradient(Block block) {
        Node p = Graph.variable(block.predictions());
        Node losses = loss.graph(p, Graph.constant(block.targets()));
        Optional<Tensor> weights = Optional.ofNullable(block.weights());
        Node weighted = weights.map(w -> losses.mul(p.constant(losses.shape().length == 2
                ? w.reshape(w.size(), 1) : w))).orElse(losses);
        weighted.sum().backward();
        return p.gradient();
    }

    /**
     * The outcome of a streamed evaluation.
     *
     * @param rows        data rows read
     * @param value       the reduced value (null for reduction none)
     * @param weightedSum {@code sum_i s_i l_i}
     * @param totalWeight {@code sum_i s_i m_i}
     * @param gradientScale what the un-normalised gradient is divided by (the total weight for mean, else 1,
     *                    in the unit of the scaled weights)
     * @param firstInfiniteLine the data file line of the first row whose loss is +inf on the edge of the
     *                    input space (see {@link NonFiniteLosses}), or 0 when every loss is finite
     * @param blockUnits  per block of the gradient: its rows and the power of two that brings it to that unit
     */
    public record Result(long rows, Double value, double weightedSum, double totalWeight, double gradientScale,
                         long firstInfiniteLine, long[][] blockUnits) {

        /**
         * Writes the gradient CSV from the scratch stream: the {@code header} and one
         * row per data row.
         */
        public void writeGradient(InputStream scratch, BufferedWriter out, List<String> header)
                throws IOException {
            out.write(String.join(",", header));
            out.newLine();
            int width = header.size();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(scratch, 1 << 16))) {
                StringBuilder line = new StringBuilder();
                int block = 0;
                long blockEnd = blockUnits.length == 0 ? rows : blockUnits[0][0];
                for (long r = 0; r < rows; r++) {
                    line.setLength(0);
                    while (r >= blockEnd && block + 1 < blockUnits.length) {
                        blockEnd += blockUnits[++block][0];
                    }
                    int shift = blockUnits.length == 0 ? 0 : (int) blockUnits[block][1];
                    for (int c = 0; c < width; c++) {
                        if (c > 0) {
                            line.append(',');
                        }
                        line.append(Math.scalb(in.readDouble(), shift) / gradientScale);
                    }
                    out.write(line.toString());
                    out.newLine();
                }
            }
        }
    }
}
