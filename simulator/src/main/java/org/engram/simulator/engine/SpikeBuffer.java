package org.engram.simulator.engine;

import java.util.Arrays;
import org.engram.simulator.model.SpikeSink;

/**
 * The spikes one worker emitted during a slice, in emission order, which is (population, step,
 * neuron) order because a worker advances its neurons population by population; the
 * {@link SpikeExchange} records where each population's segment starts.
 *
 * <p>Grows only when full (at most a few times per run); never allocates per spike otherwise.
 */
final class SpikeBuffer implements SpikeSink {
    int count;
    int[] neuron = new int[256];
    int[] step = new int[256];
    double[] timeMs = new double[256];

    private final double dtMs;
    /** Precise mode: the step being processed, set by the engine before the step's neurons. */
    int currentStep;

    /** @param dtMs the time step in ms, which turns grid steps into spike times */
    SpikeBuffer(double dtMs) {
        this.dtMs = dtMs;
    }

    @Override
    public void spike(int i, int s) {
        add(i, s + 1, (s + 1) * dtMs);
    }

    @Override
    public void spikeAt(int i, double t) {
        add(i, currentStep, t);
    }

    private void add(int i, int s, double t) {
        if (count == neuron.length) {
            int n = count * 2;
            neuron = Arrays.copyOf(neuron, n);
            step = Arrays.copyOf(step, n);
            timeMs = Arrays.copyOf(timeMs, n);
        }
        neuron[count] = i;
        step[count] = s;
        timeMs[count] = t;
        count++;
    }
}
