package org.engram.learning.continual;

import java.util.List;
import org.engram.simulator.random.SplitMixRandom;

/**
 * A one-layer linear softmax classifier, z = W^T x, with cross-entropy loss: a small model whose
 * gradients are known in closed form, standing in for the trainer in strategy tests. Its
 * presynaptic activity is the input itself.
 */
class ToyLinearModel implements ModelView, GradientOracle {
    final int inputs;
    final int outputs;
    final float[] w;

    ToyLinearModel(int inputs, int outputs, long seed) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.w = new float[inputs * outputs];
        SplitMixRandom r = new SplitMixRandom(seed);
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (0.1 * r.nextGaussian());
        }
    }

    @Override
    public int layerCount() {
        return 1;
    }

    @Override
    public int inputs(int layer) {
        return inputs;
    }

    @Override
    public int outputs(int layer) {
        return outputs;
    }

    @Override
    public float[] weights(int layer) {
        return w;
    }

    double[] logits(float[] x) {
        double[] z = new double[outputs];
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                z[o] += (double) x[i] * w[i * outputs + o];
            }
        }
        return z;
    }

    /** dLoss/dz for cross-entropy with a label, plus attached distillation terms. */
    double[] logitGradient(float[] x, int label, DistillationTarget[] targets) {
        double[] z = logits(x);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double norm = 0;
        for (double v : z) {
            norm += Math.exp(v - max);
        }
        double[] dz = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            dz[o] = Math.exp(z[o] - max) / norm - (o == label ? 1 : 0);
        }
        if (targets.length > 0) {
            float[] zf = new float[outputs];
            float[] extra = new float[outputs];
            for (int o = 0; o < outputs; o++) {
                zf[o] = (float) z[o];
            }
            for (DistillationTarget t : targets) {
                t.addLogitGradient(zf, extra);
            }
            for (int o = 0; o < outputs; o++) {
                dz[o] += extra[o];
            }
        }
        return dz;
    }

    double loss(SampleSet data) {
        double sum = 0;
        for (int s = 0; s < data.size(); s++) {
            double[] z = logits(data.input(s));
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double norm = 0;
            for (double v : z) {
                norm += Math.exp(v - max);
            }
            sum += Math.log(norm) + max - z[data.label(s)];
        }
        return sum / data.size();
    }

    private void perSampleGradient(Objective objective, float[] x, int label, double[] g) {
        double[] dz;
        if (objective == Objective.LOSS) {
            dz = logitGradient(x, label, new DistillationTarget[0]);
        } else {
            dz = logits(x);
            for (int o = 0; o < outputs; o++) {
                dz[o] *= 2;
            }
        }
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                g[i * outputs + o] = x[i] * dz[o];
            }
        }
    }

    @Override
    public void gradients(Objective objective, Reduction reduction, SampleSet data, int[] samples, double[][] out) {
        double[] acc = out[0];
        java.util.Arrays.fill(acc, 0);
        double[] g = new double[w.length];
        for (int s : samples) {
            perSampleGradient(objective, data.input(s), data.label(s), g);
            for (int k = 0; k < g.length; k++) {
                acc[k] += switch (reduction) {
                    case MEAN -> g[k];
                    case MEAN_SQUARE -> g[k] * g[k];
                    case MEAN_ABS -> Math.abs(g[k]);
                };
            }
        }
        for (int k = 0; k < acc.length; k++) {
            acc[k] /= samples.length;
        }
    }

    @Override
    public void outputs(SampleSet data, int sample, float[] logits) {
        double[] z = logits(data.input(sample));
        for (int o = 0; o < outputs; o++) {
            logits[o] = (float) z[o];
        }
    }

    @Override
    public List<LayerActivity> activities(SampleSet data, int[] samples) {
        float[][] v = new float[samples.length][];
        for (int s = 0; s < samples.length; s++) {
            v[s] = data.input(samples[s]);
        }
        return List.of(new ArrayActivity(v));
    }
}
