package org.engram.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * The monitors a benchmark adds to its engine, so that its loop time includes what recording costs, and
 * what they hold once the loop is done. Every population of the network gets each monitor asked for.
 */
public final class BenchRecording {
    /** Neurons per population whose potential {@link Monitor#STATE} samples: a figure's worth of traces. */
    public static final int STATE_NEURONS = 100;

    /** What can be recorded. */
    public enum Monitor {
        /** The spikes of every neuron, kept with their times. */
        SPIKES("recorded_spikes", "spikes"),
        /** The population rate, in bins of the whole number of steps nearest 1 ms. */
        RATE("recorded_rate_bins", "rate bins"),
        /**
         * The potential {@code v} of {@value #STATE_NEURONS} neurons spread evenly (every neuron of a smaller
         * population), at every step.
         */
        STATE("recorded_state_values", "state values");

        private final String reportKey;
        private final String held;

        Monitor(String reportKey, String held) {
            this.reportKey = reportKey;
            this.held = held;
        }

        /** {@return the name the command line and the report give it, e.g. {@code spikes}} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@return the report's key of what these monitors hold after the run, e.g. {@code recorded_spikes}} */
        public String reportKey() {
            return reportKey;
        }

        /** {@return what these monitors hold, as the text report counts it, e.g. {@code rate bins}} */
        public String held() {
            return held;
        }
    }

    private final List<SpikeRecorder> spikes = new ArrayList<>();
    private final List<RateMonitor> rates = new ArrayList<>();
    private final List<StateRecorder> states = new ArrayList<>();

    private BenchRecording() {
    }

    /**
     * Adds the monitors asked for to an engine that has not run yet.
     *
     * @param engine  the engine
     * @param network its network
     * @param what    the monitors, none for a run that records nothing
     * @return the monitors added, to read once the run is done
     */
    public static BenchRecording attach(Engine engine, Network network, Set<Monitor> what) {
        BenchRecording r = new BenchRecording();
        double dtMs = network.grid().dtMs();
        double binMs = dtMs * Math.max(1, network.grid().nearestSteps(1.0));
        for (Population<?, ?> p : network.populations()) {
            if (what.contains(Monitor.SPIKES)) {
                r.spikes.add(engine.recordSpikes(p));
            }
            if (what.contains(Monitor.RATE)) {
                r.rates.add(engine.recordRate(p, binMs));
            }
            if (what.contains(Monitor.STATE)) {
                r.states.add(engine.recordState(p, "v", spreadNeurons(p.size()), dtMs));
            }
        }
        return r;
    }

    /**
     * {@value #STATE_NEURONS} neurons of a population, spread evenly from its first, or all of a smaller one.
     *
     * @param size the population's size
     * @return distinct local indices in ascending order
     */
    static int[] spreadNeurons(int size) {
        int n = Math.min(size, STATE_NEURONS);
        int[] neurons = new int[n];
        for (int k = 0; k < n; k++) {
            neurons[k] = (int) ((long) k * size / n);
        }
        return neurons;
    }

    /** {@return the spikes the spike recorders hold} */
    public long spikes() {
        long sum = 0;
        for (SpikeRecorder s : spikes) {
            sum += s.count();
        }
        return sum;
    }

    /** {@return the bins the rate monitors hold} */
    public long rateBins() {
        long sum = 0;
        for (RateMonitor m : rates) {
            sum += m.binCount();
        }
        return sum;
    }

    /** {@return the values the state recorders hold: samples times neurons} */
    public long stateValues() {
        long sum = 0;
        for (StateRecorder s : states) {
            sum += (long) s.sampleCount() * s.neuronCount();
        }
        return sum;
    }
}
