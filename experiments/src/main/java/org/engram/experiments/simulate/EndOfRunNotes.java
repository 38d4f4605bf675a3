package org.engram.experiments.simulate;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * Notes on standard error, before a simulation runs, of inputs timed after its end, which never
 * act: a list or schedule written for a longer run, or in seconds, would otherwise do nothing
 * without a word.
 */
final class EndOfRunNotes {

    private EndOfRunNotes() {
    }

    /**
     * Notes the spike times and the input changes that lie after the end of the run.
     *
     * @param network    the network, with its inputs
     * @param durationMs the run's length (ms)
     * @param err        where the notes go
     */
    static void print(Network network, double durationMs, PrintWriter err) {
        spikeTimes(network, durationMs, err);
        inputChanges(network, durationMs, err);
    }

    /**
     * Says how many spike times of a {@code spike_times} population lie after the end of the run,
     * which it does not emit: a list written for a longer run lost them without a word.
     */
    private static void spikeTimes(Network network, double durationMs, PrintWriter err) {
        for (Population<?, ?> p : network.populations()) {
            if (p.params() instanceof SpikeTimes.Params times) {
                long after = countAfterTheEnd(Arrays.stream(times.timesMs()).flatMapToDouble(Arrays::stream),
                        durationMs);
                if (after > 0) {
                    err.println(String.format(Locale.ROOT, "engram simulate: note: %d spike time%s of population"
                            + " '%s' lie%s after the end of the run (%s ms) and %s not emitted", after,
                            after == 1 ? "" : "s", p.name(), after == 1 ? "s" : "", MetricFormat.asWritten(durationMs),
                            after == 1 ? "is" : "are"));
                    err.flush();
                }
            }
        }
    }

    /**
     * Says which scheduled inputs (current steps, Poisson rate changes) change after the end of the
     * run, where the change never acts: a schedule written for a longer run, or in seconds, was
     * accepted without a word and the input did nothing.
     */
    private static void inputChanges(Network network, double durationMs, PrintWriter err) {
        for (CurrentSource cs : network.currentSources()) {
            changes("current input into '" + cs.target().name() + "'", cs.timesMs(), durationMs, err);
        }
        for (PoissonInput pi : network.poissonInputs()) {
            changes("Poisson input into '" + pi.target().name() + "'", pi.timesMs(), durationMs, err);
        }
    }

    private static void changes(String input, double[] timesMs, double durationMs, PrintWriter err) {
        long after = countAfterTheEnd(Arrays.stream(timesMs), durationMs);
        if (after > 0) {
            err.println(String.format(Locale.ROOT, "engram simulate: note: %d of the %d times of the %s lie%s after"
                    + " the end of the run (%s ms): %s", after, timesMs.length, input, after == 1 ? "s" : "",
                    MetricFormat.asWritten(durationMs), after == timesMs.length ? "it never acts"
                            : "those changes never act"));
            err.flush();
        }
    }

    /** The times that lie after the end of a run of {@code durationMs}, compared as the grid compares times. */
    private static long countAfterTheEnd(DoubleStream timesMs, double durationMs) {
        return timesMs.filter(t -> !TimeGrid.atOrBefore(t, durationMs)).count();
    }
}
