package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs that arrive at the same moment act together: +20 mV and -10 mV together raise a neuron
 * resting 15 mV below threshold by 10 mV, so it stays silent in both modes, whichever population
 * was declared first. Taken one at a time, the +20 mV jump alone would cross.
 */
class SimultaneousInputTest {

    private static final double RUN_MS = 5;

    @ParameterizedTest
    @CsvSource({"GRID, true", "GRID, false", "PRECISE, true", "PRECISE, false"})
    void simultaneousJumpsSumBeforeTheThresholdTest(Mode mode, boolean excitatoryFirst) {
        Outcome o = run(mode, excitatoryFirst, 1.0, 1.0, 1.0, 1.0);
        assertEquals(0, o.spikes, "the summed input of +10 mV stays below threshold");
        // Both jumps arrive at 2 ms: v(5 ms) = -70 + 10 exp(-3 / 20).
        assertEquals(-70 + 10 * Math.exp(-3.0 / 20), o.v, 1e-9, "the neuron took both jumps");
    }

    /**
     * Precise mode reaches one moment by sums (spike time plus delay) that can round an ulp apart,
     * and a spike on a step's end or at time 0 arrives on a step boundary. The engine once tested
     * the two jumps of each of these cases against threshold one at a time.
     */
    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0, 0.0, 2.0", // a spike at time 0 meets one on a step's end
        "0.1, 0.1, 0.0, 0.2",
        "1.7, 1.6, 1.1, 2.2", // 3.3 ms by two sums an ulp apart
        "1.7, 0.4, 1.6, 0.5",
    })
    void oneMomentByDifferentRoutesActsTogetherInPreciseMode(double excMs, double excDelayMs, double inhMs,
                                                              double inhDelayMs) {
        for (boolean excitatoryFirst : new boolean[] {true, false}) {
            Outcome o = run(Mode.PRECISE, excitatoryFirst, excMs, excDelayMs, inhMs, inhDelayMs);
            assertEquals(0, o.spikes, "jumps arriving together at " + (excMs + excDelayMs) + " ms");
            double arrival = excMs + excDelayMs;
            assertEquals(-70 + 10 * Math.exp(-(RUN_MS - arrival) / 20), o.v, 1e-9);
        }
    }

    /** Every pair of spike times on the grid from 0 to 2 ms, delayed to meet 0.1 to 1.3 ms after the later. */
    @Test
    void everyPairOfGridTimesMeetingLaterActsTogetherInPreciseMode() {
        List<String> apart = new ArrayList<>();
        for (int exc = 0; exc <= 20; exc++) {
            for (int inh = 0; inh <= 20; inh++) {
                for (int after = 1; after <= 13; after += 4) {
                    int arrival = Math.max(exc, inh) + after;
                    Outcome o = run(Mode.PRECISE, true, exc / 10.0, (arrival - exc) / 10.0, inh / 10.0,
                            (arrival - inh) / 10.0);
                    if (o.spikes != 0) {
                        apart.add(exc / 10.0 + " + " + (arrival - exc) / 10.0 + " and " + inh / 10.0 + " + "
                                + (arrival - inh) / 10.0 + " ms");
                    }
                }
            }
        }
        assertEquals(List.of(), apart, "pairs whose jumps were tested against threshold one at a time");
    }

    /**
     * Simultaneous jumps add in the canonical order of their sources (population order), in both
     * modes. Three sources fire at 1 ms into a neuron at rest 0 mV whose tau_m of 1e300 ms loses
     * nothing (exp(-4e-300) is 1), with jumps of 1 and 1e-16 mV twice: by hand,
     * (0 + 1) + 1e-16 + 1e-16 stays 1 (each 1e-16 is below half an ulp of 1, 1.1e-16), while
     * (0 + 1e-16 + 1e-16) + 1 rounds up to 1 + 2^-52.
     */
    @ParameterizedTest
    @CsvSource({"GRID, true", "GRID, false", "PRECISE, true", "PRECISE, false"})
    void simultaneousJumpsAddInTheOrderOfTheirSources(Mode mode, boolean largeFirst) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        double[] jumps = largeFirst ? new double[] {1, 1e-16, 1e-16} : new double[] {1e-16, 1e-16, 1};
        Population<?, ?>[] sources = new Population<?, ?>[3];
        for (int k = 0; k < 3; k++) {
            sources[k] = b.population("s" + k, 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1.0}}));
        }
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL,
                new LifDelta.Params(1e300, 250, 0, 10, 0, 2, 0));
        for (int k = 0; k < 3; k++) {
            b.connect("s" + k + "->target", sources[k], target, Rules.allToAll(),
                    Synapses.excitatory(jumps[k]).delayMs(1));
        }
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            e.run(RUN_MS);
        }
        assertEquals(largeFirst ? 1.0 : 1.0 + 0x1p-52, target.state().values("v")[0], 0.0);
    }

    private record Outcome(int spikes, double v) {
    }

    private static Outcome run(Mode mode, boolean excitatoryFirst, double excMs, double excDelayMs, double inhMs,
                               double inhDelayMs) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> exc = null;
        Population<?, ?> inh = null;
        if (excitatoryFirst) {
            exc = b.population("exc", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{excMs}}));
        }
        inh = b.population("inh", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{inhMs}}));
        if (!excitatoryFirst) {
            exc = b.population("exc", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{excMs}}));
        }
        // Rest and reset -70 mV, threshold -55 mV: 15 mV to go.
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL,
                new LifDelta.Params(20, 250, -70, -55, -70, 2, 0));
        b.connect("exc->target", exc, target, Rules.allToAll(), Synapses.excitatory(20).delayMs(excDelayMs));
        b.connect("inh->target", inh, target, Rules.allToAll(), Synapses.inhibitory(-10).delayMs(inhDelayMs));
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder spikes = e.recordSpikes(target);
            e.run(RUN_MS);
            return new Outcome(spikes.count(), target.state().values("v")[0]);
        }
    }
}
