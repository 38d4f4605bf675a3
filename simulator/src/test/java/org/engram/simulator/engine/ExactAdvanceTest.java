package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Precise mode moves a neuron from input event to input event through the engine: its state is
 * propagated to each event before the event acts and to each crossing before the neuron fires, and
 * events of one step act in time order whatever order they were delivered in. Each case is
 * compared with the closed form of the model's linear dynamics, worked by hand below.
 */
class ExactAdvanceTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 10;

    /** One spike source per time, each into {@code target} through its own delay and weight. */
    private static void inputs(NetworkBuilder b, Population<?, ?> target, double[] spikeMs, double[] delayMs,
                               double weight) {
        for (int k = 0; k < spikeMs.length; k++) {
            Population<?, ?> source = b.population("source" + k, 1, SpikeTimes.MODEL,
                    new SpikeTimes.Params(new double[][] {{spikeMs[k]}}));
            b.connect("in" + k, source, target, Rules.allToAll(), Synapses.excitatory(weight).delayMs(delayMs[k]));
        }
    }

    /**
     * Jumps of 5 mV into lif_delta at rest, threshold out of reach, arriving at 1.59, 1.51 and 6.67
     * ms: the first two in one step, delivered in that order (their spikes, at 0.59 and 0.71 ms, left
     * through delays of 1.0 and 0.8 ms), the third long after. {@code V(t) = E_L + sum over arrivals
     * a <= t of 5 exp(-(t - a)/tau_m)}, sampled at every step's end. Taken in delivery order, the jump
     * of 1.51 ms would act at 1.59 ms, undecayed by 0.08 ms (0.04 mV too much); the third, acting on
     * the potential of 1.59 ms, would leave 2 mV too much. 1e-12 mV is some 70 ulps of 70 mV, for a
     * few dozen roundings.
     */
    @Test
    void potentialIsTheSumOfJumpsEachDecayedFromItsArrival() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL,
                new LifDelta.Params(TAU_M, 250, -70, 0, -70, 2, 0));
        inputs(b, target, new double[] {0.59, 0.71, 5.87}, new double[] {1.0, 0.8, 0.8}, 5);
        double[] arrivals = {1.59, 1.51, 6.67};
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            StateRecorder v = e.recordState(target, "v", new int[] {0}, DT);
            e.run(10);
            double[] trace = v.trace(0);
            assertEquals(100, trace.length);
            for (int k = 0; k < trace.length; k++) {
                double t = (k + 1) * DT;
                double expected = -70;
                for (double a : arrivals) {
                    if (t >= a) {
                        expected += 5 * Math.exp(-(t - a) / TAU_M);
                    }
                }
                assertEquals(expected, trace[k], 1e-12, "V at " + t + " ms");
            }
        }
    }

    /**
     * A 4000 pA jump into lif_exp at 1.1 ms ({@code tau_syn} 2 ms) drives the neuron past threshold
     * ({@code R w} = 160 mV of drive against 15 mV) a little later. The synaptic current does not
     * care: {@code I(t) = 4000 exp(-(t - 1.1)/2)} before, through and after the spike, while the
     * potential is held at the reset for {@code t_ref} = 2 ms. A current left undecayed from the
     * event to the crossing would be too large by {@code exp((t_spike - 1.1)/2)} from the spike on.
     */
    @Test
    void synapticCurrentDecaysThroughASpike() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> target = b.population("target", 1, LifExp.MODEL,
                new LifExp.Params(TAU_M, 250, -70, -55, -70, 2, 0, 2, 2));
        inputs(b, target, new double[] {1.0}, new double[] {0.1}, 4000);
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(target);
            StateRecorder current = e.recordState(target, "i_syn_ex", new int[] {0}, DT);
            StateRecorder v = e.recordState(target, "v", new int[] {0}, DT);
            e.run(10);
            assertEquals(1, spikes.count(), "one spike");
            double spikeMs = spikes.timesMs()[0];
            double[] trace = current.trace(0);
            for (int k = 0; k < trace.length; k++) {
                double t = (k + 1) * DT;
                double expected = t < 1.1 - 1e-9 ? 0 : 4000 * Math.exp(-(t - 1.1) / 2);
                // Relative 1e-12: a few roundings of the decay factor, which StrictMath gives within an ulp.
                assertEquals(expected, trace[k], 1e-12 * 4000, "I_syn at " + t + " ms");
                if (t > spikeMs && t < spikeMs + 2) {
                    assertEquals(-70, v.trace(0)[k], 0.0, "V held at the reset at " + t + " ms");
                }
            }
        }
    }

    /**
     * A lif_delta neuron that starts at threshold fires at 0 ms and is refractory until {@code t_ref} =
     * 20 ms; its potential, written back to the threshold after 1 ms, is held there, and it fires again
     * the moment its refractoriness ends, at 20 ms exactly ({@code 0 + 20}). That time ends step 199
     * ({@code 200 dt} rounds to 20 exactly), and a spike at {@code k dt} belongs to step {@code k - 1}:
     * the sample taken at 20 ms shows the reset, -70 mV, not the threshold. The neuron has had no input
     * for longer than it looks ahead in one search (10 ms), so the crossing, found by a look-ahead past
     * the step, must be fired when the step ending on it comes, not one step later.
     */
    @Test
    void aCrossingOnTheEndOfAStepFiresInThatStepAfterALongSilence() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> cell = b.population("cell", 1, LifDelta.MODEL,
                new LifDelta.Params(TAU_M, 250, -70, -55, -70, 20, 0));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(cell);
            StateRecorder v = e.recordState(cell, "v", new int[] {0}, DT);
            cell.state().values("v")[0] = -55;
            e.run(1);
            cell.state().values("v")[0] = -55;
            e.run(24);
            assertArrayEquals(new double[] {0, 20}, spikes.timesMs());
            double[] times = v.timesMs();
            double[] trace = v.trace(0);
            assertEquals(20.0, times[199], 1e-12, "the sample at 20 ms");
            assertEquals(-70, trace[9], 0.0, "reset after the spike at 0 ms, at " + times[9] + " ms");
            assertEquals(-55, trace[198], 0.0, "held at the written threshold at " + times[198] + " ms");
            assertEquals(-70, trace[199], 0.0, "fired and reset at 20 ms");
        }
    }
}
