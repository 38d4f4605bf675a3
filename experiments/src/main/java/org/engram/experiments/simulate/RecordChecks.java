package org.engram.experiments.simulate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.StatesPastTheHeap;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.RatesPastTheHeap;
import org.engram.simulator.monitor.SpikesPastTheHeap;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * The checks of an {@code engram simulate} config's {@code record} section, made with the rest of
 * the config's, before anything runs: by the rules the engine's recorders would apply later.
 */
final class RecordChecks {
    /** What to change when the rate bins cannot fit the heap. */
    private static final String RATES_HINT = "a wider rate_bin_ms, fewer populations in record.spikes or a shorter"
            + " run, or " + HeapLimitExceeded.MORE_HEAP;
    /** Why a recording that fits the heap by its size found no room at the run. */
    private static final String NO_ROOM_LEFT = "for which the heap, holding the network and the other recordings,"
            + " had no room";

    private RecordChecks() {
    }

    /**
     * Checks what {@code record} names, adding each problem: a population that does not exist (when
     * {@code named}: every population's name is the config's own, none left out for its problem), one
     * listed twice in {@code record.spikes}, a rate bin the engine would refuse, a {@code record.state}
     * entry's variable, neurons and interval the engine would refuse, an entry of no neurons, and two
     * entries of one population and variable (both would write the same file, the second over the
     * first). The checks by the engine's rules need what they depend on: the bin and interval the
     * config's own time grid, the variable and neurons their population built.
     *
     * @param factory      the network's factory, after {@link NetworkFromConfig#build()}
     * @param network      the network it built, or null when it did not
     * @param durationHint added to a problem of the run's length when the command line set it, else null
     */
    static void check(SimulationConfig c, String source, boolean named, NetworkFromConfig factory, Network network,
                      String durationHint, List<ConfigException> problems) {
        List<String> names = NetworkFromConfig.populationNames(c);
        List<String> spikes = c.record().spikes() == null ? List.of() : c.record().spikes();
        TimeGrid grid = factory.grid();
        // Each population whose spikes are recorded (by default every one) has its rate monitor. A bin other than
        // the default is checked without one too (record.spikes: [] let rate_bin_ms: -1 pass); the default, or a bin
        // written as 1, only where it is used: the record keeps no sign of whether the key was written.
        int rated = (c.record().spikes() == null ? names : spikes).size();
        boolean binGiven = c.record().rateBinMs() != SimulationConfig.RecordSpec.DEFAULT_RATE_BIN_MS;
        if (grid != null && (rated > 0 || binGiven)) {
            try {
                EngineChecks.requireRateBin(grid, c.record().rateBinMs());
                ConfigException pastTheHeap = ratesPastTheHeap(c, grid, source, rated, durationHint);
                if (pastTheHeap != null) {
                    problems.add(pastTheHeap);
                }
            } catch (EngramException e) {
                // Not a multiple of dt: often the default, which a dt that does not divide 1 ms refuses.
                double bin = c.record().rateBinMs();
                boolean offTheGrid = bin > 0 && Double.isFinite(bin) && !grid.isWholeSteps(bin);
                problems.add(ConfigException.placed(e, source, "record.rate_bin_ms",
                        offTheGrid ? "set record.rate_bin_ms to a multiple of dt_ms (without it the bin is 1 ms)"
                                : null));
            }
        }
        checkRecordingStart(c, source, grid, durationHint, problems);
        Integer sampled = c.record().spikeNeurons();
        if (sampled != null && sampled < 1) {
            problems.add(new ConfigException(source, "record.spike_neurons", "an integer >= 1 (the first neurons of "
                    + "each population whose spikes are recorded; without the key, every neuron)", sampled.toString(),
                    null));
        }
        for (int i = 0; i < spikes.size(); i++) {
            int first = spikes.indexOf(spikes.get(i));
            if (!names.contains(spikes.get(i)) && named) {
                problems.add(NetworkFromConfig.unknownPopulation(names, spikes.get(i), source,
                        "record.spikes[" + i + "]"));
            } else if (first < i) {
                problems.add(new ConfigException(source, "record.spikes[" + i + "]", "a population not listed before"
                        + " (it is record.spikes[" + first + "])", spikes.get(i), null));
            }
        }
        List<String> projections = c.projections().stream().map(SimulationConfig.ProjectionSpec::name).toList();
        List<String> synapses = c.record().synapses();
        for (int i = 0; i < synapses.size(); i++) {
            String path = "record.synapses[" + i + "]";
            if (!projections.contains(synapses.get(i))) {
                problems.add(new ConfigException(source, path, "the name of a projection (" + projections + ")",
                        synapses.get(i), Suggestions.didYouMean(synapses.get(i), projections)));
            } else if (synapses.indexOf(synapses.get(i)) < i) {
                problems.add(new ConfigException(source, path, "a projection not listed before", synapses.get(i),
                        null));
            } else {
                for (int j = 0; j < i; j++) {
                    String file = ResultFileNames.synapsesFile(synapses.get(i));
                    if (ResultFileNames.synapsesFile(synapses.get(j)).equalsIgnoreCase(file)) {
                        // Written one after the other, the second file would replace the first (on a disk
                        // that ignores case, too).
                        problems.add(new ConfigException(source, path, "a projection whose file differs from that of "
                                + "record.synapses[" + j + "] ('" + synapses.get(j) + "'; both would write "
                                + file + ")", synapses.get(i),
                                "rename one of the projections"));
                        break;
                    }
                }
            }
        }
        WeightRecordChecks.check(c, source, grid, network, durationHint, problems);
        List<SimulationConfig.StateSpec> state = c.record().state();
        for (int i = 0; i < state.size(); i++) {
            SimulationConfig.StateSpec b = state.get(i);
            String path = "record.state[" + i + "]";
            if (!names.contains(b.population()) && named) {
                problems.add(NetworkFromConfig.unknownPopulation(names, b.population(), source, path + ".population"));
            }
            // A population not built for its parameters' problems is checked by its stand-in.
            Population<?, ?> p = factory.builtOrStandIn(b.population());
            if (p != null) {
                try {
                    p.values(b.variable());   // the recorder's rule: a recordable variable of the model
                } catch (EngramException e) {
                    // A variable is the population's model's: an override of the interval is no cause.
                    problems.add(ConfigException.against("population", source, path + ".variable", e.expected(),
                            e.found(), e.hint()));
                }
            }
            if (b.neurons() != null && b.neurons().length == 0 && !b.allNeurons()) {
                // An empty list would write a CSV with a header and nothing else.
                problems.add(new ConfigException(source, path + ".neurons", "at least one neuron index (without the"
                        + " key: neuron 0)", "an empty list", null));
            } else if (p != null && b.neurons() != null && !b.allNeurons()) {
                try {
                    StateRecorder.requireNeurons(p, b.neurons());
                } catch (EngramException e) {
                    problems.add(ConfigException.placed(e, source, path + ".neurons", null));
                }
            }
            if (grid != null) {
                // Without the key the interval is one step, and a recording too large is the entry's.
                String field = b.intervalMs() == null ? path : path + ".interval_ms";
                int intervalSteps = 0;
                try {
                    intervalSteps = EngineChecks.stateIntervalSteps(grid, b.intervalMsOr(grid.dtMs()));
                } catch (EngramException e) {
                    problems.add(ConfigException.placed(e, source, field, null));
                }
                if (intervalSteps > 0) {
                    try {
                        checkCapacity(c, grid, b, intervalSteps);
                    } catch (EngramException e) {
                        // Only the recording's size depends on the run's length, which the hint names.
                        problems.add(ConfigException.placed(e, source, field, durationHint));
                    }
                }
            }
            for (int j = 0; j < i; j++) {
                SimulationConfig.StateSpec a = state.get(j);
                if (Objects.equals(a.population(), b.population()) && Objects.equals(a.variable(), b.variable())) {
                    problems.add(new ConfigException(source, path, "a population and variable not recorded by "
                            + "record.state[" + j + "] (both would write state_" + b.population() + "_" + b.variable()
                            + ".csv; list every neuron in one entry)", b.population() + " " + b.variable(), null));
                    break;
                }
            }
        }
    }

    /**
     * The rate monitors' bins, 8 bytes each for every population whose spikes are recorded, past the
     * heap: refused at the bin before anything runs (the engine refuses them at the run, after the setup).
     *
     * @return the problem, or null when they fit or the run's length is itself a problem
     */
    private static ConfigException ratesPastTheHeap(SimulationConfig c, TimeGrid grid, String source, int populations,
                                                    String durationHint) {
        if (c.durationMs() == null || !(c.durationMs() > c.record().fromMs())) {
            return null;
        }
        try {
            // A duration past the steps a run may take is refused as such: its bins would only repeat it.
            grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        } catch (EngramException refused) {
            return null;
        }
        double bytes = RecordRoom.rateBins(c) * (double) Long.BYTES * populations;
        if (bytes <= Runtime.getRuntime().maxMemory()) {
            return null;
        }
        return new ConfigException(source, "record.rate_bin_ms", ratesRule(), String.format(Locale.ROOT,
                "%d bins x %d populations (%.0f MB)", RecordRoom.rateBins(c), populations, bytes / 1e6),
                RATES_HINT + (durationHint == null ? "" : "; " + durationHint));
    }


    /**
     * A rate monitor whose bins the heap, which the check before the run found large enough for them, could not
     * hold beside the network and the other recordings when the run made room for them, told in the config's
     * terms.
     *
     * @param e      the monitor's error
     * @param source the config file's name
     * @return the error at {@code record.rate_bin_ms}
     */
    static ConfigException ratesPastTheHeap(RatesPastTheHeap e, String source) {
        return new ConfigException(source, "record.rate_bin_ms", ratesRule(), String.format(Locale.ROOT,
                "%d bins of %s ms of '%s' up to %s ms (%.0f MB), %s", e.bins(), MetricFormat.asWritten(e.binMs()),
                e.population(), MetricFormat.asWritten(e.timeMs()), e.megabytes(), NO_ROOM_LEFT),
                RATES_HINT);
    }

    /** {@return the rule of {@code record.rate_bin_ms} by the heap, with its size} */
    private static String ratesRule() {
        return String.format(Locale.ROOT, "rate bins that fit the Java heap (%.0f MB in all), 8 bytes a bin for each"
                + " population whose spikes are recorded", Runtime.getRuntime().maxMemory() / 1e6);
    }

    /**
     * A state recorder whose samples the heap, which the check before the run found large enough for them, could
     * not hold beside the network and the other recordings when the run made room for them, told at its
     * {@code record.state} entry as the check before the run tells a recording too large.
     *
     * @param e      the recorder's error
     * @param source the config file's name
     * @param c      the config, whose entry of the recorder's population and variable is named
     * @return the error at the entry's {@code interval_ms}, or at the entry when it has none
     */
    static ConfigException statesPastTheHeap(StatesPastTheHeap e, String source, SimulationConfig c) {
        List<SimulationConfig.StateSpec> state = c.record().state();
        int i = 0;
        // One entry per population and variable, as the checks before the run make sure.
        while (!(e.population().equals(state.get(i).population()) && e.variable().equals(state.get(i).variable()))) {
            i++;
        }
        String path = "record.state[" + i + "]";
        return new ConfigException(source, state.get(i).intervalMs() == null ? path : path + ".interval_ms",
                e.expected(), String.format(Locale.ROOT, "%s x %s of '%s', variable %s (%.0f MB), %s",
                        Plural.count(e.samples(), "sample"), Plural.count(e.neurons(), "neuron"), e.population(),
                        e.variable(), e.megabytes(), NO_ROOM_LEFT),
                HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * A spike recorder that filled the heap during the run, told in the config's terms: the spikes'
     * number is not known before the run, so no check before it can refuse them.
     *
     * @param e      the recorder's error
     * @param source the config file's name
     * @param c      the config
     * @return the error at {@code record.spike_neurons}
     */
    static ConfigException spikesPastTheHeap(SpikesPastTheHeap e, String source, SimulationConfig c) {
        return new ConfigException(source, "record.spike_neurons", e.expected(), String.format(Locale.ROOT,
                "%s of %s of '%s' by %s ms of the run's %s ms", Plural.count(e.spikes(), "spike"),
                Plural.count(e.neurons(), "neuron"), e.population(),
                TimeGrid.shownMs(e.timeMs()), BigDecimal.valueOf(c.durationMs()).stripTrailingZeros().toPlainString()),
                "record the spikes of fewer neurons (record.spike_neurons), fewer populations (record.spikes), from a"
                + " later record.from_ms or over a shorter run, or " + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * The recorder's capacity rule for a {@code record.state} entry over the run's duration, and
     * at least one sample in it; a duration or population that is itself a problem is reported as
     * one, not here.
     */
    private static void checkCapacity(SimulationConfig c, TimeGrid grid, SimulationConfig.StateSpec b,
                                      int intervalSteps) {
        if (c.durationMs() == null || !(c.durationMs() > 0) || b.population() == null) {
            return;
        }
        int steps;
        try {
            steps = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        } catch (EngramException e) {
            return;
        }
        if (steps < intervalSteps) {
            // No sample would fall in the run: the file would hold its header alone.
            throw new ParameterException("record", "interval_ms", "at most the duration, duration_ms = "
                    + MetricFormat.asWritten(c.durationMs()) + " ms (the first sample is taken one interval in)",
                    b.intervalMsOr(grid.dtMs()));
        }
        EngineChecks.requireStateCapacity(b.population(), b.variable(), steps / intervalSteps,
                b.neuronCount(sizeOf(c, b.population())));
    }

    /**
     * Checks {@code record.from_ms}: a whole number of steps before the end of the run, so that the
     * run splits exactly there and something is left to record.
     */
    private static void checkRecordingStart(SimulationConfig c, String source, TimeGrid grid, String durationHint,
                                            List<ConfigException> problems) {
        double from = c.record().fromMs();
        if (grid == null) {
            return;   // no time grid to check against: dt_ms has its own problem
        }
        try {
            grid.wholeSteps("record", "from_ms", from);
        } catch (EngramException e) {
            problems.add(ConfigException.placed(e, source, "record.from_ms", null));
            return;
        }
        Double duration = c.durationMs();   // null when missing, a problem of its own
        if (duration != null && duration > 0 && from >= duration) {
            problems.add(new ConfigException(source, "record.from_ms", "a time before the end of the run "
                    + "(duration_ms = " + MetricFormat.asWritten(duration) + ")", MetricFormat.asWritten(from),
                    durationHint));
        }
    }

    /** The size a config gives a population, or 1 when it names none of that name or no valid size. */
    static int sizeOf(SimulationConfig c, String population) {
        for (SimulationConfig.PopulationSpec p : c.populations()) {
            if (Objects.equals(p.name(), population) && p.size() > 0) {
                return p.size();
            }
        }
        return 1;
    }
}
