package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.engram.learning.io.StateCodec;

/**
 * One quadratic penalty {@code (s/2) sum_k Omega_k (theta_k - theta*_k)^2}: per-weight importance
 * Omega and anchor weights theta*, one row per layer. Shared by the regularisation strategies
 * (EWC, MAS, L2, SI), which differ only in how they estimate Omega.
 */
final class QuadraticAnchor {
    /** Per-weight importance per layer, or {@code null} for importance 1 everywhere (L2). */
    final double[][] importance;
    /** Anchor weights per layer. */
    final float[][] anchor;

    QuadraticAnchor(double[][] importance, float[][] anchor) {
        this.importance = importance;
        this.anchor = anchor;
    }

    /**
     * Adds {@code scale * Omega_k * (w_k - theta*_k)} to the gradient of one layer.
     *
     * @param layer  the layer index
     * @param w      the layer's weights
     * @param grad   the gradient to add to
     * @param scale  the strength {@code s} of the penalty {@code (s/2) sum Omega (theta - theta*)^2}:
     *               lambda for EWC and L2 (Kirkpatrick's form), 2 lambda for MAS (Aljundi's), 2 c for SI
     *               (Zenke's {@code c sum Omega (theta - theta*)^2})
     */
    void addGradient(int layer, float[] w, float[] grad, double scale) {
        final float[] a = anchor[layer];
        final int n = a.length;
        if (importance == null) {
            for (int k = 0; k < n; k++) {
                grad[k] += (float) (scale * ((double) w[k] - a[k]));
            }
            return;
        }
        final double[] f = importance[layer];
        for (int k = 0; k < n; k++) {
            grad[k] += (float) (scale * f[k] * ((double) w[k] - a[k]));
        }
    }

    /**
     * A copy of the current weights.
     *
     * @param model the model
     * @return one row per layer
     */
    static float[][] snapshot(ModelView model) {
        float[][] copy = new float[model.layerCount()][];
        for (int l = 0; l < copy.length; l++) {
            copy[l] = model.weights(l).clone();
        }
        return copy;
    }

    /**
     * Fails unless an anchor read from a checkpoint fits the model.
     *
     * @param kind   the strategy's name, for the message
     * @param anchor the anchor, or {@code null} (nothing to check)
     * @param model  the model
     */
    static void checkShape(String kind, QuadraticAnchor anchor, ModelView model) {
        checkShape(kind, anchor == null ? null : anchor.anchor, model);
    }

    /**
     * Fails unless arrays read from a checkpoint fit the model.
     *
     * @param kind  the strategy's name, for the message
     * @param rows  per-layer arrays, or {@code null} (nothing to check)
     * @param model the model
     */
    static void checkShape(String kind, float[][] rows, ModelView model) {
        if (rows == null) {
            return;
        }
        StateCodec.requireShape(kind, "layer count", model.layerCount(), rows.length);
        for (int l = 0; l < rows.length; l++) {
            StateCodec.requireShape(kind, "layer " + l + " weight count", model.weights(l).length, rows[l].length);
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(importance != null);
        if (importance != null) {
            StateCodec.writeDoubles(out, importance);
        }
        StateCodec.writeFloats(out, anchor);
    }

    /** Writes {@code anchor}, which may be {@code null} (no task finished yet), for {@link #readOptional}. */
    static void writeOptional(DataOutput out, QuadraticAnchor anchor) throws IOException {
        out.writeBoolean(anchor != null);
        if (anchor != null) {
            anchor.write(out);
        }
    }

    /** Reads what {@link #writeOptional} wrote: an anchor or {@code null}. */
    static QuadraticAnchor readOptional(DataInput in, String kind) throws IOException {
        return in.readBoolean() ? read(in, kind) : null;
    }

    static QuadraticAnchor read(DataInput in, String kind) throws IOException {
        double[][] importance = in.readBoolean() ? StateCodec.readDoubleMatrix(in) : null;
        float[][] anchor = StateCodec.readFloatMatrix(in);
        requireSameShape(kind, importance, anchor);
        return new QuadraticAnchor(importance, anchor);
    }

    /**
     * Fails unless per-weight importance read from a checkpoint has the anchor's shape.
     *
     * @param kind       the strategy's name, for the message
     * @param importance per-layer importance, or {@code null} (nothing to check)
     * @param anchor     per-layer anchor weights
     */
    static void requireSameShape(String kind, double[][] importance, float[][] anchor) {
        for (int l = 0; l < anchor.length; l++) {
            StateCodec.requirePresent(kind, "anchor[" + l + "]", anchor[l]);
        }
        if (importance == null) {
            return;
        }
        StateCodec.requireShape(kind, "importance layer count", anchor.length, importance.length);
        for (int l = 0; l < anchor.length; l++) {
            StateCodec.requireShape(kind, "importance[" + l + "] length", anchor[l].length,
                    importance[l] == null ? -1 : importance[l].length);
        }
    }
}
