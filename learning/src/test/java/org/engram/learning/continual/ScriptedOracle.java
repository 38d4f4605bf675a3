package org.engram.learning.continual;

import java.util.List;

/**
 * An oracle whose per-sample gradients are given by hand: {@code perSample[s][layer][k]} is the
 * gradient of sample s (for both objectives), reduced as asked.
 */
final class ScriptedOracle implements GradientOracle {
    double[][][] perSample;

    ScriptedOracle(double[][][] perSample) {
        this.perSample = perSample;
    }

    @Override
    public void gradients(Objective objective, Reduction reduction, SampleSet data, int[] samples, double[][] out) {
        for (int l = 0; l < out.length; l++) {
            java.util.Arrays.fill(out[l], 0);
            for (int s : samples) {
                for (int k = 0; k < out[l].length; k++) {
                    double g = perSample[s][l][k];
                    out[l][k] += switch (reduction) {
                        case MEAN -> g;
                        case MEAN_SQUARE -> g * g;
                        case MEAN_ABS -> Math.abs(g);
                    };
                }
            }
            for (int k = 0; k < out[l].length; k++) {
                out[l][k] /= samples.length;
            }
        }
    }

    @Override
    public void outputs(SampleSet data, int sample, float[] logits) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<LayerActivity> activities(SampleSet data, int[] samples) {
        throw new UnsupportedOperationException("not scripted");
    }
}
