package org.engram.learning.continual;

/** A task's samples held in arrays. */
final class ArraySamples implements SampleSet {
    private final int task;
    private final float[][] inputs;
    private final int[] labels;

    ArraySamples(int task, float[][] inputs, int[] labels) {
        this.task = task;
        this.inputs = inputs;
        this.labels = labels;
    }

    @Override
    public int task() {
        return task;
    }

    @Override
    public int size() {
        return inputs.length;
    }

    @Override
    public float[] input(int sample) {
        return inputs[sample];
    }

    @Override
    public int label(int sample) {
        return labels[sample];
    }
}
