package org.engram.learning.continual;

/** Activity vectors held in an array; all samples are own samples unless told otherwise. */
final class ArrayActivity implements LayerActivity {
    private final int layer;
    private final float[][] vectors;
    private final int own;

    ArrayActivity(int layer, float[][] vectors, int own) {
        this.layer = layer;
        this.vectors = vectors;
        this.own = own;
    }

    ArrayActivity(float[][] vectors) {
        this(0, vectors, vectors.length);
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public int samples() {
        return vectors.length;
    }

    @Override
    public int ownSamples() {
        return own;
    }

    @Override
    public float[] vector(int sample) {
        return vectors[sample];
    }
}
