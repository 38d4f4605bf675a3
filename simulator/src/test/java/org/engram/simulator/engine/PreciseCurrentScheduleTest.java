package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test: neurons under random piecewise-constant currents (change times on random steps,
 * amplitudes positive, negative or repeated, refractory periods of 0, 0.5 and 2 ms) fire, in precise
 * mode, the spikes that a reference written here finds segment by segment from the closed form of a
 * LIF neuron under a constant current, and end at its potential. lif_exp without synaptic input is the
 * same cell, so both models are held to it.
 */
class PreciseCurrentScheduleTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 10;
    private static final double C_M = 250;
    private static final double R = TAU_M / C_M;
    private static final double THETA = 15;
    private static final double U_RESET = 2;
    private static final double DURATION_MS = 120;
    private static final double[] T_REFS = {0, 0.5, 2};
    private static final int NEURONS = 9;

    /** A random schedule: change times on whole steps, strictly increasing; amplitudes in [-300, 1500] pA. */
    private record Schedule(double[] timesMs, double[] amplitudesPa) {
    }

    private static Schedule schedule(SplitMixRandom random) {
        List<Double> times = new ArrayList<>();
        List<Double> amplitudes = new ArrayList<>();
        int step = random.nextInt(20);
        double previous = 0;
        while (step * DT < DURATION_MS) {
            times.add(step * DT);
            // One change in five repeats the amplitude in force, which must act as no change.
            double a = random.nextInt(5) == 0 ? previous : -300 + 1800 * random.nextDouble();
            amplitudes.add(a);
            previous = a;
            step += 1 + random.nextInt(150);
        }
        return new Schedule(times.stream().mapToDouble(Double::doubleValue).toArray(),
                amplitudes.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The reference: {@code u = V - E_L} relaxes towards {@code R I} on each segment of constant current;
     * it crosses {@code theta} at {@code tau_m ln((R I - u) / (R I - theta))} after the segment's start (or
     * the end of refractoriness), is reset to {@code u_reset} and held for {@code t_ref}. Returns the spike
     * times, the final {@code u} appended.
     */
    private static List<Double> reference(Schedule s, double tRef) {
        List<Double> out = new ArrayList<>();
        double u = 0;
        double refractoryUntil = Double.NEGATIVE_INFINITY;
        double t = 0;
        for (int k = -1; k < s.timesMs().length; k++) {
            double a = k < 0 ? 0 : s.timesMs()[k];
            double b = k + 1 < s.timesMs().length ? s.timesMs()[k + 1] : DURATION_MS;
            double drive = k < 0 ? 0 : R * s.amplitudesPa()[k];
            t = Math.max(t, a);
            while (true) {
                double start = Math.max(t, refractoryUntil);
                if (start >= b) {
                    t = b;
                    break;
                }
                if (drive > THETA) {
                    double crossing = start + TAU_M * Math.log((drive - u) / (drive - THETA));
                    if (crossing <= b) {
                        out.add(crossing);
                        u = U_RESET;
                        refractoryUntil = crossing + tRef;
                        t = crossing;
                        continue;
                    }
                }
                u = drive + (u - drive) * Math.exp(-(b - start) / TAU_M);
                t = b;
                break;
            }
        }
        out.add(u);
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomSchedulesFireTheClosedFormSpikes(long seed) {
        SplitMixRandom random = new SplitMixRandom(seed);
        NetworkBuilder b = new NetworkBuilder(DT).seed(seed);
        Population<?, ?>[][] pops = new Population<?, ?>[2][T_REFS.length];
        Schedule[][] schedules = new Schedule[T_REFS.length][NEURONS];
        for (int r = 0; r < T_REFS.length; r++) {
            pops[0][r] = b.population("delta " + r, NEURONS, LifDelta.MODEL,
                    new LifDelta.Params(TAU_M, C_M, 0, THETA, U_RESET, T_REFS[r], 0));
            pops[1][r] = b.population("exp " + r, NEURONS, LifExp.MODEL,
                    new LifExp.Params(TAU_M, C_M, 0, THETA, U_RESET, T_REFS[r], 0, 2, 5));
            for (int i = 0; i < NEURONS; i++) {
                schedules[r][i] = schedule(random);
                for (int m = 0; m < 2; m++) {
                    b.current(new CurrentSource(pops[m][r], new int[] {i}, schedules[r][i].timesMs(),
                            schedules[r][i].amplitudesPa()));
                }
            }
        }
        Network net = b.build();
        int spikes = 0;
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            SpikeRecorder[][] recorders = new SpikeRecorder[2][T_REFS.length];
            for (int m = 0; m < 2; m++) {
                for (int r = 0; r < T_REFS.length; r++) {
                    recorders[m][r] = e.recordSpikes(pops[m][r]);
                }
            }
            e.run(DURATION_MS);
            for (int m = 0; m < 2; m++) {
                for (int r = 0; r < T_REFS.length; r++) {
                    double[] v = pops[m][r].state().values("v");
                    for (int i = 0; i < NEURONS; i++) {
                        List<Double> expected = reference(schedules[r][i], T_REFS[r]);
                        double[] found = recorders[m][r].timesOf(i);
                        String what = "model " + m + ", t_ref " + T_REFS[r] + ", neuron " + i;
                        assertEquals(expected.size() - 1, found.length, what + ": " + expected + " vs "
                                + Arrays.toString(found));
                        // Times from Math.log against the engine's StrictMath.log1p, a few ulps each, and
                        // no error carried past a reset to the exact u_reset.
                        for (int k = 0; k < found.length; k++) {
                            assertEquals(expected.get(k), found[k], 1e-9, what + ", spike " + k);
                        }
                        assertEquals(expected.get(expected.size() - 1), v[i], 1e-9, what + ", final potential");
                        spikes += found.length;
                    }
                }
            }
        }
        assertTrue(spikes > 100, "the currents must drive spikes, saw " + spikes);
    }
}
