package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.SpikeTimes;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Current inputs in precise mode where they meet another event at the same instant (a synaptic
 * arrival, a spike, the end of refractoriness, a potential written between runs), change while a
 * neuron is refractory, are negative, change to the value they had, sum several inputs into subsets
 * of neurons, or run at other time steps. Each case is held to a closed form of the LIF neuron under a
 * piecewise-constant current, to a second method (the same neuron with the current given as its bias
 * {@code i_e}, or without the change; grid mode, exact for a current constant over each step), or to
 * superposition below threshold.
 */
class PreciseCurrentEdgeCaseTest {
    /** tau_m 10 ms, C_m 250 pF (R = 0.04 GOhm), E_L -70, V_th -55, V_reset -68 mV, t_ref 2 ms. */
    private static final LifDelta.Params DELTA = LifAnalytic.CELL;
    private static final double TAU_M = DELTA.tauM();
    private static final double E_L = DELTA.eL();
    private static final double V_TH = DELTA.vTh();
    private static final double V_RESET = DELTA.vReset();
    private static final double T_REF = DELTA.tRef();
    private static final double R = DELTA.resistance();
    /** Closed-form times are computed by Math.log and the engine's by StrictMath.log1p: a few ulps of 100 ms. */
    private static final double TIME_TOLERANCE_MS = 1e-9;

    private static LifDelta.Params delta(double iE, double tRef) {
        return new LifDelta.Params(TAU_M, DELTA.cM(), E_L, V_TH, V_RESET, tRef, iE);
    }

    private static LifExp.Params exp(double iE, double tauSyn) {
        return new LifExp.Params(TAU_M, DELTA.cM(), E_L, V_TH, V_RESET, T_REF, iE, tauSyn, tauSyn);
    }

    /**
     * The time from {@code V - E_L = u0} to threshold under a current {@code I}:
     * {@code tau_m ln((R I - u0) / (R I - (V_th - E_L)))}.
     */
    private static double timeToThreshold(double u0, double currentPa) {
        double drive = R * currentPa;
        return TAU_M * Math.log((drive - u0) / (drive - (V_TH - E_L)));
    }

    /** A train: {@code first}, then every {@link LifAnalytic#isiMs} of a cell with refractoriness {@code tRef}. */
    private static void assertRegularTrain(double[] t, double first, double currentPa, double tRef, String what) {
        assertTrue(t.length > 2, what + " fired " + t.length + " times");
        assertEquals(first, t[0], TIME_TOLERANCE_MS, what + ", first spike");
        double isi = LifAnalytic.isiMs(delta(0, tRef), currentPa);
        for (int k = 1; k < t.length; k++) {
            assertEquals(isi, t[k] - t[k - 1], TIME_TOLERANCE_MS, what + ", interval " + k);
        }
    }

    /**
     * A neuron starting exactly at threshold fires at time 0, before any step; a strong pulse inside its
     * refractory period [0, 2] ms changes nothing (lif_delta holds V, lif_exp holds V and its current input
     * reaches only V); the current of 650 pA that starts exactly when refractoriness ends, at 2 ms, gives
     * the closed-form train from the reset: {@code 2 + tau_m ln((R I - 2) / (R I - 15))}, then regular
     * intervals. Without refractoriness ({@code t_ref = 0}) and the current from time 0, the same train
     * starts at {@code tau_m ln((R I - 2) / (R I - 15))}.
     */
    @Test
    void aNeuronAtThresholdFiresAtZeroAndTheCurrentActsFromRefractorinessEnd() {
        double current = 650;
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> d = b.population("delta", 1, LifDelta.MODEL, delta(0, T_REF));
        Population<?, ?> e = b.population("exp", 1, LifExp.MODEL, exp(0, 2.0));
        Population<?, ?> noRef = b.population("no refractoriness", 1, LifDelta.MODEL, delta(0, 0));
        double[] times = {0.5, 1.5, 2.0};
        double[] amplitudes = {5000, 0, current};
        b.current(new CurrentSource(d, null, times, amplitudes));
        b.current(new CurrentSource(e, null, times, amplitudes));
        b.current(CurrentSource.constant(noRef, null, current));
        Network net = b.build();
        for (Population<?, ?> p : new Population<?, ?>[] {d, e, noRef}) {
            p.state().values("v")[0] = V_TH;
        }
        try (Engine engine = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder[] r = {engine.recordSpikes(d), engine.recordSpikes(e), engine.recordSpikes(noRef)};
            engine.run(100);
            double fromReset = timeToThreshold(V_RESET - E_L, current);
            for (int m = 0; m < 2; m++) {
                double[] t = r[m].timesMs();
                assertEquals(0.0, t[0], 0.0, "model " + m + " fires at once");
                assertRegularTrain(Arrays.copyOfRange(t, 1, t.length), T_REF + fromReset, current, T_REF,
                        "model " + m);
            }
            double[] t = r[2].timesMs();
            assertEquals(0.0, t[0], 0.0, "t_ref 0 fires at once");
            assertRegularTrain(Arrays.copyOfRange(t, 1, t.length), fromReset, current, 0, "t_ref 0");
        }
    }

    /**
     * A synaptic input that arrives at 2 ms (a spike at 1 ms, delay 1 ms) with the step of a current to
     * 650 pA: a 5 mV kick starts the relaxation from {@code u0 = 5}, so the neuron fires at {@code 2 +
     * tau_m ln((R I - 5) / (R I - 15))}; a 15 mV kick brings it exactly to threshold, so it fires at 2 ms,
     * the instant the current steps, and then at {@code 4 + tau_m ln((R I - 2) / (R I - 15))}.
     */
    @Test
    void anArrivalAndACurrentStepAtTheSameInstantActTogether() {
        double current = 650;
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0}}));
        Population<?, ?> small = b.population("small kick", 1, LifDelta.MODEL, DELTA);
        Population<?, ?> toThreshold = b.population("kick to threshold", 1, LifDelta.MODEL, DELTA);
        b.connect("small", source, small, Rules.allToAll(), Synapses.excitatory(5).delayMs(1.0));
        b.connect("to threshold", source, toThreshold, Rules.allToAll(),
                Synapses.excitatory(V_TH - E_L).delayMs(1.0));
        b.current(new CurrentSource(small, null, new double[] {2.0}, new double[] {current}));
        b.current(new CurrentSource(toThreshold, null, new double[] {2.0}, new double[] {current}));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder fromSmall = e.recordSpikes(small);
            SpikeRecorder fromThreshold = e.recordSpikes(toThreshold);
            e.run(100);
            assertRegularTrain(fromSmall.timesMs(), 2.0 + timeToThreshold(5, current), current, T_REF, "5 mV kick");
            double[] t = fromThreshold.timesMs();
            assertEquals(2.0, t[0], 0.0, "the kick to threshold fires at its arrival");
            assertRegularTrain(Arrays.copyOfRange(t, 1, t.length),
                    2.0 + T_REF + timeToThreshold(V_RESET - E_L, current), current, T_REF, "15 mV kick");
        }
    }

    /**
     * A negative current: a bias of 1500 pA with -400 pA injected fires as under 1100 pA (closed form),
     * and from 40 ms, at -2000 pA, stops and relaxes towards {@code E_L - 20} mV: at 60 ms the potential
     * is the closed form from the last spike (held at the reset until its refractoriness ends), to 1e-9 mV.
     */
    @Test
    void aNegativeCurrentSubtractsFromTheBias() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, delta(1500, T_REF));
        b.current(new CurrentSource(p, null, new double[] {0, 40}, new double[] {-400, -2000}));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder r = e.recordSpikes(p);
            e.run(60);
            double[] t = r.timesMs();
            assertRegularTrain(t, timeToThreshold(0, 1100), 1100, T_REF, "1100 pA");
            double last = t[t.length - 1];
            assertTrue(last < 40, "no spike after the current falls, saw one at " + last);
            double free = last + T_REF;
            double driveBefore = R * 1100;
            double driveAfter = R * (1500 - 2000);
            double uAt40 = free >= 40 ? V_RESET - E_L
                    : driveBefore + (V_RESET - E_L - driveBefore) * Math.exp(-(40 - free) / TAU_M);
            double from = Math.max(40, free);
            double uAt60 = driveAfter + (uAt40 - driveAfter) * Math.exp(-(60 - from) / TAU_M);
            assertEquals(E_L + uAt60, p.state().values("v")[0], 1e-9);
        }
    }

    /**
     * A second method: a current listed again at the same amplitude (330 pA at 0, 5 and 10.3 ms), two
     * sources whose changes at 7 ms cancel (100 + 230 and 250 + 80 pA, sums exact in binary), and a noise
     * of mean and spread 0 on top, give the spikes of a bias {@code i_e} of 330 pA to the bit, in both
     * models, with Poisson spike trains between.
     */
    @Test
    void changesThatLeaveTheSumAsItWasGiveTheBiasSpikes() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        Population<?, ?> trains = b.population("trains", 10, PoissonSource.MODEL, new PoissonSource.Params(400));
        double[] weights = {1.5, 60};
        SpikeRecorder[][] recorders = new SpikeRecorder[2][3];
        Population<?, ?>[][] pops = new Population<?, ?>[2][3];
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < 3; k++) {
                double bias = k == 0 ? 330 : 0;
                pops[m][k] = m == 0 ? b.population("delta " + k, 10, LifDelta.MODEL, delta(bias, T_REF))
                        : b.population("exp " + k, 10, LifExp.MODEL, exp(bias, 2.0));
                b.connect("to " + m + k, trains, pops[m][k], Rules.oneToOne(),
                        Synapses.excitatory(weights[m]).delayMs(1.0));
            }
            b.current(new CurrentSource(pops[m][1], null, new double[] {0, 5, 10.3}, new double[] {330, 330, 330}));
            b.current(new CurrentSource(pops[m][2], null, new double[] {0, 7}, new double[] {100, 250}));
            b.current(new CurrentSource(pops[m][2], null, new double[] {0, 7}, new double[] {230, 80}));
            b.noise(new NoiseCurrent(pops[m][2], null, 0, 0));
        }
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            for (int m = 0; m < 2; m++) {
                for (int k = 0; k < 3; k++) {
                    recorders[m][k] = e.recordSpikes(pops[m][k]);
                }
            }
            e.run(200);
        }
        for (int m = 0; m < 2; m++) {
            assertTrue(recorders[m][0].count() > 20, "model " + m + ": " + recorders[m][0].count() + " spikes");
            for (int k = 1; k < 3; k++) {
                assertArrayEquals(recorders[m][0].timesMs(), recorders[m][k].timesMs(), "model " + m + ", case " + k);
                assertArrayEquals(recorders[m][0].neurons(), recorders[m][k].neurons(), "model " + m + ", case " + k);
            }
        }
    }

    /**
     * A current source into neurons {0, 1}, constant currents into {0, 2, 3}, a noise of spread 0 into
     * {1, 3}, over a bias of 100 pA: each neuron fires the closed-form train of its own sum (450, 400, 400
     * and 650 pA), in both models (lif_exp without synaptic input is lif_delta's cell).
     */
    @Test
    void severalInputsIntoSubsetsSumPerNeuron() {
        double[] sums = {450, 400, 400, 650};
        NetworkBuilder b = new NetworkBuilder(0.1).seed(9);
        Population<?, ?> d = b.population("delta", 4, LifDelta.MODEL, delta(100, T_REF));
        Population<?, ?> e = b.population("exp", 4, LifExp.MODEL, exp(100, 2.0));
        for (Population<?, ?> p : new Population<?, ?>[] {d, e}) {
            b.current(CurrentSource.constant(p, new int[] {0, 1}, 200));
            b.constantCurrents(new ConstantCurrents(p, new int[] {0, 2, 3}, new double[] {150, 300, 450}));
            b.noise(new NoiseCurrent(p, new int[] {1, 3}, 100, 0));
        }
        try (Engine engine = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder[] r = {engine.recordSpikes(d), engine.recordSpikes(e)};
            engine.run(150);
            for (int m = 0; m < 2; m++) {
                for (int i = 0; i < 4; i++) {
                    assertRegularTrain(r[m].timesOf(i), timeToThreshold(0, sums[i]), sums[i], T_REF,
                            "model " + m + ", neuron " + i);
                }
            }
        }
    }

    /**
     * A second method: lif_exp fires at 0 from threshold and takes a 400 pA synaptic input at 0.7 ms,
     * while refractory; its synaptic current decays through the refractory period, during which a 5000 pA
     * pulse (0.5 to 1.5 ms) changes nothing. The neuron with the pulse fires the spikes of its twin
     * without, under a bias of 600 pA; the decay is split at the pulse's edges, so to 1e-9 ms, not the bit.
     */
    @Test
    void aPulseWhileRefractoryLeavesLifExpsSpikesAsTheyWere() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{0.2}}));
        Population<?, ?> pulsed = b.population("pulsed", 1, LifExp.MODEL, exp(600, 2.0));
        Population<?, ?> twin = b.population("twin", 1, LifExp.MODEL, exp(600, 2.0));
        for (Population<?, ?> p : new Population<?, ?>[] {pulsed, twin}) {
            b.connect("to " + p.name(), source, p, Rules.allToAll(), Synapses.excitatory(400).delayMs(0.5));
        }
        b.current(CurrentSource.pulse(pulsed, null, 0.5, 1.5, 5000));
        Network net = b.build();
        pulsed.state().values("v")[0] = V_TH;
        twin.state().values("v")[0] = V_TH;
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder withPulse = e.recordSpikes(pulsed);
            SpikeRecorder without = e.recordSpikes(twin);
            e.run(60);
            assertTrue(without.count() > 5, without.count() + " spikes");
            assertArrayEquals(without.timesMs(), withPulse.timesMs(), TIME_TOLERANCE_MS);
            // The input left its trace: the twin's second spike comes before the bias alone would bring it.
            assertTrue(without.timesMs()[1] < T_REF + timeToThreshold(V_RESET - E_L, 600) - 0.01);
        }
    }

    /**
     * lif_exp with {@code tau_syn == tau_m} (the singular propagator) under a current step: a 300 pA
     * synaptic input at 2 ms gives {@code u = (q / C) s exp(-s / tau)} ({@code s = t - 2}), to which a
     * 200 pA current from 3 ms adds {@code R I (1 - exp(-(t - 3) / tau))}, sampled every step to 1e-9 mV
     * (both terms stay under the 15 mV to threshold, peaks 4.4 and 8 mV).
     */
    @Test
    void theSingularLifExpFollowsTheClosedFormUnderACurrentStep() {
        double q = 300;
        double current = 200;
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0}}));
        Population<?, ?> p = b.population("p", 1, LifExp.MODEL, exp(0, TAU_M));
        b.connect("in", source, p, Rules.allToAll(), Synapses.excitatory(q).delayMs(1.0));
        b.current(new CurrentSource(p, null, new double[] {3.0}, new double[] {current}));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            StateRecorder v = e.recordState(p, "v", new int[] {0}, 0.1);
            SpikeRecorder spikes = e.recordSpikes(p);
            e.run(30);
            assertEquals(0, spikes.count());
            double[] times = v.timesMs();
            for (int k = 0; k < v.sampleCount(); k++) {
                double t = times[k];
                double s = t - 2;
                double u = (s > 0 ? q / DELTA.cM() * s * Math.exp(-s / TAU_M) : 0)
                        + (t > 3 ? R * current * -Math.expm1(-(t - 3) / TAU_M) : 0);
                assertEquals(E_L + u, v.value(k, 0), 1e-9, "at " + t + " ms");
            }
        }
    }

    /**
     * lif_exp's noise, as lif_delta's in {@link PreciseCurrentInputTest}: under threshold and without
     * synaptic input its potentials at every step's end are grid mode's, exact for a current constant
     * over the step, to 1e-9 mV, also with {@code tau_syn == tau_m}.
     */
    @Test
    void lifExpNoiseGivesTheGridModesPotentials() {
        double[][] v = new double[2][];
        for (Mode mode : Mode.values()) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(12);
            Population<?, ?> p = b.population("p", 3, LifExp.MODEL, exp(0, 2.0));
            Population<?, ?> singular = b.population("singular", 3, LifExp.MODEL, exp(0, TAU_M));
            b.noise(new NoiseCurrent(p, null, 120, 150));
            b.noise(new NoiseCurrent(singular, new int[] {0, 2}, 120, 150));
            b.current(CurrentSource.pulse(singular, new int[] {1, 2}, 10, 20, 100));
            try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
                StateRecorder a = e.recordState(p, "v", new int[] {0, 1, 2}, 0.1);
                StateRecorder c = e.recordState(singular, "v", new int[] {0, 1, 2}, 0.1);
                SpikeRecorder spikes = e.recordSpikes(p);
                e.run(40);
                assertEquals(0, spikes.count(), mode + ": the noise should stay under threshold");
                v[mode.ordinal()] = new double[a.sampleCount() * 6];
                for (int k = 0; k < a.sampleCount(); k++) {
                    for (int n = 0; n < 3; n++) {
                        v[mode.ordinal()][6 * k + n] = a.value(k, n);
                        v[mode.ordinal()][6 * k + 3 + n] = c.value(k, n);
                    }
                }
            }
        }
        assertArrayEquals(v[Mode.GRID.ordinal()], v[Mode.PRECISE.ordinal()], 1e-9);
    }

    /**
     * Superposition, an invariant of a linear model below threshold: lif_exp's {@code V - E_L} under
     * synaptic input and changing currents (one changing every 0.3 ms, one at 3, 7.5 and 12 ms) is the sum
     * of its values under each alone, at every step to 1e-9 mV, with {@code tau_syn} 2 ms and with the
     * singular {@code tau_syn == tau_m}; the threshold is out of reach.
     */
    @Test
    void lifExpUnderSynapsesAndACurrentIsTheSumOfEach() {
        for (double tauSyn : new double[] {2.0, TAU_M}) {
            LifExp.Params cell = new LifExp.Params(TAU_M, DELTA.cM(), E_L, 1e9, V_RESET, T_REF, 0, tauSyn, tauSyn);
            NetworkBuilder b = new NetworkBuilder(0.1).seed(17);
            Population<?, ?> trains = b.population("trains", 3, PoissonSource.MODEL, new PoissonSource.Params(300));
            Population<?, ?> both = b.population("both", 3, LifExp.MODEL, cell);
            Population<?, ?> synapses = b.population("synapses", 3, LifExp.MODEL, cell);
            Population<?, ?> currents = b.population("currents", 3, LifExp.MODEL, cell);
            for (Population<?, ?> p : new Population<?, ?>[] {both, synapses}) {
                b.connect("to " + p.name(), trains, p, Rules.oneToOne(), Synapses.excitatory(80).delayMs(1.0));
            }
            // A current changing every 0.3 ms, 50 + 200 sin(k) pA: noise's draws would differ between the
            // two populations, as each noise input has streams of its own.
            double[] times = IntStream.range(0, 130).mapToDouble(k -> 0.3 * k).toArray();
            double[] wobble = IntStream.range(0, 130).mapToDouble(k -> 50 + 200 * Math.sin(k)).toArray();
            for (Population<?, ?> p : new Population<?, ?>[] {both, currents}) {
                b.current(new CurrentSource(p, null, times, wobble));
                b.current(new CurrentSource(p, new int[] {0, 2}, new double[] {3, 7.5, 12},
                        new double[] {400, -250, 100}));
            }
            try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
                int[] all = {0, 1, 2};
                StateRecorder[] r = {e.recordState(both, "v", all, 0.1), e.recordState(synapses, "v", all, 0.1),
                    e.recordState(currents, "v", all, 0.1)};
                e.run(40);
                double spread = 0;
                for (int k = 0; k < r[0].sampleCount(); k++) {
                    for (int n = 0; n < 3; n++) {
                        double fromSynapses = r[1].value(k, n) - E_L;
                        double fromCurrents = r[2].value(k, n) - E_L;
                        assertEquals(fromSynapses + fromCurrents, r[0].value(k, n) - E_L, 1e-9,
                                "tau_syn " + tauSyn + ", neuron " + n + ", sample " + k);
                        spread = Math.max(spread, Math.min(Math.abs(fromSynapses), Math.abs(fromCurrents)));
                    }
                }
                assertTrue(spread > 1, "both inputs must move the potential, by " + spread + " mV at most");
            }
        }
    }

    /**
     * A potential written between runs holds from the current time under the current in force: 300 pA
     * (12 mV, under the 15 to threshold) until 5 ms, then 650 pA; the potential set to {@code E_L + 10} at
     * 5 ms gives the first spike at {@code 5 + tau_m ln((R I - 10) / (R I - 15))}, then regular intervals.
     * Where the change of current and the write meet at 5 ms, and where the write comes at 7 ms, after it.
     */
    @Test
    void aPotentialWrittenBetweenRunsRelaxesUnderTheCurrentInForce() {
        for (double writeMs : new double[] {5, 7}) {
            NetworkBuilder b = new NetworkBuilder(0.1);
            Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, DELTA);
            b.current(new CurrentSource(p, null, new double[] {0, 5}, new double[] {300, 650}));
            try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
                SpikeRecorder r = e.recordSpikes(p);
                e.run(writeMs);
                assertEquals(0, r.count(), "no spike before " + writeMs + " ms");
                p.state().values("v")[0] = E_L + 10;
                e.run(100 - writeMs);
                assertRegularTrain(r.timesMs(), writeMs + timeToThreshold(10, 650), 650, T_REF,
                        "written at " + writeMs + " ms");
            }
        }
    }

    /**
     * At time steps from 0.01 to 1 ms: a current source stepping at 2, 5 and 11 ms plus noise, under
     * threshold, gives in both models the potentials of grid mode at every step's end (exact for a
     * current constant over each step), to 1e-9 mV; and 650 pA from 3 ms fires the closed-form train
     * {@code 3 + tau_m ln(R I / (R I - 15))}, then regular intervals, whatever the step.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.25, 1.0})
    void everyTimeStepGivesGridModesPotentialsAndTheClosedFormSpikes(double dt) {
        double[][] v = new double[2][];
        for (Mode mode : Mode.values()) {
            NetworkBuilder b = new NetworkBuilder(dt).seed(8);
            Population<?, ?> d = b.population("delta", 2, LifDelta.MODEL, DELTA);
            Population<?, ?> e = b.population("exp", 2, LifExp.MODEL, exp(0, 2.0));
            Population<?, ?> firing = b.population("firing", 1, LifDelta.MODEL, DELTA);
            for (Population<?, ?> p : new Population<?, ?>[] {d, e}) {
                b.current(new CurrentSource(p, null, new double[] {2, 5, 11}, new double[] {300, -100, 250}));
                b.noise(new NoiseCurrent(p, new int[] {1}, 0, 60));
            }
            b.current(new CurrentSource(firing, null, new double[] {3}, new double[] {650}));
            try (Engine engine = new Engine(b.build(), new EngineOptions(1, mode))) {
                StateRecorder rd = engine.recordState(d, "v", new int[] {0, 1}, dt);
                StateRecorder re = engine.recordState(e, "v", new int[] {0, 1}, dt);
                SpikeRecorder spikes = engine.recordSpikes(firing);
                SpikeRecorder quiet = engine.recordSpikes(d);
                engine.run(60);
                assertEquals(0, quiet.count(), mode + ": under threshold");
                if (mode == Mode.PRECISE) {
                    assertRegularTrain(spikes.timesMs(), 3 + timeToThreshold(0, 650), 650, T_REF, "dt " + dt);
                }
                v[mode.ordinal()] = new double[rd.sampleCount() * 4];
                for (int k = 0; k < rd.sampleCount(); k++) {
                    for (int n = 0; n < 2; n++) {
                        v[mode.ordinal()][4 * k + n] = rd.value(k, n);
                        v[mode.ordinal()][4 * k + 2 + n] = re.value(k, n);
                    }
                }
            }
        }
        assertArrayEquals(v[Mode.GRID.ordinal()], v[Mode.PRECISE.ordinal()], 1e-9, "dt " + dt);
    }
}
