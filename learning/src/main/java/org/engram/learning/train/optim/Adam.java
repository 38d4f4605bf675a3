package org.engram.learning.train.optim;

/**
 * Adam (Kingma and Ba 2015):
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   update = -lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * The bias corrections are computed once per step with {@code StrictMath}.
 */
final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final float epsilon;
    private final float[][] first;
    private final float[][] second;
    private long steps;
    private float correction1;
    private float correction2;

    Adam(double beta1, double beta2, float epsilon, int[] sizes) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.first = new float[sizes.length][];
        this.second = new float[sizes.length][];
        for (int m = 0; m < sizes.length; m++) {
            first[m] = new float[sizes[m]];
            second[m] = new float[sizes[m]];
        }
    }

    @Override
    public void beginStep() {
        steps++;
        correction1 = (float) (1 / (1 - StrictMath.pow(beta1, steps)));
        correction2 = (float) (1 / (1 - StrictMath.pow(beta2, steps)));
    }

    @Override
    public void update(int matrix, float[] grad, float[] update, float lr, int from, int to) {
        float[] m = first[matrix];
        float[] v = second[matrix];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        float k1 = correction1;
        float k2 = correction2;
        float eps = epsilon;
        for (int k = from; k < to; k++) {
            float g = grad[k];
            float mk = b1 * m[k] + c1 * g;
            float vk = b2 * v[k] + c2 * g * g;
            m[k] = mk;
            v[k] = vk;
            update[k] = -lr * (mk * k1) / ((float) Math.sqrt(vk * k2) + eps);
        }
    }

    @Override
    public float[][] state() {
        float[][] copy = new float[2 * first.length][];
        for (int m = 0; m < first.length; m++) {
            copy[2 * m] = first[m].clone();
            copy[2 * m + 1] = second[m].clone();
        }
        return copy;
    }

    @Override
    public void restore(float[][] state, long stepCount) {
        float[][] mine = new float[2 * first.length][];
        for (int m = 0; m < first.length; m++) {
            mine[2 * m] = first[m];
            mine[2 * m + 1] = second[m];
        }
        StateShape.check("adam", mine, state);
        for (int m = 0; m < mine.length; m++) {
            System.arraycopy(state[m], 0, mine[m], 0, mine[m].length);
        }
        this.steps = stepCount - 1;
        beginStep();
    }

    @Override
    public long steps() {
        return steps;
    }
}
