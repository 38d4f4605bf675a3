package org.engram.simulator.engine;

import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Adds a {@link NoiseCurrent} into the neurons' current of each step (grid mode: the step's
 * input row; precise mode: the current injected from the step's start): per neuron and step
 * {@code mean + std z}, {@code z} standard normal by the Box-Muller transform of two numbers of the
 * neuron's own SplitMix64 stream, kept as one {@code long} per neuron (workers advance disjoint
 * ranges, so the draws do not depend on the thread count).
 */
final class NoiseDrive {
    /** Numbers drawn per neuron and step: the two of a Box-Muller pair. */
    private static final int DRAWS_PER_STEP = 2;

    final int target;
    private final int[] neurons;
    private final double mean;
    private final double std;
    private final long[] streams;

    NoiseDrive(NoiseCurrent noise, int sourceIndex, long seed) {
        this.target = noise.target().index();
        this.neurons = ChosenInOrder.sorted(noise.neurons());
        this.mean = noise.meanPa();
        this.std = noise.stdPa();
        int n = noise.target().size();
        streams = new long[n];
        for (int i = 0; i < n; i++) {
            streams[i] = RandomStreams.streamState(seed, Purpose.NOISE_CURRENT, ((long) sourceIndex << 32) | i);
        }
    }

    /**
     * Goes on with the noise that earlier engines on the network drew rather than repeating it.
     *
     * @param steps the grid steps simulated before this engine
     */
    void continueAfter(long steps) {
        for (int i = 0; i < streams.length; i++) {
            streams[i] += steps * DRAWS_PER_STEP * RandomStreams.GAMMA;
        }
    }

    /** Adds the noise of the next step into {@code currentPa} for neurons {@code [lo, hi)}. */
    void add(double[] currentPa, int lo, int hi) {
        if (neurons == null) {
            for (int i = lo; i < hi; i++) {
                currentPa[i] += draw(i);
            }
        } else {
            for (int k = ChosenInOrder.firstFrom(neurons, lo); k < neurons.length && neurons[k] < hi; k++) {
                currentPa[neurons[k]] += draw(neurons[k]);
            }
        }
    }

    /** The current of neuron {@code i} for its next step. */
    private double draw(int i) {
        long x = streams[i] + RandomStreams.GAMMA;
        long y = x + RandomStreams.GAMMA;
        streams[i] = y;
        // 1 - u lies in (0, 1]: its logarithm is finite.
        double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - RandomStreams.toUnitDouble(RandomStreams.mix(x))));
        return mean + std * radius * StrictMath.cos(2 * Math.PI * RandomStreams.toUnitDouble(RandomStreams.mix(y)));
    }
}
