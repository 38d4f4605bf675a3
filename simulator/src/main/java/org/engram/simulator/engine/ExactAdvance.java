package org.engram.simulator.engine;

import java.util.Arrays;
import java.util.List;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Population;

/**
 * Precise mode's advance of neurons: each is propagated exactly from input event to input event,
 * and its model's exact kernel finds its threshold crossings, which are emitted at their exact
 * times. A neuron without input looks ahead for its next crossing once and keeps the prediction
 * until an input changes it, so a quiet neuron costs a search now and then rather than one per
 * step; a crossing so kept is the one its search found, whose time is exact to the root search's
 * bracket (about 1e-13 ms), so how far a search looks ahead can move a spike by that much. Current
 * inputs (current sources, constant currents, noise, sinusoids) are piecewise
 * constant on the grid: a neuron whose summed current changes at a step's start is moved there and
 * injected with the new current, which its kernel integrates exactly until the next change. The engine passes
 * each worker's share of the neurons; each worker has its own event scratch.
 */
final class ExactAdvance {
    private final double dtMs;
    /** Per population: the Poisson drives into it. */
    private final PoissonDrive[][] poissonByPopulation;
    /** Per population: the current sources and constant currents into it. */
    private final CurrentDrive[][] currentsByPopulation;
    /** Per population: the noise currents into it. */
    private final NoiseDrive[][] noiseByPopulation;
    /** Per worker: where a neuron's events of a step are gathered and sorted. */
    private final EventScratch[] scratch;
    /** Per worker: the queued events of the step being advanced, ordered by neuron. */
    private final PreciseQueue[] byNeuron;
    /** Per population: its state recorders. */
    private final List<List<StateSampler>> stateRecorders;

    ExactAdvance(double dtMs, PoissonDrive[][] poissonByPopulation, CurrentDrive[][] currentsByPopulation,
                 NoiseDrive[][] noiseByPopulation, EventScratch[] scratch, List<List<StateSampler>> stateRecorders) {
        this.dtMs = dtMs;
        this.poissonByPopulation = poissonByPopulation;
        this.currentsByPopulation = currentsByPopulation;
        this.noiseByPopulation = noiseByPopulation;
        this.scratch = scratch;
        byNeuron = new PreciseQueue[scratch.length];
        Arrays.setAll(byNeuron, w -> new PreciseQueue());
        this.stateRecorders = stateRecorders;
    }

    /**
     * Emits the spikes of neurons {@code [lo, hi)} at exactly time 0 (a neuron starting at threshold,
     * a spike source's time 0), before the first step.
     */
    static <S extends NeuronState> void fireAtTimeZero(PopulationRuntime rt, BoundKernels.ExactUpdate<S> exact,
                                                       int lo, int hi, SpikeBuffer out) {
        for (int i = lo; i < hi; i++) {
            rt.neuronTimeMs[i] = fireCachedCrossings(exact.kernel(), exact.state(), i, rt.neuronTimeMs[i], 0.0,
                    rt.crossingMs, rt.horizonMs, out, rt.population);
        }
    }

    /**
     * Advances neurons {@code [lo, hi)} of population {@code p} through steps {@code [from, to)}: each
     * takes its new injected current at the step's start, its queued events and Poisson input of the
     * step in time order, fires every crossing before each, and samples the state recorders due at the
     * step's end.
     */
    <S extends NeuronState> void advance(PopulationRuntime rt, BoundKernels.ExactUpdate<S> exact, int p, int w,
                                         int from, int to, int lo, int hi, SpikeBuffer out) {
        final ExactKernel<S> kernel = exact.kernel();
        final S state = exact.state();
        final double dt = dtMs;
        final double[] time = rt.neuronTimeMs;
        final int[] counts = rt.eventCount;
        final int n = rt.size;
        final PoissonDrive[] drives = poissonByPopulation[p];
        final EventScratch events = scratch[w];
        final PreciseQueue sorted = byNeuron[w];
        final List<StateSampler> recorders = stateRecorders.get(p);
        final ShownState shown = rt.shown;
        final double[] crossing = rt.crossingMs;
        final double[] horizon = rt.horizonMs;
        final double[] stepCurrent = rt.stepCurrentPa;
        final double[] injected = stepCurrent == null ? null : exact.injectedCurrentPa();
        for (int s = from; s < to; s++) {
            final double stepStart = s * dt;
            final double stepEnd = (s + 1) * dt;
            final int slot = s % rt.slots;
            final int base = slot * n;
            rt.queues[w][slot].sortByTarget(counts, base, lo, hi, sorted);
            int first = 0;   // where the next neuron's events begin in sorted
            out.currentStep = s;
            if (stepCurrent != null) {
                sumCurrents(p, stepCurrent, lo, hi, s);
            }
            for (int i = lo; i < hi; i++) {
                if (stepCurrent != null && stepCurrent[i] != injected[i]) {
                    // The previous step fired every crossing up to its end, this step's start; the
                    // neuron's prediction assumed the old current.
                    kernel.propagate(state, i, time[i], stepStart);
                    time[i] = stepStart;
                    injected[i] = stepCurrent[i];
                    horizon[i] = Double.NEGATIVE_INFINITY;
                }
                events.clear();
                int end = counts[base + i];
                if (end > 0) {
                    counts[base + i] = 0;
                    for (int e = first; e < end; e++) {
                        // An arrival on the step's end (spike time plus delay) can round an ulp past it;
                        // it belongs to this step, whose end the neuron must not pass.
                        events.add(Math.min(stepStart + sorted.offsetMs[e], stepEnd), sorted.weight[e],
                                sorted.inhibitory[e]);
                    }
                    first = end;
                }
                for (PoissonDrive d : drives) {
                    d.collect(i, stepEnd, events);
                }
                if (events.count == 0 && horizon[i] >= stepEnd && !(crossing[i] <= stepEnd)) {
                    // No input and the cached prediction says no crossing in this step: nothing to do.
                    continue;
                }
                if (events.count > 1) {
                    events.sortByTime();
                }
                double t = time[i];
                for (int k = 0; k < events.count; ) {
                    double te = events.timeMs[k];
                    t = fireCrossings(kernel, state, i, t, te, out, rt.population);
                    kernel.propagate(state, i, t, te);
                    t = te;
                    // Events at the same time act together, as within a grid step: no threshold
                    // test between them, so their order (that of the populations) cannot matter.
                    // Times an ulp or so apart are one moment reached by two sums (spike time plus
                    // delay) rounded differently.
                    do {
                        kernel.receive(state, i, events.inhibitory[k] ? Receptor.INHIBITORY : Receptor.EXCITATORY,
                                events.weight[k], te);
                        k++;
                    } while (k < events.count && TimeGrid.atOrBefore(events.timeMs[k], te));
                }
                if (events.count > 0) {
                    horizon[i] = Double.NEGATIVE_INFINITY;
                }
                time[i] = fireCachedCrossings(kernel, state, i, t, stepEnd, crossing, horizon, out, rt.population);
            }
            int end = s + 1;
            for (int q = 0; q < recorders.size(); q++) {
                StateSampler r = recorders.get(q);
                if (end % r.intervalSteps() == 0) {
                    int index = end / r.intervalSteps() - 1;
                    int last = r.firstPositionAtOrAbove(hi);
                    for (int k = r.firstPositionAtOrAbove(lo); k < last; k++) {
                        int i = r.neuronAtPosition(k);
                        shown.hold(i);
                        kernel.propagate(state, i, time[i], stepEnd);
                        r.sampleOne(index, k);
                        assert shown.showsAgain(kernel, state, i, time[i], stepEnd);
                        shown.release(i);
                    }
                }
            }
        }
    }

    /** Sums the current inputs of population {@code p} into neurons {@code [lo, hi)} at step {@code s}. */
    private void sumCurrents(int p, double[] stepCurrent, int lo, int hi, int s) {
        Arrays.fill(stepCurrent, lo, hi, 0);
        for (CurrentDrive c : currentsByPopulation[p]) {
            c.add(stepCurrent, lo, hi, s);
        }
        for (NoiseDrive n : noiseByPopulation[p]) {
            n.add(stepCurrent, lo, hi);
        }
    }

    /**
     * How far ahead a neuron's next crossing is first predicted. The prediction stays valid until an
     * input event changes the neuron; a neuron still quiet past it looks ahead as far again as it
     * has been quiet, so it is searched a logarithmic number of times, not once per step.
     */
    private static final double PREDICTION_HORIZON_MS = 10.0;

    /**
     * The most spikes a neuron may emit in precise mode within one step and between two of its input
     * events: 10 MHz at dt = 0.1 ms, beyond any model's use, but a bound on a neuron that would
     * otherwise fire without end ({@link #runawayFiring}).
     */
    static final int MAX_CROSSINGS_BETWEEN_EVENTS = 1000;

    /**
     * Emits the crossings of neuron {@code i} up to {@code until} using and refreshing its cached
     * prediction; returns the neuron's new time.
     */
    private static <S extends NeuronState> double fireCachedCrossings(ExactKernel<S> kernel, S state, int i,
                                                                      double t, double until, double[] crossing,
                                                                      double[] horizon, SpikeBuffer out,
                                                                      Population<?, ?> population) {
        int fired = 0;
        while (true) {
            if (horizon[i] < until) {
                double end = t + PREDICTION_HORIZON_MS;
                if (end < until) {
                    // Quiet past its first horizon. A crossing the look-ahead finds is searched again over
                    // [t, until] once its step has come, so spike times do not depend on the look-ahead.
                    double ahead = until + (until - t);
                    double c = nextCrossing(kernel, state, i, t, ahead, population);
                    if (!(c <= until)) {
                        crossing[i] = Double.NaN;
                        horizon[i] = Double.isNaN(c) ? ahead : Math.nextDown(c);
                        return t;
                    }
                    end = until;
                }
                crossing[i] = nextCrossing(kernel, state, i, t, end, population);
                horizon[i] = end;
            }
            double c = crossing[i];
            if (!(c <= until)) {
                return t;
            }
            fireAt(kernel, state, i, t, c, fired++, out, population);
            t = c;
            horizon[i] = Double.NEGATIVE_INFINITY;
        }
    }

    /** Emits every threshold crossing of neuron {@code i} in {@code [t, until]}; returns its new time. */
    private static <S extends NeuronState> double fireCrossings(ExactKernel<S> kernel, S state, int i, double t,
                                                                double until, SpikeBuffer out,
                                                                Population<?, ?> population) {
        double crossing = nextCrossing(kernel, state, i, t, until, population);
        int fired = 0;
        while (!Double.isNaN(crossing)) {
            fireAt(kernel, state, i, t, crossing, fired++, out, population);
            t = crossing;
            crossing = nextCrossing(kernel, state, i, t, until, population);
        }
        return t;
    }

    /**
     * Moves neuron {@code i} from {@code t} to its crossing {@code c} and emits its spike there;
     * {@code fired} counts the spikes it emitted before within the step and since its last input event.
     */
    private static <S extends NeuronState> void fireAt(ExactKernel<S> kernel, S state, int i, double t, double c,
                                                       int fired, SpikeBuffer out, Population<?, ?> population) {
        if (fired == MAX_CROSSINGS_BETWEEN_EVENTS) {
            throw runawayFiring(population, i, c);
        }
        kernel.propagate(state, i, t, c);
        kernel.fire(state, i, c);
        out.spikeAt(i, c);
    }

    /**
     * A kernel's first crossing in {@code [t, until]}, or NaN; one outside the interval, which a
     * model's own kernel may give, is refused by name: emitted, it put spikes out of time order.
     */
    private static <S extends NeuronState> double nextCrossing(ExactKernel<S> kernel, S state, int i, double t,
                                                               double until, Population<?, ?> population) {
        double c = kernel.nextCrossingMs(state, i, t, until);
        if (c < t || c > until) {
            throw new EngramException(KernelOwner.of(population), "exact kernel", "NaN or a time in [" + t + ", "
                    + until + "] from nextCrossingMs(state, " + i + ", " + t + ", " + until + ")", String.valueOf(c),
                    null);
        }
        return c;
    }

    /**
     * The refusal of a neuron that fires without end: without refractoriness ({@code t_ref = 0}) a
     * strong input shortens the interval between spikes towards zero, below the resolution of a time
     * in ms, and the neuron would fire at one instant until the memory is exhausted.
     */
    private static EngramException runawayFiring(Population<?, ?> population, int neuron, double timeMs) {
        return new EngramException("population '" + population.name() + "' (model '" + population.model().name()
                + "')", "neuron " + neuron, "at most " + MAX_CROSSINGS_BETWEEN_EVENTS + " spikes of one neuron "
                        + "within a step and between two of its input events (precise mode)",
                (MAX_CROSSINGS_BETWEEN_EVENTS + 1) + " by " + timeMs + " ms",
                "a refractory period t_ref > 0 bounds the rate (without one, a strong input drives the interval "
                        + "between spikes towards 0), as does grid mode (a spike per step); a model of your own must "
                        + "also leave the potential below threshold when it fires (its reset)");
    }
}
