package org.engram.learning.continual;

/** A model view over given weight arrays, one per layer, each layer with {@code inputs x outputs} weights. */
final class StubModel implements ModelView {
    final float[][] w;
    private final int[] inputs;
    private final int[] outputs;

    StubModel(int[] inputs, int[] outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.w = new float[inputs.length][];
        for (int l = 0; l < inputs.length; l++) {
            w[l] = new float[inputs[l] * outputs[l]];
        }
    }

    @Override
    public int layerCount() {
        return w.length;
    }

    @Override
    public int inputs(int layer) {
        return inputs[layer];
    }

    @Override
    public int outputs(int layer) {
        return outputs[layer];
    }

    @Override
    public float[] weights(int layer) {
        return w[layer];
    }
}
