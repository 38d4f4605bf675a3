package org.engram.learning.train.optim;

/**
 * SGD with heavy-ball momentum: {@code v = mu v + g; update = -lr v} (the PyTorch convention;
 * {@code mu = 0} is plain SGD).
 */
final class Sgd implements Optimizer {
    private final float momentum;
    private final float[][] velocity;
    private long steps;

    Sgd(float momentum, int[] sizes) {
        this.momentum = momentum;
        this.velocity = new float[sizes.length][];
        for (int m = 0; m < sizes.length; m++) {
            velocity[m] = new float[momentum > 0 ? sizes[m] : 0];
        }
    }

    @Override
    public void beginStep() {
        steps++;
    }

    @Override
    public void update(int matrix, float[] grad, float[] update, float lr, int from, int to) {
        if (momentum == 0f) {
            for (int k = from; k < to; k++) {
                update[k] = -lr * grad[k];
            }
            return;
        }
        float[] v = velocity[matrix];
        float mu = momentum;
        for (int k = from; k < to; k++) {
            float vk = mu * v[k] + grad[k];
            v[k] = vk;
            update[k] = -lr * vk;
        }
    }

    @Override
    public float[][] state() {
        float[][] copy = new float[velocity.length][];
        for (int m = 0; m < velocity.length; m++) {
            copy[m] = velocity[m].clone();
        }
        return copy;
    }

    @Override
    public void restore(float[][] state, long stepCount) {
        StateShape.check("sgd", velocity, state);
        for (int m = 0; m < velocity.length; m++) {
            System.arraycopy(state[m], 0, velocity[m], 0, velocity[m].length);
        }
        this.steps = stepCount;
    }

    @Override
    public long steps() {
        return steps;
    }
}
