package org.engram.learning.continual;

import java.util.function.IntFunction;

/** A model view over given weight arrays, one per layer, each layer with {@code inputs x outputs} weights. */
final class StubModel implements ModelView {
    final float[][] w;
    private final int[] inputs;
    private final int[] outputs;
    /** Each task's classes' readout units, or null for every unit (the interface's default). */
    private final IntFunction<int[]> classUnits;

    StubModel(int[] inputs, int[] outputs) {
        this(inputs, outputs, null);
    }

    /** A view whose tasks train the readout units {@code classUnits} gives. */
    StubModel(int[] inputs, int[] outputs, IntFunction<int[]> classUnits) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.classUnits = classUnits;
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

    @Override
    public int[] classUnits(int task) {
        return classUnits == null ? ModelView.super.classUnits(task) : classUnits.apply(task);
    }
}
