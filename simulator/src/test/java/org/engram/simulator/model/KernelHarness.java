package org.engram.simulator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives kernels without an engine: owns the input arrays behind an {@link InputView}, lets a test
 * put input into given steps, advances a {@link Kernel} over steps and collects its spikes; and
 * runs the precise-time event loop of an {@link ExactKernel} for one neuron.
 */
final class KernelHarness {
    private final int size;
    private final double dtMs;
    private final double[][] excitatory;
    private final double[][] inhibitory;
    private final double[][] current;
    private final InputView in;
    private final List<List<Integer>> spikeSteps = new ArrayList<>();
    private final SpikeSink sink = new SpikeSink() {
        @Override
        public void spike(int i, int step) {
            spikeSteps.get(i).add(step);
        }

        @Override
        public void spikeAt(int i, double timeMs) {
            throw new AssertionError("a grid kernel reported an off-grid spike");
        }
    };

    /**
     * A harness for {@code size} neurons and steps {@code [0, steps)}.
     *
     * @param size  number of neurons
     * @param steps number of steps that can take input
     * @param dtMs  the time step (ms)
     */
    KernelHarness(int size, int steps, double dtMs) {
        this.size = size;
        this.dtMs = dtMs;
        int slots = steps + 1;
        excitatory = new double[slots][size];
        inhibitory = new double[slots][size];
        current = new double[slots][size];
        in = new InputView(excitatory, inhibitory, current);
        for (int i = 0; i < size; i++) {
            spikeSteps.add(new ArrayList<>());
        }
    }

    /** Adds excitatory input that arrives at the end of {@code step}. */
    void excitatory(int step, int i, double weight) {
        excitatory[in.row(step)][i] += weight;
    }

    /** Adds inhibitory input that arrives at the end of {@code step}. */
    void inhibitory(int step, int i, double weight) {
        inhibitory[in.row(step)][i] += weight;
    }

    /**
     * Adds an input to neuron {@code i} that arrives at {@code timeMs}, the end of a step: excitatory
     * if {@code weight > 0}, else inhibitory.
     */
    void input(int i, double timeMs, double weight) {
        int step = (int) Math.round(timeMs / dtMs) - 1;
        if (weight > 0) {
            excitatory(step, i, weight);
        } else {
            inhibitory(step, i, weight);
        }
    }

    /** Sets the external current (pA) of neuron {@code i} during steps {@code [from, to)}. */
    void current(int fromStep, int toStep, int i, double pA) {
        for (int step = fromStep; step < toStep; step++) {
            current[in.row(step)][i] = pA;
        }
    }

    /** Advances every neuron through steps {@code [from, to)} in one call. */
    <S extends NeuronState> void run(Kernel<S> kernel, S state, int fromStep, int toStep) {
        kernel.update(state, 0, size, fromStep, toStep, in, sink);
    }

    /** Advances every neuron one step at a time, calling {@code probe} after each step. */
    <S extends NeuronState> void runStepwise(Kernel<S> kernel, S state, int fromStep, int toStep, StepProbe probe) {
        for (int step = fromStep; step < toStep; step++) {
            kernel.update(state, 0, size, step, step + 1, in, sink);
            probe.afterStep(step);
        }
    }

    /** Called after each step of {@link #runStepwise}. */
    interface StepProbe {
        void afterStep(int step);
    }

    /** The grid spike times of neuron {@code i} (the end of the step of each crossing), ms. */
    double[] spikeTimesMs(int i) {
        List<Integer> steps = spikeSteps.get(i);
        double[] times = new double[steps.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = (steps.get(k) + 1) * dtMs;
        }
        return times;
    }

    /** An input event for the precise driver. */
    record Event(double timeMs, Receptor receptor, double weight) {
    }

    /**
     * The precise-time loop for neuron {@code i}: before each event (and before {@code untilMs})
     * find crossings, propagate to each and fire; then propagate to the event and deliver it.
     *
     * @return the spike times (ms)
     */
    static <S extends NeuronState> double[] runExact(ExactKernel<S> kernel, S state, int i, double fromMs,
                                                     double untilMs, List<Event> events) {
        List<Double> spikes = new ArrayList<>();
        double now = fromMs;
        for (int e = 0; e <= events.size(); e++) {
            boolean last = e == events.size();
            double target = last ? untilMs : events.get(e).timeMs();
            double crossing = kernel.nextCrossingMs(state, i, now, target);
            while (!Double.isNaN(crossing)) {
                kernel.propagate(state, i, now, crossing);
                kernel.fire(state, i, crossing);
                spikes.add(crossing);
                now = crossing;
                crossing = kernel.nextCrossingMs(state, i, now, target);
            }
            kernel.propagate(state, i, now, target);
            now = target;
            if (!last) {
                kernel.receive(state, i, events.get(e).receptor(), events.get(e).weight(), now);
            }
        }
        double[] times = new double[spikes.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = spikes.get(k);
        }
        return times;
    }
}
