package org.engram.experiments.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.plot.WeightTrajectoryPlot;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Projection;

/**
 * The checks of {@code record.weights}, made with the rest of the config's: each entry names a plastic
 * projection not named before, whose file no other entry writes, an interval of whole steps within
 * the run, distinct synapses within the projection (once it is built: by index, by a pair of neurons it joins,
 * and a sample no larger than the synapses left), and samples that fit the heap.
 */
final class WeightRecordChecks {
    /** Bytes of one sample besides its listed synapses: its step, mean, sd, min and max. */
    private static final int SAMPLE_BYTES = Integer.BYTES + 2 * Double.BYTES + 2 * Float.BYTES;
    /**
     * Bytes a listed synapse takes besides its weights, counted generously: its summary entry (an object of three
     * ints) and its text in {@code summary.json} (about 94 characters), held as chars while written, then as a
     * string, then copied once more.
     */
    private static final int LISTED_BYTES = 500;
    /**
     * Heap kept free for what the samples share it with at the end of the run: the network, and drawing the
     * figures, whose SVG text alone takes tens of megabytes. A recording of 41 MB ran to its end in a 64 MB heap
     * and failed while its plot was drawn; in 80 MB it was written.
     */
    static final double DRAWING_RESERVE_BYTES = 48e6;

    private WeightRecordChecks() {
    }

    /**
     * Adds a problem for each fault of each {@code record.weights} entry.
     *
     * @param c            the config
     * @param source       the config file's name
     * @param grid         the config's time grid, or null when its step has a problem of its own
     * @param network      the network built, or null when it was not: the synapses' range is then left unchecked
     * @param durationHint added to a problem of the run's length when the command line set it, else null
     * @param problems     where the problems go
     */
    static void check(SimulationConfig c, String source, TimeGrid grid, Network network, String durationHint,
                      List<ConfigException> problems) {
        List<SimulationConfig.WeightSpec> weights = c.record().weights();
        List<String> names = c.projections().stream().map(SimulationConfig.ProjectionSpec::name).toList();
        Integer endStep = endStep(c, grid);
        double allBytes = 0;
        boolean entryPastTheHeap = false;
        for (int i = 0; i < weights.size(); i++) {
            SimulationConfig.WeightSpec w = weights.get(i);
            String path = "record.weights[" + i + "]";
            // A projection without a name (its source or target left out) is reported with its entry.
            int index = w.projection() == null ? -1 : names.indexOf(w.projection());
            List<String> plastic = plasticNames(c);
            String none = plastic.isEmpty() ? "; the config has none: give a projection a plasticity rule" : "";
            if (index < 0) {
                problems.add(new ConfigException(source, path + ".projection", "the name of a plastic projection ("
                        + plastic + none + ")", w.projection() == null ? "nothing" : w.projection(),
                        w.projection() == null ? null : Suggestions.didYouMean(w.projection(), plastic)));
            } else if (c.projections().get(index).plasticity() == null) {
                problems.add(new ConfigException(source, path + ".projection", "a plastic projection (one with a "
                        + "plasticity rule; " + plastic + none + ")", w.projection() + " (static: its weights do "
                        + "not change)", "record.synapses writes a static projection's weights"));
            } else {
                checkUnique(weights, i, source, path, problems);
            }
            int intervalSteps = intervalSteps(w, source, path, grid, endStep, durationHint, problems);
            Projection built = built(network, index < 0 ? null : w.projection());
            checkSynapses(w, source, path, built == null ? -1 : built.synapseCount(), problems);
            checkPairs(w, source, path, built, problems);
            checkSample(w, source, path, built, problems);
            if (intervalSteps > 0 && endStep != null) {
                long samples = WeightSampler.sampleCount(intervalSteps, endStep);
                double bytes = heapBytes(samples, w.listedCount());
                allBytes += bytes;
                if (samples * w.listedCount() > Integer.MAX_VALUE - 8 || bytes > room()) {
                    entryPastTheHeap = true;
                    problems.add(new ConfigException(source, path + ".interval_ms", heapRule(),
                            String.format(Locale.ROOT, "%d samples of %d synapses (%.0f MB)", samples,
                                    w.listedCount(), bytes / 1e6), heapHint(durationHint)));
                }
            }
        }
        // The entries' samples are kept, and their plots drawn, all at once. None take nothing, in a heap
        // smaller than the reserve as well.
        if (!entryPastTheHeap && allBytes > 0 && allBytes > room()) {
            problems.add(new ConfigException(source, "record.weights", heapRule(), String.format(Locale.ROOT,
                    "%d entries whose samples take %.0f MB together", weights.size(), allBytes / 1e6),
                    heapHint(durationHint)));
        }
    }

    /**
     * The heap a recording takes: its samples, and each listed synapse's entry in {@code summary.json}. Its plot
     * reads the samples in place and copies only the points it draws, at most
     * {@link WeightTrajectoryPlot#MAX_DRAWN_SAMPLES} of the mean, band and each of the
     * {@link WeightTrajectoryPlot#MAX_DRAWN_SYNAPSES} synapses it draws: about a megabyte, within
     * {@link #DRAWING_RESERVE_BYTES}.
     */
    private static double heapBytes(long samples, int listed) {
        return samples * ((double) SAMPLE_BYTES + (double) Float.BYTES * listed) + (double) LISTED_BYTES * listed;
    }

    /** The heap the samples may take: all of it but {@link #DRAWING_RESERVE_BYTES}. */
    private static double room() {
        return Runtime.getRuntime().maxMemory() - DRAWING_RESERVE_BYTES;
    }

    private static String heapRule() {
        return String.format(Locale.ROOT, "samples that fit the Java heap (%.0f MB in all, less %.0f MB kept for the"
                + " network and drawing the figures; %d bytes a sample and 4 a listed synapse in it, and %d a listed"
                + " synapse while summary.json is written)", Runtime.getRuntime().maxMemory() / 1e6,
                DRAWING_RESERVE_BYTES / 1e6, SAMPLE_BYTES, LISTED_BYTES);
    }

    private static String heapHint(String durationHint) {
        return "a longer interval_ms, fewer synapses or a shorter run, or " + HeapLimitExceeded.MORE_HEAP
                + (durationHint == null ? "" : "; " + durationHint);
    }

    /** Refuses a projection named by an earlier entry, or one whose file an earlier entry's name writes. */
    private static void checkUnique(List<SimulationConfig.WeightSpec> weights, int i, String source, String path,
                                    List<ConfigException> problems) {
        String name = weights.get(i).projection();
        for (int j = 0; j < i; j++) {
            String other = weights.get(j).projection();
            if (name.equals(other)) {
                problems.add(new ConfigException(source, path + ".projection", "a projection not recorded by "
                        + "record.weights[" + j + "] (one entry per projection)", name, null));
                return;
            }
            String file = ResultFileNames.weightsFile(name);
            if (other != null && ResultFileNames.weightsFile(other).equalsIgnoreCase(file)) {
                // Written one after the other, the second file would replace the first (on a disk that ignores
                // case, too).
                problems.add(new ConfigException(source, path + ".projection", "a projection whose file differs from"
                        + " that of record.weights[" + j + "] ('" + other + "'; both would write " + file + ")", name,
                        "rename one of the projections"));
                return;
            }
        }
    }

    /** Checks the interval; returns it in steps, or 0 when it is refused or cannot be checked. */
    private static int intervalSteps(SimulationConfig.WeightSpec w, String source, String path, TimeGrid grid,
                                     Integer endStep, String durationHint, List<ConfigException> problems) {
        if (grid == null) {
            return 0;
        }
        int steps;
        try {
            steps = grid.positiveSteps("record", "interval_ms", w.intervalMs());
        } catch (EngramException e) {
            boolean byDefault = w.intervalMs() == SimulationConfig.WeightSpec.DEFAULT_INTERVAL_MS;
            problems.add(ConfigException.placed(e, source, path + ".interval_ms", byDefault
                    ? "set interval_ms to a multiple of dt_ms (without it the interval is 1 ms)" : null));
            return 0;
        }
        if (endStep != null && steps > endStep) {
            problems.add(new ConfigException(source, path + ".interval_ms", "at most the duration, duration_ms = "
                    + MetricFormat.asWritten(TimeGrid.shownMs(grid.timeMs(endStep))) + " ms",
                    MetricFormat.asWritten(w.intervalMs()), durationHint));
            return 0;
        }
        return steps;
    }

    /** Refuses a negative index, one listed twice and, once the projection is built, one past its synapses. */
    private static void checkSynapses(SimulationConfig.WeightSpec w, String source, String path, int synapseCount,
                                      List<ConfigException> problems) {
        int[] synapses = w.synapses();
        for (int k = 0; k < synapses.length; k++) {
            String at = path + ".synapses[" + k + "]";
            boolean known = synapseCount >= 0;
            if (synapses[k] < 0 || (known && synapses[k] >= synapseCount)) {
                problems.add(new ConfigException(source, at, known ? "a synapse index in [0, " + synapseCount
                        + ") (the data rows of " + ResultFileNames.synapsesFile(w.projection()) + ", from 0)"
                        : "a synapse index >= 0", String.valueOf(synapses[k]), known && synapseCount == 0
                        ? "the projection has no synapses: leave synapses out" : null));
                continue;
            }
            for (int j = 0; j < k; j++) {
                if (synapses[j] == synapses[k]) {
                    problems.add(new ConfigException(source, at, "a synapse not listed before (it is synapses[" + j
                            + "])", String.valueOf(synapses[k]), null));
                    break;
                }
            }
        }
    }

    /**
     * Refuses a pair that is not two neurons of the projection's populations, that no synapse joins, or whose
     * synapse is listed before (by index or by an earlier pair).
     */
    private static void checkPairs(SimulationConfig.WeightSpec w, String source, String path, Projection built,
                                   List<ConfigException> problems) {
        int[][] pairs = w.pairs();
        int[] found = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            String at = path + ".pairs[" + k + "]";
            int[] pair = pairs[k];
            found[k] = -1;
            String shown = pair == null ? "nothing" : Arrays.toString(pair);
            if (pair == null || pair.length != 2 || pair[0] < 0 || pair[1] < 0) {
                problems.add(new ConfigException(source, at, "a [source, target] pair of neuron indices >= 0",
                        shown, null));
                continue;
            }
            if (built == null) {
                continue;
            }
            int sources = built.source().size();
            int targets = built.target().size();
            if (pair[0] >= sources || pair[1] >= targets) {
                problems.add(new ConfigException(source, at, "a [source, target] pair within the populations, source"
                        + " in [0, " + sources + ") and target in [0, " + targets + ")", shown, null));
                continue;
            }
            found[k] = ListedSynapses.pairSynapse(built, pair[0], pair[1]);
            if (found[k] < 0) {
                problems.add(new ConfigException(source, at, "a pair that a synapse of " + w.projection() + " joins",
                        shown + " (no synapse from source " + pair[0] + " to target " + pair[1] + ")",
                        "record.synapses writes the projection's pairs"));
                continue;
            }
            String before = listedBefore(w.synapses(), found, k);
            if (before != null) {
                problems.add(new ConfigException(source, at, "a synapse not listed before (it is " + before + ")",
                        shown + " (synapse " + found[k] + ")", null));
            }
        }
    }

    /** Where a synapse found for pairs[k] was listed before, or null when it was not. */
    private static String listedBefore(int[] synapses, int[] found, int k) {
        for (int j = 0; j < synapses.length; j++) {
            if (synapses[j] == found[k]) {
                return "synapses[" + j + "]";
            }
        }
        for (int j = 0; j < k; j++) {
            if (found[j] == found[k]) {
                return "pairs[" + j + "]";
            }
        }
        return null;
    }

    /** Refuses a negative count and, once the projection is built, more than the synapses not listed. */
    private static void checkSample(SimulationConfig.WeightSpec w, String source, String path, Projection built,
                                    List<ConfigException> problems) {
        int k = w.sample();
        String at = path + ".sample";
        if (k < 0) {
            problems.add(new ConfigException(source, at, "a count of synapses to draw >= 0 (0: none)",
                    String.valueOf(k), null));
            return;
        }
        // Counted only from lists without a fault, whose entries are then distinct synapses.
        int listed = w.synapses().length + w.pairs().length;
        if (built != null && k > 0 && !ConfigException.anyWithin(path + ".synapses", problems)
                && !ConfigException.anyWithin(path + ".pairs", problems)
                && k > built.synapseCount() - listed) {
            int left = Math.max(0, built.synapseCount() - listed);
            problems.add(new ConfigException(source, at, "at most the " + left + " synapses of " + w.projection()
                    + " not listed by synapses and pairs (of its " + built.synapseCount() + ")", String.valueOf(k),
                    null));
        }
    }

    /** The projection built, or null when the network or projection was not built. */
    private static Projection built(Network network, String projection) {
        if (network == null || projection == null) {
            return null;
        }
        return network.projections().stream().filter(p -> p.name().equals(projection)).findFirst().orElse(null);
    }

    /** The step at which the run ends, or null when its duration is itself a problem. */
    private static Integer endStep(SimulationConfig c, TimeGrid grid) {
        if (grid == null || c.durationMs() == null || !(c.durationMs() > 0)) {
            return null;
        }
        try {
            return grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        } catch (EngramException e) {
            return null;
        }
    }

    private static List<String> plasticNames(SimulationConfig c) {
        return c.projections().stream().filter(p -> p.plasticity() != null).map(SimulationConfig.ProjectionSpec::name)
                .filter(Objects::nonNull).toList();
    }
}
