package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.LifAnalytic;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * Constant currents of one amplitude per neuron: each neuron fires at the interval its own current
 * gives, a neuron's current acts as the model's bias of the same value would, drawn amplitudes
 * follow their distribution and depend only on the seed, the input and the neuron.
 */
class ConstantCurrentsTest {
    private static final LifDelta.Params CELL = LifAnalytic.CELL;

    /** {@link LifAnalytic#isiMs}, for R I above the threshold's 15 mV. */
    private static double analyticIsi(double currentPa) {
        return LifAnalytic.isiMs(CELL, currentPa);
    }

    @Test
    void eachNeuronFiresAtTheIntervalOfItsOwnCurrent() {
        double[] currents = {400, 500, 650, 800, 1200};
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("n", currents.length, LifDelta.MODEL, CELL);
        b.constantCurrents(new ConstantCurrents(p, null, currents));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            SpikeRecorder r = e.recordSpikes(p);
            e.run(300);
            for (int i = 0; i < currents.length; i++) {
                double[] t = r.timesOf(i);
                assertTrue(t.length > 5, "neuron " + i + " fired " + t.length + " times");
                // Each spike is late by less than a step, so an interval is off by less than dt.
                for (int k = 1; k < t.length; k++) {
                    assertEquals(analyticIsi(currents[i]), t[k] - t[k - 1], 0.1, "neuron " + i + ", interval " + k);
                }
            }
        }
    }

    /**
     * A second method: a population whose model has the current as its bias {@code i_e}. Both add
     * the current to the same step's drive, so the potentials agree to rounding, and the spikes
     * exactly.
     */
    @Test
    void aNeuronsCurrentActsAsTheModelsBiasOfTheSameValue() {
        double[] currents = {380, 450, 0, 700};
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> driven = b.population("driven", currents.length, LifDelta.MODEL, CELL);
        b.constantCurrents(new ConstantCurrents(driven, null, currents));
        Population<?, ?>[] biased = new Population<?, ?>[currents.length];
        for (int i = 0; i < currents.length; i++) {
            biased[i] = b.population("biased" + i, 1, LifDelta.MODEL,
                    LifAnalytic.cellWithBias(currents[i]));
        }
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            SpikeRecorder drivenSpikes = e.recordSpikes(driven);
            SpikeRecorder[] biasedSpikes = Arrays.stream(biased).map(e::recordSpikes).toArray(SpikeRecorder[]::new);
            e.run(123.4);
            for (int i = 0; i < currents.length; i++) {
                assertArrayEquals(biasedSpikes[i].timesMs(), drivenSpikes.timesOf(i), "neuron " + i);
                assertEquals(biased[i].values("v")[0], driven.values("v")[i], 1e-9, "neuron " + i);
            }
            assertTrue(drivenSpikes.timesOf(1).length > 0, "a neuron fired");
        }
    }

    /** One step from rest: {@code V = E_L + R I (1 - exp(-dt / tau_m))} for a listed neuron, rest for the others. */
    @Test
    void onlyTheListedNeuronsReceiveTheirCurrents() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("n", 4, LifDelta.MODEL, CELL);
        b.constantCurrents(new ConstantCurrents(p, new int[] {3, 1}, new double[] {100, -50}));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(0.1);
        }
        double gain = CELL.resistance() * -Math.expm1(-0.1 / CELL.tauM());
        double[] v = p.values("v");
        assertEquals(CELL.eL(), v[0], 0.0);
        assertEquals(CELL.eL() - 50 * gain, v[1], 1e-12);
        assertEquals(CELL.eL(), v[2], 0.0);
        assertEquals(CELL.eL() + 100 * gain, v[3], 1e-12);
    }

    private static double[] drawn(long seed, int[] neurons, int inputsBefore) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(seed);
        Population<?, ?> p = b.population("n", 4000, LifDelta.MODEL, CELL);
        for (int k = 0; k < inputsBefore; k++) {
            b.constantCurrents(new ConstantCurrents(p, new int[] {0}, new double[] {1}));
        }
        b.constantCurrents(p, neurons, new NormalDistribution(300, 50));
        return b.build().constantCurrents().get(inputsBefore).amplitudesPa();
    }

    /**
     * 4,000 draws of N(300, 50): the mean within 5 standard errors (50 / sqrt(4000) = 0.79), the
     * standard deviation within 5 of its standard errors (50 / sqrt(2 * 4000) = 0.56).
     */
    @Test
    void drawnAmplitudesFollowTheirDistribution() {
        SummaryStatistics stats = new SummaryStatistics();
        Arrays.stream(drawn(7, null, 0)).forEach(stats::addValue);
        assertEquals(4000, stats.getN());
        assertEquals(300, stats.getMean(), 4.0);
        assertEquals(50, stats.getStandardDeviation(), 2.8);
    }

    /**
     * A neuron's amplitude is a function of the seed, the input's place and the neuron alone: the
     * same in a list of chosen neurons as when all are chosen, another for another seed or input.
     */
    @Test
    void drawnAmplitudesDependOnlyOnTheSeedTheInputAndTheNeuron() {
        double[] all = drawn(7, null, 0);
        assertArrayEquals(all, drawn(7, null, 0));
        assertArrayEquals(new double[] {all[3999], all[12]}, drawn(7, new int[] {3999, 12}, 0));
        double[] otherSeed = drawn(8, null, 0);
        double[] secondInput = drawn(7, null, 1);
        for (int i = 0; i < 10; i++) {
            assertFalse(all[i] == otherSeed[i] || all[i] == secondInput[i], "neuron " + i);
        }
    }

    /** The same spikes whatever the threads: each neuron's current is its own. */
    @Test
    void theSpikesDoNotDependOnTheThreads() {
        double[][] times = new double[2][];
        int[][] neurons = new int[2][];
        for (int threads = 1; threads <= 2; threads++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
            Population<?, ?> p = b.population("n", 1000, LifDelta.MODEL, CELL);
            b.constantCurrents(p, null, new NormalDistribution(420, 60));
            Network net = b.build();
            try (Engine e = new Engine(net, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
                SpikeRecorder r = e.recordSpikes(p);
                e.run(100);
                times[threads - 1] = r.timesMs();
                neurons[threads - 1] = r.neurons();
                assertTrue(r.count() > 1000, r.count() + " spikes");
            }
        }
        assertArrayEquals(times[0], times[1]);
        assertArrayEquals(neurons[0], neurons[1]);
    }

    /** The checked arrays are the input's own: an edit of what the accessors give changes nothing. */
    @Test
    void itsArraysCannotBeChangedFromOutside() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("a", 4, LifDelta.MODEL, CELL);
        double[] amplitudes = {1, 2};
        ConstantCurrents currents = new ConstantCurrents(p, new int[] {0, 1}, amplitudes);
        amplitudes[0] = 9;
        currents.neurons()[1] = 0;
        currents.amplitudesPa()[1] = 9;
        assertArrayEquals(new int[] {0, 1}, currents.neurons());
        assertArrayEquals(new double[] {1, 2}, currents.amplitudesPa());
    }

    @Test
    void badValuesAreRefusedNamingWhatIsWrong() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("a", 3, LifDelta.MODEL, CELL);
        assertEquals("constant currents into 'a': amplitudes_pa: expected one amplitude per neuron that receives one "
                        + "(3, the population's size), found 2 amplitudes",
                assertThrows(ParameterException.class, () -> new ConstantCurrents(p, null, new double[2]))
                        .getMessage());
        assertEquals("constant currents into 'a': amplitudes_pa: expected one amplitude per neuron that receives one "
                        + "(1, as many as neurons lists), found null",
                assertThrows(ParameterException.class, () -> new ConstantCurrents(p, new int[] {2}, null))
                        .getMessage());
        assertTrue(assertThrows(ParameterException.class, () -> new ConstantCurrents(p, null,
                new double[] {0, Double.NaN, 0})).getMessage().contains("amplitudes_pa[1]"));
        assertThrows(ParameterException.class, () -> new ConstantCurrents(p, new int[] {3}, new double[1]));
        assertThrows(ParameterException.class, () -> new ConstantCurrents(null, null, new double[0]));
        assertThrows(ParameterException.class, () -> b.constantCurrents(p, new int[] {1, 1}, new NormalDistribution()));
        assertEquals("constant currents into 'a': amplitudes: expected a distribution to draw them from, found null",
                assertThrows(ParameterException.class, () -> b.constantCurrents(p, null, null)).getMessage());
    }
}
