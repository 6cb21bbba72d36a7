package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.numeric.StableMath;
import java.util.Arrays;

/**
 * {@link ClassWiseKernel} specialised to the common case: plain cross-entropy on logits with class-index
 * targets and no label smoothing (class weights and {@code ignore_index} allowed). Row {@code i} with
 * target {@code y} and weight {@code w = w_y} (0 if ignored) has {@code l_i = w (log(1 + s) - z_y)} and
 * gradient {@code w (p_c - [c = y])}, with the general kernel's formulas and order of operations, so
 * its results have the same bits: {@code z_c = x_c - m} (0 where {@code x_c == m}, the row maximum,
 * first occurrence {@code k}) with its rounding error {@code d_c}, {@code s = sum_{c != k} exp(z_c) (1 + d_c)}
 * (compensated), {@code p_c = exp(z_c) (1 + d_c) / (1 + s)},
 * and for class {@code k} the gradient {@code [k != y] w - (s / (1 + s)) w}, which keeps a confident
 * row's precision.
 *
 * <p>Rows are taken a block at a time, so that the exponentials of a whole block are one array pass
 * of {@link Math#exp}. With the vector kernels enabled, {@link IndexLogitsVectorKernel} does the same
 * with one row per vector lane (within about an ulp of this kernel: its {@code exp} rounds differently).
 */
final class IndexLogitsKernel {
    /** Elements per block: the scratch (2 blocks of 4 KB and a sum per row, kept per thread) stays in L1. */
    private static final int BLOCK_ELEMENTS = 512;

    private final ClassWiseOptions options;
    private final boolean vector;
    private final int minVectorElements;

    /** With {@code vector}, calls of at least {@code minVectorElements} elements run {@link IndexLogitsVectorKernel}. */
    IndexLogitsKernel(ClassWiseOptions options, boolean vector, int minVectorElements) {
        this.options = options;
        this.vector = vector;
        this.minVectorElements = minVectorElements;
    }

    /** Whether this kernel computes what {@link ClassWiseKernel} would for these targets and term. */
    static boolean appliesTo(ClassWiseOptions options, ClassTerm term, Tensor targets) {
        return options.fromLogits && targets.rank() == 1 && options.labelSmoothing == 0.0
                && term == CrossEntropyTerm.INSTANCE;
    }

    /**
     * A row's class index, or -1 if it has the {@code ignore_index}; {@link TargetRowRejected} if it is
     * neither an integer in {@code [0, classes)} nor the {@code ignore_index} (validation's check of a class
     * index, made as the kernel reads it: {@link ClassWiseKernel#checksTargets}).
     */
    int target(double y, int classes) {
        if (options.ignoreIndex != null && y == options.ignoreIndex) {
            return -1;
        }
        if (!(y >= 0 && y < classes && y == Math.rint(y))) {
            throw new TargetRowRejected();
        }
        return (int) y;
    }

    /** The weight {@code w_y} of a row's target class: its class weight, 1 without them, 0 if ignored. */
    double weight(int target) {
        return target < 0 ? 0.0 : options.classWeights == null ? 1.0 : options.classWeights[target];
    }

    /**
     * As {@link ClassWiseKernel#run}, but checks the logits for NaN as it reads them: throws
     * {@link NaNLogitFound} (having written part of the outputs, perhaps) if there is one.
     */
    double run(Tensor logits, Tensor targets, SampleWeights sampleWeights, double denominator, int grain,
               double[] perSampleOut, double[] gradientOut) {
        int rows = logits.dim(0);
        int classes = logits.dim(1);
        boolean vectorCall = vector && logits.size() >= minVectorElements;
        return ChunkedSum.sum(rows, grain, (from, to, sum) -> {
            if (vectorCall) {
                // The vector class is touched only here, and only when enabled: without the module it never loads.
                new IndexLogitsVectorKernel(this, classes)
                        .accumulate(logits, targets, sampleWeights, denominator, from, to, sum, perSampleOut, gradientOut);
                return;
            }
            Block block = new Block(classes, to - from);
            for (int start = from; start < to; start += block.rows) {
                block.run(logits, targets, sampleWeights, denominator, start, Math.min(to, start + block.rows), sum,
                        perSampleOut, gradientOut);
            }
        });
    }

    /** One chunk's view of this thread's scratch ({@link KernelScratch}), reused across the chunk's blocks. */
    private final class Block {
        private final int classes;
        private final int rows;
        private final double[] shifted;
        private final double[] exps;
        private final int[] argMax;
        private final double[] othersSums;
        private final CompensatedSum othersScratch = new CompensatedSum();

        /** Scratch for blocks of up to {@code chunkRows} rows (small inputs get small scratch). */
        Block(int classes, int chunkRows) {
            this.classes = classes;
            this.rows = Math.min(chunkRows, Math.max(1, BLOCK_ELEMENTS / classes));
            this.shifted = KernelScratch.doubles(0, rows * classes);
            this.exps = KernelScratch.doubles(1, rows * classes);
            this.argMax = KernelScratch.ints(0, rows);
            this.othersSums = KernelScratch.doubles(2, rows);
        }

        void run(Tensor logits, Tensor targets, SampleWeights sampleWeights, double denominator, int from, int to,
                 CompensatedSum sum, double[] perSampleOut, double[] gradientOut) {
            int count = (to - from) * classes;
            logits.copyTo(from * classes, exps, 0, count); // the logits, until exponentials() replaces them
            for (int r = 0; r < to - from; r++) {
                shiftByMaximum(r);
            }
            exponentials(to - from);
            for (int r = 0; r < to - from; r++) {
                // One pass of independent compensated sums: the rows' TwoSum chains overlap in the pipeline.
                othersSums[r] = othersSum(r);
            }
            for (int r = 0; r < to - from; r++) {
                int row = from + r;
                double s = sampleWeights.get(row);
                int target = target(targets.getFlat(row), classes);
                double w = weight(target);
                double others = othersSums[r];
                if (Double.isNaN(others)) { // a -inf logit (a NaN stopped the kernel before): see shiftByMaximum
                    others = exponentialsWithNegativeInfinities(logits, row, r);
                }
                double loss = w == 0 ? 0.0 : rowLoss(logits, row, r, target, w, others);
                if (perSampleOut != null) {
                    perSampleOut[row] = loss;
                }
                if (s != 0) {
                    sum.add(s * loss);
                }
                if (gradientOut != null) {
                    double scale = s / denominator;
                    if (w == 0 || scale == 0) {
                        Arrays.fill(gradientOut, row * classes, (row + 1) * classes, 0.0);
                    } else {
                        gradient(r, target, w, others, scale, gradientOut, row * classes);
                    }
                }
            }
        }

        /**
         * {@code shifted[r] = x - max} (x from {@code exps}, which then holds the shift's rounding error) and
         * the first largest class. Branch-free where the data is random:
         * the maximum by four interleaved {@link Math#max} chains (HotSpot compiles double selects to
         * branches, which mispredict), then the first index by a scan. A
         * finite maximum makes {@code x - max} exactly 0 where {@code x == max}, as
         * {@link StableMath#shift} does; only an infinite one needs that rule. The rounding error is
         * {@link StableMath#shiftError}'s TwoSum, 0 with an infinite maximum; where the shift is {@code -inf}
         * it is NaN here, and {@link #exponentialsWithNegativeInfinities} redoes the row.
         */
        private void shiftByMaximum(int r) {
            int base = r * classes;
            double m0 = Double.NEGATIVE_INFINITY;
            double m1 = Double.NEGATIVE_INFINITY;
            double m2 = Double.NEGATIVE_INFINITY;
            double m3 = Double.NEGATIVE_INFINITY;
            int c = 0;
            for (; c + 3 < classes; c += 4) {
                m0 = Math.max(m0, exps[base + c]);
                m1 = Math.max(m1, exps[base + c + 1]);
                m2 = Math.max(m2, exps[base + c + 2]);
                m3 = Math.max(m3, exps[base + c + 3]);
            }
            for (; c < classes; c++) {
                m0 = Math.max(m0, exps[base + c]);
            }
            double max = Math.max(Math.max(m0, m1), Math.max(m2, m3));
            if (Double.isNaN(max)) { // Math.max passes a NaN on: the row holds one
                throw new NaNLogitFound();
            }
            int k = 0;
            while (exps[base + k] != max) { // the first largest class (one mispredicted branch per row)
                k++;
            }
            argMax[r] = k;
            if (Double.isInfinite(max)) {
                shiftByInfiniteMaximum(base, max);
                return;
            }
            // A plain array loop, which C2 compiles to vector instructions: no select. Where x = -inf the
            // TwoSum gives NaN (-inf - -inf); othersSum() then finds the row's sum NaN and redoes the row.
            for (c = 0; c < classes; c++) {
                double x = exps[base + c];
                double z = x - max;
                double maxPart = z - x;
                shifted[base + c] = z;
                exps[base + c] = (x - (z - maxPart)) + (-max - maxPart);
            }
        }

        /** The shift's rule where the maximum is infinite: 0 where {@code x == max}, no rounding error. */
        private void shiftByInfiniteMaximum(int base, double max) {
            for (int c = 0; c < classes; c++) {
                shifted[base + c] = StableMath.shift(exps[base + c], max);
                exps[base + c] = 0.0;
            }
        }

        /**
         * {@code exps = exp(z + d)} as {@code e + e d} for {@code e = exp(z)}, {@code z} the shift and {@code d}
         * its rounding error (in {@code exps} until here), then 0 at each row's largest class (its exp is
         * exactly 1 and not part of {@code s}; the gradient does not read it).
         */
        private void exponentials(int rowCount) {
            int count = rowCount * classes;
            for (int i = 0; i < count; i++) {
                double e = Math.exp(shifted[i]);
                exps[i] = e + e * exps[i];
            }
            for (int r = 0; r < rowCount; r++) {
                exps[r * classes + argMax[r]] = 0.0;
            }
        }

        /**
         * Row r's exponentials as {@link #exponentials} gives them where no logit is {@code -inf}: the shift's
         * error taken as 0 where the shift is {@code -inf} ({@link StableMath#shiftError}); then its {@link #othersSum}.
         */
        private double exponentialsWithNegativeInfinities(Tensor logits, int row, int r) {
            int base = r * classes;
            double max = logits.getFlat(row * classes + argMax[r]);
            for (int c = 0; c < classes; c++) {
                double z = shifted[base + c];
                double e = Math.exp(z);
                exps[base + c] = e + e * StableMath.shiftError(logits.getFlat(row * classes + c), max, z);
            }
            exps[base + argMax[r]] = 0.0;
            return othersSum(r);
        }

        /** {@code s = sum_{c != k} exp(z_c)} of row r, compensated, in class order. */
        private double othersSum(int r) {
            int base = r * classes;
            othersScratch.reset();
            for (int c = 0; c < classes; c++) {
                othersScratch.add(exps[base + c]); // 0 at the largest class: adding 0 leaves the sum's bits unchanged
            }
            return othersScratch.value();
        }

        /**
         * {@code -(w log p_y)}, {@code log p_y = z_y + (d_y - log1p(s))} with {@code d_y} the shift's rounding
         * error ({@code z_k} and {@code d_k} exactly 0).
         */
        private double rowLoss(Tensor logits, int row, int r, int target, double w, double others) {
            int i = r * classes + target;
            double error = StableMath.shiftError(logits.getFlat(row * classes + target),
                    logits.getFlat(row * classes + argMax[r]), shifted[i]);
            double logP = (target == argMax[r] ? 0.0 : shifted[i]) + (error - StableMath.log1p(others));
            return -w * logP + 0.0; // + 0.0: a loss of exactly 0 is +0.0, as the general kernel's sum gives it
        }

        private void gradient(int r, int target, double w, double s, double scale, double[] out, int offset) {
            int base = r * classes;
            int k = argMax[r];
            double inverseSum = 1.0 / (1.0 + s);
            double othersWeight = target == k ? 0.0 : w;
            for (int c = 0; c < classes; c++) {
                out[offset + c] = scale * (exps[base + c] * inverseSum * w); // minus 0.0: the same bits
            }
            out[offset + target] = scale * (exps[base + target] * inverseSum * w - w);
            out[offset + k] = scale * (othersWeight - s * inverseSum * w);
        }
    }
}
