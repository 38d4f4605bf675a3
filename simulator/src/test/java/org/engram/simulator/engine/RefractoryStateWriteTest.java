package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.model.AdaptiveLif;
import org.engram.simulator.model.Adex;
import org.engram.simulator.model.AdexCond;
import org.engram.simulator.model.HodgkinHuxley;
import org.engram.simulator.model.LifAlpha;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifCondExp;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Code that writes a neuron's state between runs: a potential written while the neuron is
 * refractory is kept, in grid as in precise mode (a refractory neuron is not updated), and a
 * refractory count that is not a whole number of steps is refused before the run.
 */
class RefractoryStateWriteTest {
    private static final double DT = 0.1;
    /** R I = 0.04 GOhm * 400 pA = 16 mV above E_L = -70, threshold 15 mV above it: it fires regularly. */
    private static final LifDelta.Params DRIVEN = new LifDelta.Params(10, 250, -70, -55, -65, 2, 400);

    /**
     * From rest (u = V - E_L = 0) the neuron first crosses threshold (u = 15 mV under a drive of
     * R I = 16 mV) after 10 ln(16/1) = 27.73 ms and is refractory for 2 ms. -58 mV (u = 12) written at
     * 28 ms, while it is refractory, is kept until refractoriness ends, and from there the next crossing
     * takes 10 ln((16 - 12)/(16 - 15)) = 13.86 ms. Were the write dropped (the reset, u = 5, kept), it
     * would take 10 ln(11) = 23.98 ms, after the end of the run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GRID", "PRECISE"})
    void aPotentialWrittenDuringRefractorinessIsKept(Mode mode) {
        double[] times = spikesAfterWritingAt28Ms(mode, -58, 20);
        assertEquals(2, times.length, mode + ": spikes by 48 ms " + Arrays.toString(times));
        double crossing = times[0] + 2 + 10 * Math.log(4);
        // Grid mode finds the crossing at the end of the step it falls in.
        assertTrue(times[1] >= crossing - 1e-9 && times[1] <= crossing + DT + 1e-9,
                mode + ": second spike at " + times[1] + " ms, expected " + crossing + " ms (up to one step later)");
    }

    /**
     * A potential at or above threshold written while the neuron is refractory does not fire it
     * before refractoriness ends (it restarted refractoriness early in grid mode): it fires when
     * refractoriness ends, 2 ms after the first spike, in both modes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GRID", "PRECISE"})
    void aSuprathresholdPotentialWrittenDuringRefractorinessFiresWhenItEnds(Mode mode) {
        double[] times = spikesAfterWritingAt28Ms(mode, -50, 2);
        assertEquals(2, times.length, mode + ": spikes by 30 ms " + Arrays.toString(times));
        assertEquals(times[0] + 2, times[1], 1e-9, mode + ": the second spike ends refractoriness");
    }

    /** The driven neuron's spike times: run 28 ms (one spike), write its potential, run on. */
    private static double[] spikesAfterWritingAt28Ms(Mode mode, double writtenMv, double thenMs) {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, DRIVEN);
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(28);
            assertEquals(1, spikes.timesOf(0).length, mode + ": one spike before the write");
            p.values("v")[0] = writtenMv;
            e.run(thenMs);
            return spikes.timesOf(0);
        }
    }

    /** A precise engine taking over a grid engine's state checks the counts before converting them. */
    @Test
    void aPreciseEngineRefusesABadCountBeforeTakingItOver() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> p = b.population("cells", 2, LifDelta.MODEL, DRIVEN);
        Network net = b.build();
        try (Engine grid = new Engine(net, EngineOptions.grid(1))) {
            grid.run(1);
        }
        ((LifDelta.State) p.state()).refractorySteps[0] = -3;
        ParameterException error = assertThrows(ParameterException.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        assertTrue(error.getMessage().contains("refractorySteps[0]"), error.getMessage());
        ((LifDelta.State) p.state()).refractorySteps[0] = 3;
        try (Engine precise = new Engine(net, EngineOptions.precise(1))) {
            precise.run(1);   // mended, it takes the state over
        }
    }

    @Test
    void aPotentialThatIsNotFiniteIsRefusedBeforeTheRun() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> p = b.population("cells", 3, LifExp.MODEL, LifExp.MODEL.defaults());
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            p.values("i_syn_ex")[2] = Double.POSITIVE_INFINITY;
            ParameterException error = assertThrows(ParameterException.class, () -> e.run(1));
            assertTrue(error.getMessage().contains("population 'cells'") && error.getMessage().contains("i_syn_ex[2]")
                    && error.getMessage().contains("a finite value (pA)") && error.getMessage().contains("Infinity"),
                    error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 0.5, Double.NaN, Double.POSITIVE_INFINITY, 3e9})
    void aRefractoryCountThatIsNoWholeNumberOfStepsIsRefused(double count) {
        for (String model : new String[] {"lif_delta", "lif_exp", "lif_alpha", "lif_cond_exp", "adaptive_lif",
            "adex", "adex_cond", "hh_alpha"}) {
            NetworkBuilder b = new NetworkBuilder(DT).seed(1);
            Population<?, ?> p = switch (model) {
                case "lif_delta" -> b.population("cells", 3, LifDelta.MODEL, DRIVEN);
                case "lif_exp" -> b.population("cells", 3, LifExp.MODEL, LifExp.MODEL.defaults());
                case "lif_alpha" -> b.population("cells", 3, LifAlpha.MODEL, LifAlpha.MODEL.defaults());
                case "lif_cond_exp" -> b.population("cells", 3, LifCondExp.MODEL, LifCondExp.MODEL.defaults());
                case "adex" -> b.population("cells", 3, Adex.MODEL, Adex.MODEL.defaults());
                case "adex_cond" -> b.population("cells", 3, AdexCond.MODEL, AdexCond.MODEL.defaults());
                case "hh_alpha" -> b.population("cells", 3, HodgkinHuxley.MODEL, HodgkinHuxley.MODEL.defaults());
                default -> b.population("cells", 3, AdaptiveLif.MODEL, AdaptiveLif.MODEL.defaults());
            };
            try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
                e.run(1);
                refractory(p.state())[1] = count;
                ParameterException error = assertThrows(ParameterException.class, () -> e.run(1));
                assertTrue(error.getMessage().contains("population 'cells'")
                        && error.getMessage().contains("refractorySteps[1]")
                        && error.getMessage().contains("a whole number of steps >= 0")
                        && error.getMessage().contains(String.valueOf(count)), model + ": " + error.getMessage());
                refractory(p.state())[1] = 4;
                e.run(1);   // mended, the engine runs on
                assertEquals(0, refractory(p.state())[1], model + ": counted down over 10 steps");
            }
        }
    }

    private static double[] refractory(NeuronState state) {
        if (state instanceof LifDelta.State s) {
            return s.refractorySteps;
        }
        if (state instanceof LifExp.State s) {
            return s.refractorySteps;
        }
        if (state instanceof LifAlpha.State s) {
            return s.refractorySteps;
        }
        if (state instanceof LifCondExp.State s) {
            return s.refractorySteps;
        }
        if (state instanceof Adex.State s) {
            return s.refractorySteps;
        }
        if (state instanceof AdexCond.State s) {
            return s.refractorySteps;
        }
        if (state instanceof HodgkinHuxley.State s) {
            return s.refractorySteps;
        }
        return ((AdaptiveLif.State) state).refractorySteps;
    }

    /**
     * Precise mode counts refractoriness by its end time: one written on a network no engine has run
     * is kept (there is no grid count to take over), so a driven neuron refractory until 5 ms fires
     * 5 ms later than the same neuron free from the start, which stays at rest meanwhile.
     */
    @Test
    void aRefractoryEndWrittenBeforeTheFirstPreciseRunIsKept() {
        double[] first = new double[2];
        for (int k = 0; k < 2; k++) {
            NetworkBuilder b = new NetworkBuilder(DT).seed(1);
            Population<?, ?> cell = b.population("cell", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
            b.current(CurrentSource.constant(cell, null, 2000));
            Network net = b.build();
            ((LifDelta.State) cell.state()).refractoryUntilMs[0] = 5 * k;
            try (Engine e = new Engine(net, EngineOptions.precise(1))) {
                SpikeRecorder spikes = e.recordSpikes(cell);
                e.run(10);
                first[k] = spikes.timeMs(0);
            }
        }
        assertTrue(first[0] > 1 && first[0] < 5, "free, it fires at " + first[0] + " ms");
        assertEquals(first[0] + 5, first[1], 1e-9);
    }
}
