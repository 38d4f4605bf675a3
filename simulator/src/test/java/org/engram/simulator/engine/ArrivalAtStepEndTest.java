package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precise mode: an input whose arrival {@code t_spike + delay} falls on the end of a step is taken
 * in that step, and the spike it causes is emitted there too, as in grid mode. Source {@code k}
 * fires at {@code k dt} and reaches its own neuron {@code delay} later with a 30 mV jump, which
 * alone crosses the 20 mV threshold, so every neuron must have spiked at its arrival time and be
 * at the reset (-5 mV, below the 0 mV rest, so an input left to the next step shows as the rest)
 * in the sample taken at that time. Each arrival is rounded on its own
 * way (spike time, step start, offset), and for some of them the sum used to come out an ulp
 * after the step's end: the input was taken in the step but stamped after it, so the sample (and
 * the state at the end of a run ending there) showed 30 mV, above threshold, without the spike.
 */
class ArrivalAtStepEndTest {
    private static final double DT = 0.1;
    private static final int SOURCES = 300;

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "0.3", "0.9", "1.7"})
    void inputArrivingAtAStepEndSpikesInThatStep(String delay) {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        double[][] times = new double[SOURCES][];
        for (int k = 0; k < SOURCES; k++) {
            times[k] = new double[] {decimal(k, "0")};   // from time 0, which ends no step
        }
        Population<?, ?> source = b.population("source", SOURCES, SpikeTimes.MODEL, new SpikeTimes.Params(times));
        Population<?, ?> target = b.population("target", SOURCES, LifDelta.MODEL,
                new LifDelta.Params(10, 250, 0, 20, -5, 2, 0));
        b.connect("in", source, target, Rules.oneToOne(), Synapses.excitatory(30).delayMs(Double.parseDouble(delay)));
        int[] all = new int[SOURCES];
        for (int k = 0; k < SOURCES; k++) {
            all[k] = k;
        }
        try (Engine e = new Engine(b.build(), new EngineOptions(1, Mode.PRECISE))) {
            SpikeRecorder spikes = e.recordSpikes(target);
            StateRecorder v = e.recordState(target, "v", all, DT);
            e.run(SOURCES * DT + Double.parseDouble(delay) + 1);
            double[] sampleTimes = v.timesMs();
            for (int k = 0; k < SOURCES; k++) {
                double arrival = decimal(k, delay);
                double[] fired = spikes.timesOf(k);
                assertEquals(1, fired.length, "spikes of neuron " + k);
                // The arrival is computed from three rounded numbers: a few ulps of 30 ms.
                assertEquals(arrival, fired[0], 1e-13, "spike of neuron " + k);
                int sample = (int) Math.round(arrival / DT) - 1;
                assertEquals(arrival, sampleTimes[sample], 1e-12, "sample time");
                assertEquals(-5.0, v.trace(k)[sample], 0.0, "v of neuron " + k + " sampled at its arrival " + arrival);
            }
        }
    }

    /** {@code steps dt + extra} as the double nearest to the decimal sum, as a user would write it. */
    private static double decimal(int steps, String extra) {
        return new BigDecimal(String.valueOf(DT)).multiply(BigDecimal.valueOf(steps)).add(new BigDecimal(extra))
                .doubleValue();
    }
}
