package org.engram.learning.continual;

/**
 * The inner kernel shared by the subspace code: four rows lose four multiples of one vector in a
 * single pass, so each value of the vector is loaded once for four updates.
 */
final class FourRowUpdate {
    private FourRowUpdate() {
    }

    /**
     * {@code rows[at + q * stride + t] -= a_q * v[from + t]} for q in 0..3 and t in {@code [0, length)}.
     *
     * @param rows   four rows of at least {@code length} values, {@code stride} apart
     * @param at     the first row's first index
     * @param stride the distance between the rows
     * @param a0     the multiple for row 0 (and likewise {@code a1..a3})
     * @param v      the vector
     * @param from   the vector's first index
     * @param length the number of values per row
     */
    static void subtract(double[] rows, int at, int stride, double a0, double a1, double a2, double a3,
            double[] v, int from, int length) {
        for (int t = 0; t < length; t++) {
            final double x = v[from + t];
            rows[at + t] -= a0 * x;
            rows[at + stride + t] -= a1 * x;
            rows[at + 2 * stride + t] -= a2 * x;
            rows[at + 3 * stride + t] -= a3 * x;
        }
    }
}
