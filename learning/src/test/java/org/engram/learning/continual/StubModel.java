package org.engram.learning.continual;

import java.util.function.IntFunction;

/** A model view over given weight arrays, one per layer, each layer with {@code inputs x outputs} weights. */
final class StubModel implements ModelView {
    final float[][] w;
    private final int[] inputs;
    private final int[] outputs;
    /** Each task's classes' readout units, or null for every unit (the interface's default). */
    private final IntFunction<int[]> classUnits;
    /** Each task's head in a task-specific last layer, or null where the tasks share it. */
    private final IntFunction<int[]> heads;

    StubModel(int[] inputs, int[] outputs) {
        this(inputs, outputs, null);
    }

    /** A view whose tasks train the readout units {@code classUnits} gives. */
    StubModel(int[] inputs, int[] outputs, IntFunction<int[]> classUnits) {
        this(inputs, outputs, classUnits, null);
    }

    private StubModel(int[] inputs, int[] outputs, IntFunction<int[]> classUnits, IntFunction<int[]> heads) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.classUnits = classUnits;
        this.heads = heads;
        this.w = new float[inputs.length][];
        for (int l = 0; l < inputs.length; l++) {
            w[l] = new float[inputs[l] * outputs[l]];
        }
    }

    /** A view of task-incremental learning: the last layer holds each task's head, the units {@code heads} gives. */
    static StubModel withHeads(int[] inputs, int[] outputs, IntFunction<int[]> heads) {
        return new StubModel(inputs, outputs, null, heads);
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

    @Override
    public boolean taskSpecific(int layer) {
        return heads != null && layer == w.length - 1;
    }

    @Override
    public int[] headUnits(int task) {
        return heads == null ? ModelView.super.headUnits(task) : heads.apply(task);
    }
}
