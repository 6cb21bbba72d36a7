package dev.xent.core.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ProductKernel} on {@code jdk.incubator.vector} lanes: vectors run along the output columns,
 * so each lane is one output element with its own running sum, added to in the same order as the
 * scalar loop ({@code mul}, then {@code add}: the same bits, no fused multiply-add). A register tile
 * is four rows by two vectors (eight accumulators, two loads of {@code r} and one broadcast of
 * {@code l} per step: eleven of AVX2's sixteen registers); edges take one vector, and the last
 * columns (fewer than a vector) the end of a vector that overlaps finished columns ({@link #lastColumns};
 * {@link ScalarProductKernel#lastColumns} when a block has fewer columns than a vector has lanes). Load this class only when {@link VectorSupport}
 * says the module is present: it links against the incubator module.
 */
final class VectorProductKernel implements ProductKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The KernelScratch slot of {@link #lastColumns}' lanes ({@link MatrixProduct} has 10 and 11). */
    private static final int LANES_SLOT = 9;

    static final VectorProductKernel INSTANCE = new VectorProductKernel();

    private VectorProductKernel() {
    }

    @Override
    public void accumulate(double[] l, int lOffset, int lRowStride, int lDepthStride,
                           double[] r, int rOffset, int rRowStride,
                           double[] c, int cOffset, int cRowStride, int rows, int cols, int depth) {
        int vectorCols = cols - cols % LANES;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int l0 = lOffset + i * lRowStride;
            int c0 = cOffset + i * cRowStride;
            int j = 0;
            for (; j + 2 * LANES <= vectorCols; j += 2 * LANES) {
                fourByTwo(l, l0, lRowStride, lDepthStride, r, rOffset + j, rRowStride, c, c0 + j, cRowStride, depth);
            }
            for (; j < vectorCols; j += LANES) {
                for (int row = 0; row < 4; row++) {
                    oneByOne(l, l0 + row * lRowStride, lDepthStride, r, rOffset + j, rRowStride,
                            c, c0 + row * cRowStride + j, depth);
                }
            }
        }
        for (; i < rows; i++) {
            int l0 = lOffset + i * lRowStride;
            int c0 = cOffset + i * cRowStride;
            for (int j = 0; j < vectorCols; j += LANES) {
                oneByOne(l, l0, lDepthStride, r, rOffset + j, rRowStride, c, c0 + j, depth);
            }
        }
        if (vectorCols < cols && cols >= LANES) {
            lastColumns(l, lOffset, lRowStride, lDepthStride, r, rOffset, rRowStride, c, cOffset, cRowStride,
                    rows, cols, depth);
        } else if (vectorCols < cols) {
            ScalarProductKernel.lastColumns(l, lOffset, lRowStride, lDepthStride, r, rOffset + vectorCols,
                    rRowStride, c, cOffset + vectorCols, cRowStride, rows, cols - vectorCols, depth);
        }
    }

    /**
     * The last {@code cols % LANES} columns as the last lanes of one vector that ends at the last column
     * (a layer of 10 outputs: columns 8 and 9 of the vector over 6-9), four rows at a time. Its first lanes
     * repeat columns the tiles have finished: they are computed from those finished sums and dropped,
     * never stored, so every stored lane is its column's running sum plus its products in order, as the
     * scalar kernel's.
     */
    private static void lastColumns(double[] l, int lOffset, int lRowStride, int lDepthStride,
                                    double[] r, int rOffset, int rRowStride,
                                    double[] c, int cOffset, int cRowStride, int rows, int cols, int depth) {
        int first = cols - LANES;
        int kept = cols % LANES;
        double[] lanes = KernelScratch.doubles(LANES_SLOT, 4 * LANES);
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int l0 = lOffset + i * lRowStride;
            int c0 = cOffset + i * cRowStride + first;
            DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, c0);
            DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, c0 + cRowStride);
            DoubleVector s2 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * cRowStride);
            DoubleVector s3 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * cRowStride);
            for (int q = 0; q < depth; q++) {
                int lq = l0 + q * lDepthStride;
                DoubleVector b = DoubleVector.fromArray(SPECIES, r, rOffset + q * rRowStride + first);
                s0 = s0.add(DoubleVector.broadcast(SPECIES, l[lq]).mul(b));
                s1 = s1.add(DoubleVector.broadcast(SPECIES, l[lq + lRowStride]).mul(b));
                s2 = s2.add(DoubleVector.broadcast(SPECIES, l[lq + 2 * lRowStride]).mul(b));
                s3 = s3.add(DoubleVector.broadcast(SPECIES, l[lq + 3 * lRowStride]).mul(b));
            }
            s0.intoArray(lanes, 0);
            s1.intoArray(lanes, LANES);
            s2.intoArray(lanes, 2 * LANES);
            s3.intoArray(lanes, 3 * LANES);
            for (int row = 0; row < 4; row++) {
                System.arraycopy(lanes, row * LANES + LANES - kept, c, c0 + row * cRowStride + LANES - kept, kept);
            }
        }
        for (; i < rows; i++) {
            int c0 = cOffset + i * cRowStride + first;
            DoubleVector s = DoubleVector.fromArray(SPECIES, c, c0);
            int l0 = lOffset + i * lRowStride;
            for (int q = 0; q < depth; q++) {
                s = s.add(DoubleVector.broadcast(SPECIES, l[l0 + q * lDepthStride])
                        .mul(DoubleVector.fromArray(SPECIES, r, rOffset + q * rRowStride + first)));
            }
            s.intoArray(lanes, 0);
            System.arraycopy(lanes, LANES - kept, c, c0 + LANES - kept, kept);
        }
    }

    private static void fourByTwo(double[] l, int l0, int lRowStride, int lDepthStride,
                                  double[] r, int r0, int rRowStride, double[] c, int c0, int cRowStride, int depth) {
        int c1 = c0 + cRowStride;
        int c2 = c1 + cRowStride;
        int c3 = c2 + cRowStride;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c, c1 + LANES);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c, c2 + LANES);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c, c3);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c, c3 + LANES);
        int l1 = l0 + lRowStride;
        int l2 = l1 + lRowStride;
        int l3 = l2 + lRowStride;
        for (int q = 0; q < depth; q++) {
            int rq = r0 + q * rRowStride;
            int lq = q * lDepthStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, r, rq);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, r, rq + LANES);
            DoubleVector a = DoubleVector.broadcast(SPECIES, l[l0 + lq]);
            s00 = s00.add(a.mul(b0));
            s01 = s01.add(a.mul(b1));
            a = DoubleVector.broadcast(SPECIES, l[l1 + lq]);
            s10 = s10.add(a.mul(b0));
            s11 = s11.add(a.mul(b1));
            a = DoubleVector.broadcast(SPECIES, l[l2 + lq]);
            s20 = s20.add(a.mul(b0));
            s21 = s21.add(a.mul(b1));
            a = DoubleVector.broadcast(SPECIES, l[l3 + lq]);
            s30 = s30.add(a.mul(b0));
            s31 = s31.add(a.mul(b1));
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
    }

    /** One row of l by one vector of columns. */
    private static void oneByOne(double[] l, int l0, int lDepthStride, double[] r, int r0, int rRowStride,
                                 double[] c, int at, int depth) {
        DoubleVector s = DoubleVector.fromArray(SPECIES, c, at);
        for (int q = 0; q < depth; q++) {
            s = s.add(DoubleVector.broadcast(SPECIES, l[l0 + q * lDepthStride])
                    .mul(DoubleVector.fromArray(SPECIES, r, r0 + q * rRowStride)));
        }
        s.intoArray(c, at);
    }
}
