package dev.xent.core.numeric;

/**
 * {@link ProductKernel} in plain Java: two rows by four columns of running sums in registers (eight
 * independent chains of additions that the processor overlaps); at the edges a last row one element at
 * a time, and the last (fewer than four) columns four rows at a time.
 */
final class ScalarProductKernel implements ProductKernel {
    static final ScalarProductKernel INSTANCE = new ScalarProductKernel();

    private ScalarProductKernel() {
    }

    @Override
    public void accumulate(double[] l, int lOffset, int lRowStride, int lDepthStride,
                           double[] r, int rOffset, int rRowStride,
                           double[] c, int cOffset, int cRowStride, int rows, int cols, int depth) {
        int wholeCols = cols - cols % 4;
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
            int l0 = lOffset + i * lRowStride;
            int c0 = cOffset + i * cRowStride;
            for (int j = 0; j < wholeCols; j += 4) {
                twoByFour(l, l0, lRowStride, lDepthStride, r, rOffset + j, rRowStride, c, c0 + j, cRowStride, depth);
            }
        }
        if (i < rows) {
            int l0 = lOffset + i * lRowStride;
            int c0 = cOffset + i * cRowStride;
            for (int j = 0; j < wholeCols; j++) {
                column(l, l0, lDepthStride, r, rOffset + j, rRowStride, c, c0 + j, depth);
            }
        }
        if (wholeCols < cols) {
            lastColumns(l, lOffset, lRowStride, lDepthStride, r, rOffset + wholeCols, rRowStride,
                    c, cOffset + wholeCols, cRowStride, rows, cols - wholeCols, depth);
        }
    }

    /**
     * Columns too few for a tile of four (and the vector kernel's last columns): four rows at a time,
     * four independent chains of additions instead of one.
     */
    static void lastColumns(double[] l, int lOffset, int lRowStride, int lDepthStride,
                            double[] r, int rOffset, int rRowStride,
                            double[] c, int cOffset, int cRowStride, int rows, int cols, int depth) {
        for (int j = 0; j < cols; j++) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                fourByOne(l, lOffset + i * lRowStride, lRowStride, lDepthStride, r, rOffset + j, rRowStride,
                        c, cOffset + i * cRowStride + j, cRowStride, depth);
            }
            for (; i < rows; i++) {
                column(l, lOffset + i * lRowStride, lDepthStride, r, rOffset + j, rRowStride,
                        c, cOffset + i * cRowStride + j, depth);
            }
        }
    }

    private static void fourByOne(double[] l, int l0, int lRowStride, int lDepthStride,
                                  double[] r, int r0, int rRowStride, double[] c, int c0, int cRowStride, int depth) {
        double s0 = c[c0];
        double s1 = c[c0 + cRowStride];
        double s2 = c[c0 + 2 * cRowStride];
        double s3 = c[c0 + 3 * cRowStride];
        for (int q = 0; q < depth; q++) {
            int lq = l0 + q * lDepthStride;
            double b = r[r0 + q * rRowStride];
            s0 += l[lq] * b;
            s1 += l[lq + lRowStride] * b;
            s2 += l[lq + 2 * lRowStride] * b;
            s3 += l[lq + 3 * lRowStride] * b;
        }
        c[c0] = s0;
        c[c0 + cRowStride] = s1;
        c[c0 + 2 * cRowStride] = s2;
        c[c0 + 3 * cRowStride] = s3;
    }

    private static void twoByFour(double[] l, int l0, int lRowStride, int lDepthStride,
                                  double[] r, int r0, int rRowStride, double[] c, int c0, int cRowStride, int depth) {
        int c1 = c0 + cRowStride;
        double s00 = c[c0];
        double s01 = c[c0 + 1];
        double s02 = c[c0 + 2];
        double s03 = c[c0 + 3];
        double s10 = c[c1];
        double s11 = c[c1 + 1];
        double s12 = c[c1 + 2];
        double s13 = c[c1 + 3];
        int l1 = l0 + lRowStride;
        for (int q = 0; q < depth; q++) {
            double a = l[l0 + q * lDepthStride];
            double b = l[l1 + q * lDepthStride];
            int rq = r0 + q * rRowStride;
            double r0q = r[rq];
            double r1q = r[rq + 1];
            double r2q = r[rq + 2];
            double r3q = r[rq + 3];
            s00 += a * r0q;
            s01 += a * r1q;
            s02 += a * r2q;
            s03 += a * r3q;
            s10 += b * r0q;
            s11 += b * r1q;
            s12 += b * r2q;
            s13 += b * r3q;
        }
        c[c0] = s00;
        c[c0 + 1] = s01;
        c[c0 + 2] = s02;
        c[c0 + 3] = s03;
        c[c1] = s10;
        c[c1 + 1] = s11;
        c[c1 + 2] = s12;
        c[c1 + 3] = s13;
    }

    /** One output element (its row of l at {@code l0}, its column of r at {@code r0}). */
    static void column(double[] l, int l0, int lDepthStride, double[] r, int r0, int rRowStride,
                       double[] c, int at, int depth) {
        double s = c[at];
        for (int q = 0; q < depth; q++) {
            s += l[l0 + q * lDepthStride] * r[r0 + q * rRowStride];
        }
        c[at] = s;
    }
}
