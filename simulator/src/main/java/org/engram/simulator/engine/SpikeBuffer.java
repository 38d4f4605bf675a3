package org.engram.simulator.engine;

import java.util.Arrays;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.SpikeSink;
import org.engram.simulator.network.Population;

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

    // What the kernel being run may emit (expect): a kernel of one's own that reports another
    // neuron or step would otherwise fail later, far from its cause, or record a neuron that does
    // not exist.
    private Population<?, ?> population;
    private int lo;
    private int hi;
    private int fromStep;
    private int toStep;
    private boolean precise;
    /** The last grid spike of the call, {@code lastStep = fromStep, lastNeuron = -1} before the first. */
    private int lastStep;
    private int lastNeuron;

    /** @param dtMs the time step in ms, which turns grid steps into spike times */
    SpikeBuffer(double dtMs) {
        this.dtMs = dtMs;
    }

    /**
     * Says what the next kernel call may emit: neurons {@code [lo, hi)} of {@code population} in
     * steps {@code [fromStep, toStep)}, by {@link #spike} in grid mode, in ascending order of step
     * and then neuron (a neuron may repeat within a step), or by {@link #spikeAt} (the engine's) in precise mode.
     */
    void expect(Population<?, ?> population, int lo, int hi, int fromStep, int toStep, boolean precise) {
        this.population = population;
        this.lo = lo;
        this.hi = hi;
        this.fromStep = fromStep;
        this.toStep = toStep;
        this.precise = precise;
        lastStep = fromStep;
        lastNeuron = -1;
    }

    @Override
    public void spike(int i, int s) {
        if (i < lo || i >= hi || s < fromStep || s >= toStep || precise) {
            throw unexpected("spike(" + i + ", " + s + ")");
        }
        if (s < lastStep || s == lastStep && i < lastNeuron) {
            // The merge of the workers' spikes, and so what listeners and recorders see, needs the order. A
            // neuron may fire several times in a step: a poisson_source at a high rate does, and a spike source
            // given one time twice.
            throw new EngramException(kernelOf(), "kernel", "spikes in non-decreasing order of step and then neuron",
                    "spike(" + i + ", " + s + ") after spike(" + lastNeuron + ", " + lastStep + ")", null);
        }
        lastStep = s;
        lastNeuron = i;
        add(i, s + 1, (s + 1) * dtMs);
    }

    @Override
    public void spikeAt(int i, double t) {
        if (i < lo || i >= hi || !precise) {
            throw unexpected("spikeAt(" + i + ", " + t + ")");
        }
        add(i, currentStep, t);
    }

    private String kernelOf() {
        return KernelOwner.of(population);
    }

    /** A call outside the contract: an error of the model's code, which the engine found. */
    private EngramException unexpected(String call) {
        return new EngramException(kernelOf(), "kernel", precise ? "no grid spike in precise mode"
                : "spike(i, step) with a neuron in [" + lo + ", " + hi + ") and a step in [" + fromStep + ", "
                + toStep + ") (the range and steps of this call; spikeAt is precise mode's)", call, null);
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
