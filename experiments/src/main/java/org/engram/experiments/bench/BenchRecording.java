package org.engram.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineChecks;
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
     * Adds the monitors asked for to an engine that has not run yet. The potentials' samples are checked first,
     * as {@code engram simulate} checks a config's: more than one array or the heap holds are refused here, by
     * {@code --record}, before the engine would refuse them by the recorder at the run's start.
     *
     * @param engine     the engine
     * @param network    its network
     * @param what       the monitors, none for a run that records nothing
     * @param durationMs the time the engine will run, a whole number of steps
     * @param command    the command, for a refusal: {@code bench cuba}
     * @return the monitors added, to read once the run is done
     * @throws ParameterException naming {@code --record} for potentials past one array or the heap
     */
    public static BenchRecording attach(Engine engine, Network network, Set<Monitor> what, double durationMs,
                                        String command) {
        BenchRecording r = new BenchRecording();
        double dtMs = network.grid().dtMs();
        double binMs = dtMs * Math.max(1, network.grid().nearestSteps(1.0));
        if (what.contains(Monitor.STATE)) {
            int steps = network.grid().nearestSteps(durationMs);
            for (Population<?, ?> p : network.populations()) {
                try {
                    EngineChecks.requireStateCapacity(p.name(), "v", steps, spreadNeurons(p.size()).length);
                } catch (ParameterException e) {
                    throw refused(command, what, durationMs, e);
                }
            }
        }
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
     * The refusal of a recording that the run cannot hold: {@code --record}'s to change, or the duration's, with
     * the recorder's own account of what it asked for.
     *
     * @param command    the command, e.g. {@code bench cuba}
     * @param what       the monitors asked for
     * @param durationMs the run's time
     * @param e          the recorder's refusal
     * @return the refusal, naming {@code --record}
     */
    public static ParameterException refused(String command, Set<Monitor> what, double durationMs,
                                             ParameterException e) {
        boolean heap = e instanceof HeapLimitExceeded;
        return new ParameterException(command, "--record", "a recording that " + (heap ? "the Java heap" : "one Java"
                + " array") + " holds", labels(what) + " for " + MetricFormat.asWritten(durationMs) + " ms",
                e.source() + ": " + e.location() + ": expected " + e.expected() + ", found " + e.found() + "; record"
                        + " less or a shorter --duration-ms" + (heap ? ", or " + HeapLimitExceeded.MORE_HEAP : ""));
    }

    /** {@return the monitors' labels in the order of {@link Monitor}, separated by commas: {@code spikes,state}} */
    private static String labels(Set<Monitor> what) {
        return String.join(",", labelList(what));
    }

    /** {@return the monitors' labels in the order of {@link Monitor}} */
    static List<String> labelList(Set<Monitor> what) {
        return what.stream().sorted().map(Monitor::label).toList();
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
