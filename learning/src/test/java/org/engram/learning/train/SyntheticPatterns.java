package org.engram.learning.train;

import java.util.List;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.simulator.random.SplitMixRandom;

/**
 * A small synthetic spike-pattern task: each class is a random set of strongly firing inputs
 * (value 0.8) among weakly firing ones (0.05); a sample is its class prototype with every value
 * jittered by uniform noise of +-0.15 and a fifth of the inputs replaced by random values.
 */
final class SyntheticPatterns {
    static final int INPUTS = 48;
    static final int CLASSES = 4;
    private static final long PROTOTYPE_SEED = 11;

    final float[][] x;
    final int[] y;

    private SyntheticPatterns(int samples, long sampleSeed) {
        SplitMixRandom protoRng = new SplitMixRandom(PROTOTYPE_SEED);
        float[][] proto = new float[CLASSES][INPUTS];
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < INPUTS; i++) {
                proto[c][i] = protoRng.nextDouble() < 0.3 ? 0.8f : 0.05f;
            }
        }
        SplitMixRandom rng = new SplitMixRandom(sampleSeed);
        x = new float[samples][INPUTS];
        y = new int[samples];
        for (int s = 0; s < samples; s++) {
            int c = s % CLASSES;
            y[s] = c;
            for (int i = 0; i < INPUTS; i++) {
                double value = rng.nextDouble() < 0.2 ? rng.nextDouble() : proto[c][i] + 0.3 * (rng.nextDouble() - 0.5);
                x[s][i] = (float) Math.min(1, Math.max(0, value));
            }
        }
    }

    /** @return 480 training samples */
    static SyntheticPatterns train() {
        return new SyntheticPatterns(480, 101);
    }

    /** @return 240 held-out samples of the same classes */
    static SyntheticPatterns test() {
        return new SyntheticPatterns(240, 202);
    }

    /**
     * A small network for these patterns: 32 LIF units, a mean-membrane readout, tau 10 ms.
     *
     * @param seed the weights' seed
     * @return the network
     */
    static LayeredNet smallNet(long seed) {
        return LayeredNet.create(LayeredNetSpec.of(INPUTS, List.of(HiddenLayer.lif(32, 10.0)),
                ReadoutLayer.of(CLASSES, Readout.MEAN_MEMBRANE, 10.0)), seed);
    }
}
