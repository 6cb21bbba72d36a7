package dev.xent.core.numeric;

import java.util.Arrays;

/**
 * The three dense matrix products of training a layer, on row-major {@code double[]} matrices at
 * offsets: the forward {@code C = A B} ({@link #multiply}), the weight gradient {@code C = A^T G}
 * ({@link #transposedTimes}) and the input gradient {@code C = G B^T} ({@link #timesTransposed}).
 *
 * <p><b>Exactness.</b> Each output element is the sum of its products in ascending order of the inner
 * index, each product rounded, then added (no fused multiply-add): the bits of the plain triple loop,
 * of the autodiff graph's {@code matmul} (forward and both backward steps) and of the CLI's linear
 * layer. The vector kernels run their lanes along output columns (one lane, one element), tiles and
 * cache blocks change only which elements are computed together, and threads split the output into
 * blocks: so the result has the same bits on the scalar or vector path and for any thread count.
 *
 * <p><b>Speed.</b> Register tiles (scalar: 2 rows by 4 columns; vector: 4 rows by two vectors), cache
 * blocks of {@value #DEPTH_BLOCK} inner indices by {@value #COL_BLOCK} columns of the right operand (128
 * KB: it stays in L2 while a block of rows streams past), and, above {@value #PARALLEL_WORK}
 * multiply-adds, blocks of {@value #ROW_BLOCK} output rows by {@value #COL_BLOCK} columns shared among
 * {@link Parallelism#threads()} threads. {@link #preferred()} uses the Vector API kernels when
 * {@link VectorSupport#enabled()} allows, for products of at least {@value #VECTOR_WORK} multiply-adds,
 * once {@link KernelWarmUp} has had them compiled in the background (after {@value #WARM_UP_AFTER}
 * multiply-adds of such products on the scalar kernel: short jobs never pay the Vector API's start-up,
 * long ones stop paying the scalar kernel's 2-3x; the bits are the same either way).
 *
 * <p>Operands are never changed; the output must not overlap them. Instances are immutable and
 * thread-safe.
 */
public final class MatrixProduct {
    /** Inner indices per pass over an output block. */
    static final int DEPTH_BLOCK = 256;
    /** Output rows per parallel task. */
    static final int ROW_BLOCK = 32;
    /** Output columns per parallel task and per cache block of the right operand. */
    static final int COL_BLOCK = 64;
    /**
     * Below this many multiply-adds the vector instance runs the scalar kernel (the same bits): a task so
     * small gains little from lanes. Compiled, the vector kernel is 2-3x the scalar one from 256 x 50 x 10
     * (128,000) up.
     */
    static final long VECTOR_WORK = 1L << 14;
    /**
     * Multiply-adds of products of at least {@link #VECTOR_WORK} run on the scalar kernel before the
     * vector kernel's background warm-up starts ({@link KernelWarmUp}): about 0.2 s of scalar work, as
     * much as the warm-up costs one core. The example jobs stay below it (the digits mlp example's products
     * add up to about 2^29); a training on 200,000 rows crosses it within its first few epochs.
     */
    static final long WARM_UP_AFTER = 1L << 30;
    /** Below this many multiply-adds a product runs on the calling thread alone (a task costs microseconds). */
    static final long PARALLEL_WORK = 1L << 17;
    /** KernelScratch slots: the packed transposed operand (calling thread), a task's separate sums. */
    private static final int PACKED_SLOT = 10;
    private static final int SUMS_SLOT = 11;

    private static final MatrixProduct SCALAR = new MatrixProduct(ScalarProductKernel.INSTANCE, 0, null);

    /** What a product does with the output's current contents. */
    public enum Output {
        /** The output is replaced by the product (its old contents are never read). */
        OVERWRITE,
        /** The product is added to the output, as a gradient buffer accumulates (each method says in which order). */
        ACCUMULATE
    }

    /** How a block of output starts: from zero, as a running sum in the output, or summed apart and then added. */
    private enum Start { ZERO, RUNNING, SEPARATE }

    private final ProductKernel kernel;
    /** Products with fewer multiply-adds run the scalar kernel. */
    private final long vectorWork;
    /** Whether the kernel is compiled yet; null: run it from the first call. */
    private final KernelWarmUp warmUp;

    private MatrixProduct(ProductKernel kernel, long vectorWork, KernelWarmUp warmUp) {
        this.kernel = kernel;
        this.vectorWork = vectorWork;
        this.warmUp = warmUp;
    }

    /** The Vector API kernels when {@link VectorSupport#enabled()} says so now, else the scalar ones. */
    public static MatrixProduct preferred() {
        return VectorSupport.enabled() ? vector() : SCALAR;
    }

    /** The plain Java kernels. */
    public static MatrixProduct scalar() {
        return SCALAR;
    }

    /**
     * The Vector API kernels (same bits as {@link #scalar()}).
     *
     * @throws IllegalStateException if the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    public static MatrixProduct vector() {
        if (!VectorSupport.modulePresent()) {
            throw new IllegalStateException("the vector matrix product needs the JVM option --add-modules jdk.incubator.vector");
        }
        return VectorKernelHolder.INSTANCE;
    }

    /** Whether this instance runs the Vector API kernels. */
    public boolean vectorized() {
        return kernel != ScalarProductKernel.INSTANCE;
    }

    /**
     * {@code C = A B}: {@code c[i][j] = sum_p a[i][p] b[p][j]}, summed from 0 over p ascending. With
     * {@link Output#ACCUMULATE} that finished sum is then added to {@code c[i][j]} (as the graph adds
     * an input's gradient, and as a bias preset in C is added to the logits).
     *
     * @param a {@code n x k} at {@code aOffset}
     * @param b {@code k x m} at {@code bOffset}
     * @param c {@code n x m} at {@code cOffset}, written
     */
    public void multiply(double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset,
                         int n, int k, int m, Output output) {
        requireOperand("a", a, aOffset, n, k);
        requireOperand("b", b, bOffset, k, m);
        requireOutput(c, cOffset, n, m, a, aOffset, n * (long) k, b, bOffset, k * (long) m);
        run(a, aOffset, k, 1, b, bOffset, m, c, cOffset, n, m, k, output == Output.OVERWRITE ? Start.ZERO : Start.SEPARATE);
    }

    /**
     * {@code C = A^T G}, the weight gradient: {@code c[p][j] = sum_i a[i][p] g[i][j]} over rows i
     * ascending. {@link Output#OVERWRITE} starts each sum at 0; {@link Output#ACCUMULATE} adds each
     * product to {@code c[p][j]} in turn ({@code ((c + t_0) + t_1) + ...}, as the graph's matmul
     * accumulates its right operand's gradient).
     *
     * @param a {@code n x k} at {@code aOffset}
     * @param g {@code n x m} at {@code gOffset}
     * @param c {@code k x m} at {@code cOffset}, written
     */
    public void transposedTimes(double[] a, int aOffset, double[] g, int gOffset, double[] c, int cOffset,
                                int n, int k, int m, Output output) {
        requireOperand("a", a, aOffset, n, k);
        requireOperand("g", g, gOffset, n, m);
        requireOutput(c, cOffset, k, m, a, aOffset, n * (long) k, g, gOffset, n * (long) m);
        run(a, aOffset, 1, k, g, gOffset, m, c, cOffset, k, m, n, output == Output.OVERWRITE ? Start.ZERO : Start.RUNNING);
    }

    /**
     * {@code C = G B^T}, the input gradient: {@code c[i][p] = sum_j g[i][j] b[p][j]}, summed from 0 over
     * j ascending; with {@link Output#ACCUMULATE} the finished sum is added to {@code c[i][p]} (as the
     * graph's matmul accumulates its left operand's gradient). B is copied transposed first (k m values).
     *
     * @param g {@code n x m} at {@code gOffset}
     * @param b {@code k x m} at {@code bOffset}
     * @param c {@code n x k} at {@code cOffset}, written
     */
    public void timesTransposed(double[] g, int gOffset, double[] b, int bOffset, double[] c, int cOffset,
                                int n, int m, int k, Output output) {
        requireOperand("g", g, gOffset, n, m);
        requireOperand("b", b, bOffset, k, m);
        requireOutput(c, cOffset, n, k, g, gOffset, n * (long) m, b, bOffset, k * (long) m);
        double[] transposed = KernelScratch.doubles(PACKED_SLOT, k * m);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < m; j++) {
                transposed[j * k + p] = b[bOffset + p * m + j];
            }
        }
        run(g, gOffset, m, 1, transposed, 0, k, c, cOffset, n, k, m, output == Output.OVERWRITE ? Start.ZERO : Start.SEPARATE);
    }

    /** {@code c[i][j] (rows x cols at cOffset) <- l (rows x depth, strided) times r (depth x cols)}, in blocks. */
    private void run(double[] l, int lOffset, int lRowStride, int lDepthStride, double[] r, int rOffset, int rRowStride,
                     double[] c, int cOffset, int rows, int cols, int depth, Start start) {
        long work = (long) rows * cols * depth;
        MatrixProduct runner = work < vectorWork || warmUp != null && !warmUp.ready(work) ? SCALAR : this;
        Blocks blocks = runner.new Blocks(l, lOffset, lRowStride, lDepthStride, r, rOffset, rRowStride, c, cOffset,
                rows, cols, depth, start);
        int count = blocks.count();
        if (count <= 1 || Parallelism.threads() == 1 || work < PARALLEL_WORK) {
            blocks.compute(0, count);
        } else {
            Parallelism.forEachRange(count, 1, blocks::compute);
        }
    }

    /** The output cut in {@value #ROW_BLOCK} x {@value #COL_BLOCK} blocks: a partition fixed by the shape. */
    private final class Blocks {
        private final double[] l;
        private final int lOffset;
        private final int lRowStride;
        private final int lDepthStride;
        private final double[] r;
        private final int rOffset;
        private final int rRowStride;
        private final double[] c;
        private final int cOffset;
        private final int rows;
        private final int cols;
        private final int depth;
        private final Start start;
        private final int colBlocks;

        Blocks(double[] l, int lOffset, int lRowStride, int lDepthStride, double[] r, int rOffset, int rRowStride,
               double[] c, int cOffset, int rows, int cols, int depth, Start start) {
            this.l = l;
            this.lOffset = lOffset;
            this.lRowStride = lRowStride;
            this.lDepthStride = lDepthStride;
            this.r = r;
            this.rOffset = rOffset;
            this.rRowStride = rRowStride;
            this.c = c;
            this.cOffset = cOffset;
            this.rows = rows;
            this.cols = cols;
            this.depth = depth;
            this.start = start;
            this.colBlocks = (cols + COL_BLOCK - 1) / COL_BLOCK;
        }

        int count() {
            return ((rows + ROW_BLOCK - 1) / ROW_BLOCK) * colBlocks;
        }

        void compute(int from, int to) {
            for (int block = from; block < to; block++) {
                compute(block);
            }
        }

        private void compute(int block) {
            int rowFrom = block / colBlocks * ROW_BLOCK;
            int colFrom = block % colBlocks * COL_BLOCK;
            int blockRows = Math.min(ROW_BLOCK, rows - rowFrom);
            int blockCols = Math.min(COL_BLOCK, cols - colFrom);
            int at = cOffset + rowFrom * cols + colFrom;
            if (start == Start.SEPARATE) {
                double[] sums = KernelScratch.doubles(SUMS_SLOT, blockRows * blockCols);
                Arrays.fill(sums, 0, blockRows * blockCols, 0.0);
                addProducts(rowFrom, colFrom, blockRows, blockCols, sums, 0, blockCols);
                for (int i = 0; i < blockRows; i++) {
                    for (int j = 0; j < blockCols; j++) {
                        c[at + i * cols + j] += sums[i * blockCols + j];
                    }
                }
                return;
            }
            if (start == Start.ZERO) {
                for (int i = 0; i < blockRows; i++) {
                    Arrays.fill(c, at + i * cols, at + i * cols + blockCols, 0.0);
                }
            }
            addProducts(rowFrom, colFrom, blockRows, blockCols, c, at, cols);
        }

        private void addProducts(int rowFrom, int colFrom, int blockRows, int blockCols,
                                 double[] target, int targetOffset, int targetRowStride) {
            for (int q = 0; q < depth; q += DEPTH_BLOCK) {
                kernel.accumulate(l, lOffset + rowFrom * lRowStride + q * lDepthStride, lRowStride, lDepthStride,
                        r, rOffset + q * rRowStride + colFrom, rRowStride,
                        target, targetOffset, targetRowStride, blockRows, blockCols, Math.min(DEPTH_BLOCK, depth - q));
            }
        }
    }

    private static void requireOperand(String name, double[] array, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shapes must be >= 0; " + name + " is " + rows + " x " + cols);
        }
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (offset < 0 || offset + (long) rows * cols > array.length) {
            throw new IllegalArgumentException(name + " (" + rows + " x " + cols + " at offset " + offset
                    + ") does not fit in its array of " + array.length);
        }
    }

    private static void requireOutput(double[] c, int cOffset, int rows, int cols,
                                      double[] x, int xOffset, long xLength, double[] y, int yOffset, long yLength) {
        requireOperand("c", c, cOffset, rows, cols);
        long cEnd = cOffset + (long) rows * cols;
        if ((c == x && cOffset < xOffset + xLength && xOffset < cEnd) || (c == y && cOffset < yOffset + yLength && yOffset < cEnd)) {
            throw new IllegalArgumentException("the output c overlaps an operand: operands are never overwritten");
        }
    }

    /** Loaded only by {@link #vector()}, after the module check: it links the incubator module. */
    /** The vector kernel even on the smallest products: for the tests that compare it with the scalar one. */
    static MatrixProduct vectorOnEverySize() {
        vector(); // the module check
        return VectorKernelHolder.EVERY_SIZE;
    }

    private static final class VectorKernelHolder {
        static final MatrixProduct INSTANCE = new MatrixProduct(VectorProductKernel.INSTANCE, VECTOR_WORK,
                new KernelWarmUp(VectorProductKernel.INSTANCE, ScalarProductKernel.INSTANCE, WARM_UP_AFTER));
        static final MatrixProduct EVERY_SIZE = new MatrixProduct(VectorProductKernel.INSTANCE, 0, null);
    }
}
