package org.engram.simulator.engine;

import java.util.Arrays;
import org.engram.simulator.model.SpikeSink;

/**
 * The spikes one worker emitted during a slice, in emission order, which is (population, step,
 * neuron) order because a worker advances its neurons population by population.
 *
 * <p>Grows only when full (at most a few times per run); never allocates per spike otherwise.
 */
final class SpikeBuffer implements SpikeSink {
    int count;
    int[] population = new int[256];
    int[] neuron = new int[256];
    int[] step = new int[256];
    double[] timeMs = new double[256];

    private int currentPopulation;
    private double dtMs;
    /** Precise mode: the step being processed, set by the engine before each neuron. */
    int currentStep;

    void begin(int populationIndex, double dt) {
        this.currentPopulation = populationIndex;
        this.dtMs = dt;
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
            population = Arrays.copyOf(population, n);
            neuron = Arrays.copyOf(neuron, n);
            step = Arrays.copyOf(step, n);
            timeMs = Arrays.copyOf(timeMs, n);
        }
        population[count] = currentPopulation;
        neuron[count] = i;
        step[count] = s;
        timeMs[count] = t;
        count++;
    }
}
