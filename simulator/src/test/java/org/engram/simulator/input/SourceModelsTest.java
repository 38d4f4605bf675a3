package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * The three spike-source models on their own: they take no input, their defaults build, their
 * exact kernels search the closed interval {@code [from, until]} the kernel contract names, and
 * their parameters and rates are checked at the ends of their ranges.
 */
class SourceModelsTest {
    private static final TimeGrid GRID = new TimeGrid(0.1);

    @Test
    void sourcesTakeNoInputAndBuildFromTheirDefaults() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        for (NeuronModel<?, ?> model : List.of(PoissonSource.MODEL, RatePoissonSource.MODEL, SpikeTimes.MODEL)) {
            assertFalse(model.takesInput(), model.name());
            add(b, model);
        }
        assertEquals(3, b.build().neuronCount());
    }

    private static <P extends Record> void add(NetworkBuilder b, NeuronModel<P, ?> model) {
        b.population(model.name(), 1, model, model.defaults());
    }

    @Test
    void aSpikeAtTheEndOfTheSearchIsFound() {
        SpikeTimes.Params params = new SpikeTimes.Params(new double[][] {{5.0}});
        ExactKernel<SpikeTimes.State> times = SpikeTimes.MODEL.prepareExact(params, GRID);
        SpikeTimes.State state = SpikeTimes.MODEL.newState(1, params);
        assertTrue(Double.isNaN(times.nextCrossingMs(state, 0, 0, 4.9)));
        assertEquals(5.0, times.nextCrossingMs(state, 0, 0, 5.0));

        PoissonSource.Params rate = new PoissonSource.Params(100);
        ExactKernel<PoissonSource.State> poisson = PoissonSource.MODEL.prepareExact(rate, GRID);
        PoissonSource.State drawn = PoissonSource.MODEL.newState(1, rate);
        drawn.nextSpikeMs[0] = 5.0;
        assertTrue(Double.isNaN(poisson.nextCrossingMs(drawn, 0, 0, 4.9)));
        assertEquals(5.0, poisson.nextCrossingMs(drawn, 0, 0, 5.0));
    }

    @Test
    void aSourceAtRateZeroNeverFires() {
        PoissonSource.Params zero = new PoissonSource.Params(0);
        PoissonSource.State state = PoissonSource.MODEL.newState(1, zero);
        assertTrue(Double.isNaN(PoissonSource.MODEL.prepareExact(zero, GRID).nextCrossingMs(state, 0, 0, 1e9)));
    }

    @Test
    void gridModeDrawsUpTo700SpikesPerStepOnAverage() {
        // At dt = 1 ms, 700 kHz is a mean of exactly 700 spikes per step: the largest accepted.
        TimeGrid grid = new TimeGrid(1.0);
        PoissonSource.MODEL.prepare(new PoissonSource.Params(700_000), grid);
        ParameterException e = assertThrows(ParameterException.class,
                () -> PoissonSource.MODEL.prepare(new PoissonSource.Params(700_001), grid));
        assertEquals("rate_hz", e.location());
    }

    @Test
    void spikeTimesMayStartAtZeroAndRepeat() {
        // Two spikes at one time are a spike of multiplicity 2; time 0 is emitted in step 0.
        SpikeTimes.Params p = new SpikeTimes.Params(new double[][] {{0, 1, 1}});
        assertEquals(3, p.timesMs()[0].length);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new SpikeTimes.Params(new double[][] {{1, 0.5}}));
        assertEquals("times_ms[0][1]", e.location());
    }

    @Test
    void spikeTimeParametersAreEqualWhenTheirTimesAre() {
        SpikeTimes.Params a = new SpikeTimes.Params(new double[][] {{1, 2}, {}});
        SpikeTimes.Params same = new SpikeTimes.Params(new double[][] {{1, 2}, {}});
        SpikeTimes.Params other = new SpikeTimes.Params(new double[][] {{1, 3}, {}});
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, other);
        assertNotEquals(a.hashCode(), other.hashCode());
        assertEquals("SpikeTimes.Params[2 neurons]", a.toString());
    }

    @Test
    void aPopulationOfSpikeTimesNeedsOneArrayPerNeuron() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> SpikeTimes.MODEL.newState(2, new SpikeTimes.Params(new double[][] {{1}, {2}, {3}})));
        assertEquals("times_ms", e.location());
        assertEquals("3", e.found());
        // At the defaults (one empty array) the message says so and shows how to give times.
        e = assertThrows(ParameterException.class, () -> SpikeTimes.MODEL.newState(2, SpikeTimes.MODEL.defaults()));
        assertTrue(e.found().contains("the default"), e.getMessage());
        assertTrue(e.hint().startsWith("give times_ms"), e.getMessage());
    }

    @Test
    void aRateSourceWaitsAGeometricNumberOfStepsDrawnFromItsNeuronsStream() {
        // Neuron i of a population starting at network neuron 3 draws from stream
        // (seed, POISSON_SOURCE, 3 + i); each wait is K = floor(E / (rate dt)) silent steps with
        // E = -ln(1 - u) exponential, so two waits in a row put the spikes at steps K1 and K1 + 1 + K2.
        double lambda = 200 / 1000.0 * 0.1;
        RatePoissonSource.State state = RatePoissonSource.MODEL.newState(4, new RatePoissonSource.Params(200));
        state.seedStreams(9, 3);
        for (int i = 0; i < 4; i++) {
            SplitMixRandom reference = RandomStreams.of(9, Purpose.POISSON_SOURCE, 3 + i);
            long first = (long) Math.floor(-StrictMath.log1p(-reference.nextDouble()) / lambda);
            long second = first + 1 + (long) Math.floor(-StrictMath.log1p(-reference.nextDouble()) / lambda);
            state.drawNext(i, 0, 0.1);
            assertEquals(first, state.nextStep[i], "neuron " + i);
            state.drawNext(i, first + 1, 0.1);
            assertEquals(second, state.nextStep[i], "neuron " + i);
        }
    }

    @Test
    void rateSourceRatesAreSetTogetherAndCheckedBeforeARun() {
        RatePoissonSource.State state = RatePoissonSource.MODEL.newState(3, new RatePoissonSource.Params(1));
        state.setAllRates(5);
        for (int i = 0; i < 3; i++) {
            assertEquals(5, state.rateHz(i));
        }
        state.requireValid("input");
        // A rate written into the recordable array between runs is checked when the next run starts.
        for (double bad : new double[] {-1, Double.NaN}) {
            state.values("rate")[1] = bad;
            ParameterException e = assertThrows(ParameterException.class, () -> state.requireValid("input"));
            assertEquals("rate[1]", e.location());
        }
    }

    /**
     * The sources' bookkeeping is read through accessors: the index of a neuron's next spike time
     * counts the times emitted (1 and 2 ms by 3 ms; 5 ms by 6 ms), and a Poisson source's next time,
     * NaN before a precise run draws it, lies past the time a precise run ended at.
     */
    @Test
    void aSourcesNextSpikeIsReadThroughItsAccessors() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        Population<SpikeTimes.Params, SpikeTimes.State> times = b.population("times", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1, 5, 9}, {2}}));
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            engine.run(3);
            assertEquals(1, times.state().nextIndex(0));
            assertEquals(1, times.state().nextIndex(1));
            engine.run(3);
            assertEquals(2, times.state().nextIndex(0));
        }
        assertEquals("SpikeTimes.State.nextIndex: neuron: expected an index in [0, 2), found 2",
                assertThrows(IndexOutOfBoundsException.class, () -> times.state().nextIndex(2)).getMessage());

        NetworkBuilder p = new NetworkBuilder(0.1).seed(3);
        Population<PoissonSource.Params, PoissonSource.State> drawn = p.population("drawn", 3, PoissonSource.MODEL,
                new PoissonSource.Params(200));
        assertTrue(Double.isNaN(drawn.state().nextSpikeMs(0)));
        try (Engine engine = new Engine(p.build(), EngineOptions.precise(1))) {
            engine.run(10);
            for (int i = 0; i < 3; i++) {
                double next = drawn.state().nextSpikeMs(i);
                assertTrue(next > 10 && Double.isFinite(next), "neuron " + i + ": " + next);
            }
        }
        assertEquals("PoissonSource.State.nextSpikeMs: neuron: expected an index in [0, 3), found -1",
                assertThrows(IndexOutOfBoundsException.class, () -> drawn.state().nextSpikeMs(-1)).getMessage());
    }
}
