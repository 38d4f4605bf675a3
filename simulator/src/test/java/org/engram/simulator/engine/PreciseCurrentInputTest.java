package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifAlpha;
import org.engram.simulator.model.LifAnalytic;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Current inputs in precise mode: piecewise constant on the grid, each injected into its neurons
 * at the step it changes and integrated exactly, so spike times and potentials meet the closed
 * forms of a LIF neuron under a constant current, a current acts as the model's bias of the same
 * value, and noise gives the potentials grid mode gives (exact too for a current constant over
 * each step).
 */
class PreciseCurrentInputTest {
    private static final LifDelta.Params DELTA = LifAnalytic.CELL;
    private static final double TAU_M = DELTA.tauM();
    private static final double E_L = DELTA.eL();
    private static final double V_TH = DELTA.vTh();
    private static final double R = DELTA.resistance();

    /** The lif_delta cell with exponential synapses and a bias. */
    private static LifExp.Params exp(double iE) {
        return new LifExp.Params(TAU_M, DELTA.cM(), E_L, V_TH, DELTA.vReset(), DELTA.tRef(), iE, 2.0, 5.0);
    }

    /** The lif_delta cell with alpha-shaped synapses and no bias. */
    private static LifAlpha.Params alpha() {
        return new LifAlpha.Params(TAU_M, DELTA.cM(), E_L, V_TH, DELTA.vReset(), DELTA.tRef(), 0, 2.0, 5.0);
    }

    /**
     * From rest the first spike comes at {@code tau_m ln(R I / (R I - (V_th - E_L)))}, each later one
     * {@link LifAnalytic#isiMs} after the one before, to 1e-9 ms: the exact times a current source,
     * and constant currents of one amplitude per neuron, give, into lif_delta and lif_alpha cells.
     */
    @Test
    void aConstantCurrentFiresAtTheClosedFormTimes() {
        double[] currents = {400, 650, 1200};
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> listed = b.population("listed", currents.length, LifDelta.MODEL, DELTA);
        b.constantCurrents(new ConstantCurrents(listed, null, currents));
        Population<?, ?> sourced = b.population("sourced", 1, LifDelta.MODEL, DELTA);
        b.current(CurrentSource.constant(sourced, null, 650));
        Population<?, ?> alphaCell = b.population("alpha", 1, LifAlpha.MODEL, alpha());
        b.current(CurrentSource.constant(alphaCell, null, 650));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder fromList = e.recordSpikes(listed);
            SpikeRecorder fromSource = e.recordSpikes(sourced);
            SpikeRecorder intoAlpha = e.recordSpikes(alphaCell);
            e.run(200);
            for (int i = 0; i < currents.length; i++) {
                assertClosedFormTrain(fromList.timesOf(i), currents[i], 0, "neuron " + i);
            }
            assertClosedFormTrain(fromSource.timesOf(0), 650, 0, "the current source's neuron");
            assertClosedFormTrain(intoAlpha.timesOf(0), 650, 0, "the lif_alpha neuron");
        }
    }

    private static void assertClosedFormTrain(double[] t, double currentPa, double onsetMs, String what) {
        assertTrue(t.length > 5, what + " fired " + t.length + " times");
        double drive = R * currentPa;
        assertEquals(onsetMs + TAU_M * Math.log(drive / (drive - (V_TH - E_L))), t[0], 1e-9, what + ", first spike");
        for (int k = 1; k < t.length; k++) {
            assertEquals(LifAnalytic.isiMs(DELTA, currentPa), t[k] - t[k - 1], 1e-9, what + ", interval " + k);
        }
    }

    /**
     * A pulse from 2 to 7 ms under threshold: {@code V - E_L = R I (1 - exp(-(t - 2)/tau_m))} while it
     * lasts and then decays from its value at 7 ms, sampled every step, to 1e-9 mV, in both models
     * (lif_exp's synaptic currents stay 0). A stronger pulse fires at {@code 2 + tau_m ln(R I / (R I -
     * 15))} ms exactly.
     */
    @Test
    void aPulseGivesTheClosedFormPotentialAndSpikeTime() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> delta = b.population("delta", 1, LifDelta.MODEL, DELTA);
        Population<?, ?> exp = b.population("exp", 1, LifExp.MODEL, exp(0));
        Population<?, ?> strong = b.population("strong", 1, LifExp.MODEL, exp(0));
        double amplitude = 200;   // R I = 8 mV, under the 15 mV to threshold
        b.current(CurrentSource.pulse(delta, null, 2, 7, amplitude));
        b.current(CurrentSource.pulse(exp, null, 2, 7, amplitude));
        b.current(CurrentSource.pulse(strong, null, 2, 30, 1000));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            StateRecorder[] v = {e.recordState(delta, "v", new int[] {0}, 0.1),
                e.recordState(exp, "v", new int[] {0}, 0.1)};
            SpikeRecorder spikes = e.recordSpikes(strong);
            e.run(20);
            double atEnd = R * amplitude * -Math.expm1(-5 / TAU_M);
            for (StateRecorder r : v) {
                double[] times = r.timesMs();
                for (int k = 0; k < r.sampleCount(); k++) {
                    double t = times[k];
                    double expected = t <= 2 ? 0 : t <= 7 ? R * amplitude * -Math.expm1(-(t - 2) / TAU_M)
                            : atEnd * Math.exp(-(t - 7) / TAU_M);
                    assertEquals(E_L + expected, r.value(k, 0), 1e-9, "at " + t + " ms");
                }
            }
            double drive = R * 1000;
            assertEquals(2 + TAU_M * Math.log(drive / (drive - (V_TH - E_L))), spikes.timesOf(0)[0], 1e-9);
        }
    }

    /**
     * A second method: the same spike train into a neuron driven by a current and into one whose
     * bias {@code i_e} is that current gives the same spikes, to the bit, in both models, with the
     * synaptic events between the current's injections.
     */
    @Test
    void aCurrentActsAsTheModelsBiasOfTheSameValue() {
        double currentPa = 330;
        NetworkBuilder b = new NetworkBuilder(0.1).seed(7);
        Population<?, ?> trains = b.population("trains", 20, PoissonSource.MODEL, new PoissonSource.Params(400));
        Population<?, ?>[] driven = {b.population("delta driven", 20, LifDelta.MODEL, DELTA),
            b.population("exp driven", 20, LifExp.MODEL, exp(0))};
        Population<?, ?>[] biased = {b.population("delta biased", 20, LifDelta.MODEL,
                LifAnalytic.cellWithBias(currentPa)),
            b.population("exp biased", 20, LifExp.MODEL, exp(currentPa))};
        double[] weights = {1.5, 60};
        for (int m = 0; m < 2; m++) {
            b.current(CurrentSource.constant(driven[m], null, currentPa));
            b.connect("to driven " + m, trains, driven[m], Rules.oneToOne(),
                    Synapses.excitatory(weights[m]).delayMs(1.0));
            b.connect("to biased " + m, trains, biased[m], Rules.oneToOne(),
                    Synapses.excitatory(weights[m]).delayMs(1.0));
        }
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder[] fromDriven = {e.recordSpikes(driven[0]), e.recordSpikes(driven[1])};
            SpikeRecorder[] fromBiased = {e.recordSpikes(biased[0]), e.recordSpikes(biased[1])};
            e.run(300);
            for (int m = 0; m < 2; m++) {
                assertTrue(fromDriven[m].count() > 100, "model " + m + ": " + fromDriven[m].count() + " spikes");
                assertArrayEquals(fromBiased[m].timesMs(), fromDriven[m].timesMs(), "model " + m);
                assertArrayEquals(fromBiased[m].neurons(), fromDriven[m].neurons(), "model " + m);
            }
        }
    }

    /**
     * Noise is a current drawn anew each step, the same draws in both modes: under threshold the
     * potentials at every step's end agree with grid mode's, whose update is exact for a current
     * constant over the step, to 1e-9 mV.
     */
    @Test
    void noiseGivesTheGridModesPotentials() {
        double[][] v = new double[2][];
        for (Mode mode : Mode.values()) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
            Population<?, ?> p = b.population("p", 4, LifDelta.MODEL, DELTA);
            b.noise(new NoiseCurrent(p, new int[] {0, 2, 3}, 100, 150));
            Network net = b.build();
            try (Engine e = new Engine(net, mode == Mode.GRID ? EngineOptions.grid(1) : EngineOptions.precise(1))) {
                StateRecorder r = e.recordState(p, "v", new int[] {0, 1, 2, 3}, 0.1);
                SpikeRecorder spikes = e.recordSpikes(p);
                e.run(50);
                assertEquals(0, spikes.count(), mode + ": the noise should stay under threshold");
                v[mode.ordinal()] = new double[r.sampleCount() * 4];
                for (int k = 0; k < r.sampleCount(); k++) {
                    for (int n = 0; n < 4; n++) {
                        v[mode.ordinal()][4 * k + n] = r.value(k, n);
                    }
                }
            }
        }
        assertArrayEquals(v[Mode.GRID.ordinal()], v[Mode.PRECISE.ordinal()], 1e-9);
        // The neuron without noise stays at rest; the others move.
        assertEquals(E_L, v[Mode.PRECISE.ordinal()][4 * 499 + 1], 0.0);
        assertTrue(Math.abs(v[Mode.PRECISE.ordinal()][4 * 499] - E_L) > 0.1);
    }

    /** Noise strong enough to fire, on 1, 2 and 3 threads: the same spikes. */
    @Test
    void noisySpikesDoNotDependOnTheThreadCount() {
        double[][] times = new double[3][];
        for (int threads = 1; threads <= 3; threads++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
            Population<?, ?> p = b.population("p", 600, LifExp.MODEL, exp(0));
            b.noise(new NoiseCurrent(p, null, 350, 200));
            b.connect("recurrent", p, p, Rules.fixedInDegree(10), Synapses.excitatory(20).delayMs(1.0));
            Network net = b.build();
            try (Engine e = new Engine(net, EngineOptions.precise(threads).withMinParallelNeuronSteps(0))) {
                SpikeRecorder r = e.recordSpikes(p);
                e.run(100);
                assertTrue(r.count() > 300, r.count() + " spikes");
                times[threads - 1] = r.timesMs();
            }
        }
        assertArrayEquals(times[0], times[1]);
        assertArrayEquals(times[0], times[2]);
    }
}
