package org.engram.learning.train;

import org.engram.learning.layered.LayeredNet;

/**
 * Row-split copies of a network's weight matrices, read by all workers during a parallel phase:
 * {@code rows[m][i]} is row {@code i} of matrix {@code m} (the weights from presynaptic neuron i),
 * {@code cols[m][j]} its column {@code j} (the weights onto postsynaptic neuron j), kept only for
 * matrices whose gradient flows on to a layer below.
 *
 * <p>Separate row arrays let the JIT vectorise the row additions of the hot loops: HotSpot's
 * superword pass does not vectorise {@code a[i + x] += b[i + y]} with unrelated offsets, but does
 * {@code a[i] += b[i]}. Copying costs one pass over the weights per batch.
 */
final class WeightViews {
    final float[][][] rows;
    final float[][][] cols;
    private final LayeredNet net;

    WeightViews(LayeredNet net) {
        this.net = net;
        int matrices = net.matrixCount();
        rows = new float[matrices][][];
        cols = new float[matrices][][];
        for (int m = 0; m < matrices; m++) {
            rows[m] = new float[net.pre(m)][net.post(m)];
            boolean inputMatrix = net.layerOf(m) == 0 && m == net.layers().get(0).feedForwardMatrix();
            cols[m] = inputMatrix ? null : new float[net.post(m)][net.pre(m)];
        }
    }

    /** Copies rows {@code [from, to)} of matrix {@code m} from the weights; disjoint ranges may run in parallel. */
    void refreshRows(int m, int from, int to) {
        float[] w = net.weights(m);
        float[][] r = rows[m];
        int post = net.post(m);
        for (int i = from; i < to; i++) {
            System.arraycopy(w, i * post, r[i], 0, post);
        }
    }

    /** Copies the columns from the rows; call after every row is refreshed. */
    void refreshColumns() {
        for (int m = 0; m < rows.length; m++) {
            float[][] r = rows[m];
            int post = net.post(m);
            float[][] c = cols[m];
            if (c != null) {
                for (int i = 0; i < r.length; i++) {
                    float[] row = r[i];
                    for (int j = 0; j < post; j++) {
                        c[j][i] = row[j];
                    }
                }
            }
        }
    }
}
