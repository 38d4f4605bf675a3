package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.RatePoissonSource;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.FixedProbability;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Mistakes a user of the library makes, each refused with a message that says what to do. */
class LibraryMisuseTest {
    private static final LifDelta.Params DRIVEN = new LifDelta.Params(10, 250, -70, -55, -65, 2, 400);

    @Test
    void aClosedEngineRefusesMonitorsAndListenersAndSaysWhatToDo() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, DRIVEN);
        Engine e = new Engine(b.build(), EngineOptions.grid(1));
        e.run(1);
        e.close();
        SpikeListener none = (population, neuron, timeMs) -> { };
        for (Executable use : List.<Executable>of(() -> e.recordSpikes(p), () -> e.recordRate(p, 1),
                () -> e.recordState(p, "v", new int[] {0}, 0.1), () -> e.addListener(none), () -> e.addObserver(none),
                () -> e.run(1))) {
            IllegalStateException error = assertThrows(IllegalStateException.class, use);
            assertEquals("engine is closed; build a new Engine on the network, which starts from the state this one "
                    + "left", error.getMessage());
        }
    }

    /** A closed precise-mode engine does not send the user to a new engine on the same network, which is refused. */
    @Test
    void aClosedEngineWhoseNetworkIsSpentSaysToBuildItAgain() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("p", 3, LifDelta.MODEL, DRIVEN);
        Network n = b.build();
        Engine e = new Engine(n, EngineOptions.precise(1));
        e.run(1);
        e.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> e.run(1));
        assertEquals("engine is closed, and a precise-mode engine ran this network, whose state holds times of that"
                + " engine's clock: build the network again for a new engine (the same seed builds the same network)",
                closed.getMessage());
        IllegalStateException another = assertThrows(IllegalStateException.class,
                () -> new Engine(n, EngineOptions.grid(1)));
        assertTrue(another.getMessage().contains("build the network again"), another.getMessage());
    }

    /**
     * A population of another network is refused by name, also one whose index lies past this
     * network's populations; a rate bin off the grid is refused as the grid's rule, though the
     * monitor alone takes any bin > 0.
     */
    @Test
    void monitorsOfAnotherNetworkOrOffTheGridAreRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("cells", 2, LifDelta.MODEL, DRIVEN);
        NetworkBuilder other = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> first = other.population("cells", 2, LifDelta.MODEL, DRIVEN);
        Population<?, ?> second = other.population("more", 2, LifDelta.MODEL, DRIVEN);
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            for (Population<?, ?> foreign : List.of(first, second)) {
                ParameterException refused = assertThrows(ParameterException.class, () -> e.recordSpikes(foreign));
                assertEquals("engine: population: expected a population of this engine's network, found '"
                        + foreign.name() + "' of another network", refused.getMessage());
            }
            ParameterException bin = assertThrows(ParameterException.class, () -> e.recordRate(p, 0.15));
            assertTrue(bin.getMessage().startsWith("rate monitor: bin: expected a whole number of time steps")
                    && bin.getMessage().contains("0.15"), bin.getMessage());
        }
    }

    @Test
    void recordersLookUpNeuronsByIndexAndRefuseOthers() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("cells", 6, LifDelta.MODEL, DRIVEN);
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            StateRecorder v = e.recordState(p, "v", new int[] {0, 2, 5}, 0.1);
            SpikeRecorder spikes = e.recordSpikes(p);
            // null samples every neuron, as recordSpikes(p, null) records every neuron's spikes; the check a
            // config makes before it has an engine takes it alike (it threw a NullPointerException).
            StateRecorder.requireNeurons(p, null);
            StateRecorder all = e.recordState(p, "v", null, 0.1);
            p.values("v")[5] = -60;
            e.run(0.3);
            assertEquals(6, all.neuronCount());
            for (int i = 0; i < 6; i++) {
                // The third sample is taken at the end of the run: the state as it is now.
                assertEquals(p.values("v")[i], all.traceOf(i)[2], "neuron " + i);
            }
            // traceOf takes a neuron's index, trace a position among the recorded ones.
            assertArrayEquals(v.trace(2), v.traceOf(5));
            assertArrayEquals(v.trace(1), v.traceOf(2));
            ParameterException notRecorded = assertThrows(ParameterException.class, () -> v.traceOf(3));
            assertTrue(notRecorded.getMessage().contains("state recorder of 'cells'")
                    && notRecorded.getMessage().contains("one of the recorded neurons [0, 2, 5]")
                    && notRecorded.getMessage().contains("found 3"), notRecorded.getMessage());
            IndexOutOfBoundsException position = assertThrows(IndexOutOfBoundsException.class, () -> v.trace(3));
            assertTrue(position.getMessage().contains("position 3 of a recorder of 3 neurons")
                    && position.getMessage().contains("traceOf(neuron)"), position.getMessage());
            ParameterException outside = assertThrows(ParameterException.class, () -> spikes.timesOf(6));
            assertTrue(outside.getMessage().contains("spike recorder of 'cells'")
                    && outside.getMessage().contains("0 to 5") && outside.getMessage().contains("found 6"),
                    outside.getMessage());
        }
    }

    @Test
    void preciseModeNamesTheModelsThatSupportItAndTheWayOut() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        b.population("burst", 2, Izhikevich.MODEL, Izhikevich.MODEL.defaults());
        Network net = b.build();
        ParameterException error = assertThrows(ParameterException.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        assertTrue(error.getMessage().contains("population 'burst'") && error.getMessage().contains("izhikevich")
                && error.getMessage().contains("lif_delta") && error.getMessage().contains("lif_exp")
                && error.getMessage().contains("run the network in grid mode, or implement ExactPropagation"),
                error.getMessage());
    }

    @Test
    void statesAndNetworksNameWhatTheyHoldAndSuggestTheClosest() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("cells", 2, LifDelta.MODEL, DRIVEN);
        b.connect("recurrent", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(1.0));
        Network net = b.build();
        ParameterException variable = assertThrows(ParameterException.class, () -> p.state().values("vv"));
        assertTrue(variable.getMessage().startsWith("LifDelta.State: variable: expected one of [v], found vv")
                && variable.getMessage().contains("'v'"), variable.getMessage());
        assertSame(net.projections().get(0), net.projection("recurrent"));
        ParameterException projection = assertThrows(ParameterException.class, () -> net.projection("recurent"));
        assertTrue(projection.getMessage().contains("one of [recurrent], found recurent")
                && projection.getMessage().contains("'recurrent'"), projection.getMessage());
    }

    /** Spike sources take no input: a projection, Poisson drive or current into them would be dropped. */
    @Test
    void inputIntoSpikeSourcesIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 2, LifDelta.MODEL, DRIVEN);
        Population<?, ?> given = b.population("given", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1}, {2}}));
        Population<?, ?> drawn = b.population("drawn", 2, PoissonSource.MODEL, new PoissonSource.Params(10));
        Population<?, ?> rated = b.population("rated", 2, RatePoissonSource.MODEL, RatePoissonSource.MODEL.defaults());
        for (Population<?, ?> source : List.of(given, drawn, rated)) {
            for (Executable input : List.<Executable>of(
                    () -> b.connect("into " + source.name(), cells, source, Rules.allToAll(), Synapses.excitatory(1)),
                    () -> b.poissonInput(source, 100, 1, Receptor.EXCITATORY),
                    // Said before a rate that is wrong too: the target is what to change first.
                    () -> b.poissonInput(source, -1, 1, Receptor.EXCITATORY),
                    () -> b.current(CurrentSource.constant(source, null, 10)))) {
                ParameterException error = assertThrows(ParameterException.class, input);
                assertTrue(error.getMessage().contains("target: expected a population whose model takes input ("
                        + source.model().name() + " only emits") && error.getMessage().contains("found '"
                        + source.name() + "'"), error.getMessage());
            }
        }
        b.connect("out of given", given, cells, Rules.allToAll(), Synapses.excitatory(1));   // from them, fine
    }

    /**
     * A null where a model, rule, synapses, network or options belong is refused at once, by name; the builder goes on.
     */
    @Test
    void nullsAreRefusedByWhatWasExpected() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        ParameterException model = assertThrows(ParameterException.class, () -> b.population("e", 1, null, null));
        assertEquals("population 'e': model: expected a neuron model (e.g. LifDelta.MODEL, or "
                + "NeuronModels.byName(name)), found null", model.getMessage());
        Population<?, ?> cells = b.population("e", 2, LifDelta.MODEL, DRIVEN);
        ParameterException rule = assertThrows(ParameterException.class,
                () -> b.connect("r", cells, cells, null, Synapses.excitatory(0.1)));
        assertTrue(rule.getMessage().startsWith("projection 'r': rule: expected a connectivity rule"),
                rule.getMessage());
        ParameterException synapses = assertThrows(ParameterException.class,
                () -> b.connect("r", cells, cells, Rules.allToAll(), null));
        assertTrue(synapses.getMessage().startsWith("projection 'r': synapses: expected weights and delays"),
                synapses.getMessage());
        b.connect("r", cells, cells, Rules.allToAll(), Synapses.excitatory(0.1));
        Network net = b.build();
        assertEquals(4, net.synapseCount());
        assertTrue(assertThrows(ParameterException.class, () -> new Engine(null, EngineOptions.grid(1)))
                .getMessage().startsWith("engine: network: expected a network"));
        assertTrue(assertThrows(ParameterException.class, () -> new Engine(net, null))
                .getMessage().startsWith("engine: options: expected options"));
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(1);
        }
    }

    /**
     * Nulls in the arrays of rules, sources and spike times, and in the receptor, the initial-value
     * distribution and the recorded population, are refused by name; they were NullPointerExceptions,
     * two of them at build(), which spent the builder.
     */
    @Test
    void nullArraysAndArgumentsAreRefusedByName() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("e", 2, LifDelta.MODEL, DRIVEN);
        Population<?, ?> given = b.population("given", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1}}));
        Population<?, ?> rated = b.population("rated", 2, RatePoissonSource.MODEL, RatePoissonSource.MODEL.defaults());
        List<Executable> refused = List.of(
                () -> Rules.explicit(null, new int[] {0}),
                () -> Rules.explicit(new int[] {0}, null),
                () -> Rules.matrix(null),
                () -> Rules.matrix(new double[][] {{1}, null}),
                () -> new CurrentSource(cells, null, null, new double[] {1}),
                () -> new CurrentSource(cells, null, new double[] {1}, null),
                () -> new SpikeTimes.Params(null),
                () -> new SpikeTimes.Params(new double[][] {{1}, null}),
                () -> Synapses.of(null, 0.1),
                () -> b.initialise(cells, "v", null),
                () -> b.current(null),
                () -> new org.engram.simulator.monitor.SpikeRecorder(null),
                () -> new org.engram.simulator.monitor.RateMonitor(null, 1),
                () -> Synapses.excitatory(0.1).weights(null),
                () -> Synapses.excitatory(0.1).delays(null),
                () -> ((SpikeTimes.State) given.state()).load(null),
                () -> ((RatePoissonSource.State) rated.state()).setRates(null),
                () -> b.poissonInput(null));
        List<String> said = new java.util.ArrayList<>();
        for (Executable e : refused) {
            said.add(assertThrows(ParameterException.class, e).getMessage());
        }
        assertEquals(List.of(
                "explicit: sources: expected an array of population-local indices, found null",
                "explicit: targets: expected an array of population-local indices, found null",
                "matrix: weights: expected a matrix, one row per source, found null",
                "matrix: weights[1]: expected a row of length 1 like row 0, found null",
                "current source into 'e': times_ms: expected an array (one change time and one amplitude per change), "
                        + "found null",
                "current source into 'e': amplitudes_pa: expected an array (one change time and one amplitude per "
                        + "change), found null",
                "spike_times: times_ms: expected an array of spike times per neuron, found null",
                "spike_times: times_ms[1]: expected an array of spike times (empty: none), found null",
                "synapses: receptor: expected EXCITATORY or INHIBITORY, found null",
                "population 'e': initialise v: expected a distribution to draw from, found null",
                "network: current source: expected a current source (e.g. CurrentSource.constant(population, neurons, "
                        + "200)), found null",
                "spike recorder: population: expected the population to record, found null",
                "rate monitor: population: expected the population to record, found null",
                "synapses: weights: expected a weight distribution (e.g. new NormalDistribution(0.1, 0.01)), found "
                        + "null",
                "synapses: delays: expected a delay distribution in ms (e.g. new UniformRealDistribution(1, 2)), found "
                        + "null",
                "spike_times: times_ms: expected one spike-time array per neuron (1), found null",
                "rate_poisson_source: rates: expected one rate per neuron (2), found null",
                "network: poisson input: expected a poisson input (e.g. new PoissonInput(population, 8000, 0.1, "
                        + "Receptor.EXCITATORY)), found null"), said);
        Network net = b.build();   // the builder was not spent
        NetworkBuilder other = new NetworkBuilder(0.1);
        Population<?, ?> foreign = other.population("f", 1, LifDelta.MODEL, DRIVEN);
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            assertEquals("engine: population: expected a population of this engine's network, found null",
                    assertThrows(ParameterException.class, () -> e.recordSpikes(null)).getMessage());
            assertEquals("engine: population: expected a population of this engine's network, found 'f' of another "
                    + "network", assertThrows(ParameterException.class, () -> e.recordRate(foreign, 1)).getMessage());
            // A recorder of no neuron would record nothing, silently.
            assertEquals("state recorder of 'e': neurons: expected at least one population-local neuron, found none",
                    assertThrows(ParameterException.class, () -> e.recordState(net.populations().get(0), "v",
                            new int[0], 1)).getMessage());
        }
    }

    @Test
    void aCurrentIntoNoNeuronIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 2, LifDelta.MODEL, DRIVEN);
        ParameterException error = assertThrows(ParameterException.class,
                () -> CurrentSource.constant(cells, new int[0], 10));
        assertTrue(error.getMessage().contains("neurons: expected at least one neuron index")
                && error.getMessage().contains("found an empty list"), error.getMessage());
    }

    /**
     * A negative rate written into a rate source's recordable array between runs is refused before
     * the next run, as {@code setRates} refuses it; it had silenced the neuron without a word.
     */
    @Test
    void aNegativeRateWrittenBetweenRunsIsRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> rated = b.population("rated", 2, RatePoissonSource.MODEL, new RatePoissonSource.Params(100));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.run(1);
            rated.values("rate")[1] = -50;
            ParameterException error = assertThrows(ParameterException.class, () -> e.run(1));
            assertEquals("population 'rated': rate[1]: expected a rate >= 0 (Hz), found -50.0", error.getMessage());
            rated.values("rate")[1] = 50;
            e.run(1);
        }
    }

    /**
     * The weights and delays an explicit list gives are refused when it is added, naming the synapse,
     * so the builder stays usable: a delay off the grid, or a weight of the wrong sign, had been found
     * at build(), which spent the builder.
     */
    @Test
    void anExplicitListsBadWeightOrDelayIsRefusedWhenAdded() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, DRIVEN);
        int[] from = {0, 1};
        int[] to = {1, 2};
        ParameterException offGrid = assertThrows(ParameterException.class, () -> b.connect("pp", p, p,
                Rules.explicit(from, to, new double[] {1, 1}, new double[] {1.0, 1.05}), Synapses.excitatory(0.1)));
        assertTrue(offGrid.getMessage().startsWith("projection 'pp': delay: expected a whole number of time steps")
                && offGrid.getMessage().contains("found 1.05") && offGrid.getMessage().contains("synapse 1"),
                offGrid.getMessage());
        ParameterException wrongSign = assertThrows(ParameterException.class, () -> b.connect("pp", p, p,
                Rules.explicit(from, to, new double[] {-1, 1}, new double[] {1.0, 1.0}), Synapses.excitatory(0.1)));
        assertTrue(wrongSign.getMessage().startsWith("projection 'pp': weight: expected an excitatory weight >= 0")
                && wrongSign.getMessage().contains("synapse 0"), wrongSign.getMessage());
        b.connect("pp", p, p, Rules.explicit(from, to, new double[] {1, 1}, new double[] {1.0, 1.1}),
                Synapses.excitatory(0.1));
        assertEquals(2, b.build().synapseCount(), "the builder was not spent");
    }

    /**
     * A projection past the longest array is refused before its synapses are drawn, by name, with
     * the count its rule gives: all-to-all on 50,000 x 50,000 neurons ran out of memory first. It
     * is refused when added, so the builder stays usable (found at build, it spent the builder).
     */
    @Test
    void aProjectionPastOneArrayIsRefusedWhenAdded() {
        for (Connectivity rule : List.of(Rules.allToAll(), Rules.allToAll().withAutapses(false),
                Rules.fixedProbability(0.9), Rules.fixedInDegree(50_000))) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
            Population<?, ?> a = b.population("a", 50_000, LifDelta.MODEL, DRIVEN);
            ParameterException error = assertThrows(ParameterException.class,
                    () -> b.connect("dense", a, a, rule, Synapses.excitatory(0.1).delayMs(1.0)));
            b.connect("dense", a, a, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(1.0));
            assertEquals(50_000, b.build().synapseCount());
            // Without autapses a population of n connects to itself in n (n - 1) pairs.
            long expected = rule instanceof FixedProbability ? Math.round(0.9 * 50_000L * 50_000)
                    : rule.equals(Rules.allToAll().withAutapses(false)) ? 50_000L * 49_999 : 50_000L * 50_000;
            assertTrue(error.getMessage().startsWith("projection 'dense': rule: expected at most 2147483639 synapses")
                    && error.getMessage().contains("found " + expected + " from " + rule.describe()
                    + " on 50000 x 50000 neurons"), error.getMessage());
        }
    }

    /**
     * A population's input buffers hold a row per step of the longest delay into it: 100,000
     * neurons and a 3 s delay take 48 GB, refused by name before any row is made. A population no
     * synapse reaches needs one row, whatever the delays elsewhere.
     */
    @Test
    void inputBuffersPastTheHeapAreRefusedWithTheDelay() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 48e9, "a heap of 48 GB or more holds the buffers");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 100_000, LifDelta.MODEL, DRIVEN);
        Population<?, ?> unreached = b.population("unreached", 100_000, LifDelta.MODEL, DRIVEN);
        b.connect("late", cells, cells, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(3000));
        b.connect("out", unreached, cells, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(1));
        Network net = b.build();
        assertEquals(30_000, net.maxDelayStepsInto(cells));
        assertEquals(0, net.maxDelayStepsInto(unreached));
        ParameterException error = assertThrows(ParameterException.class, () -> new Engine(net, EngineOptions.grid(1)));
        assertTrue(error.getMessage().startsWith("population 'cells': input buffers: expected buffers that fit the "
                + "Java heap") && error.getMessage().contains("16 bytes per neuron for each step of the longest delay")
                && error.getMessage().contains("found 48002 MB for 100000 neurons and a longest delay of 30000 steps "
                + "(3000.0 ms)") && error.getMessage().contains("shorten the delays into 'cells'"), error.getMessage());
        // Refused before any row is made, so for the heap alone; one thread, so no rows of the threads' own.
        String heap = String.format(Locale.ROOT, "(%.0f MB in all): ", Runtime.getRuntime().maxMemory() / 1e6);
        assertTrue(error.getMessage().contains(heap) && !error.getMessage().contains("threads"), error.getMessage());
    }

    /**
     * Precise mode keeps an event count per neuron and ring slot in one array: 100,000 neurons and a
     * 3 s delay, 30,001 slots, pass its index range and are refused by that rule, with the product.
     */
    @Test
    void preciseEventCountsPastOneArrayAreRefusedWithTheProduct() {
        Network net = delayedOntoItself(3000);
        ParameterException error = assertThrows(ParameterException.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        assertEquals("engine: precise mode: expected neurons x (maximum delay in steps + 1) <= 2147483639 per "
                + "population, found 'cells': 100000 x 30001", error.getMessage());
    }

    /**
     * A precise engine watches a population's recordable variables and ends of refractoriness in one array: the
     * product past an array's index range is refused by name (537 million {@code lif_exp} neurons, 4 values each,
     * which only a heap of some 80 GB could hold, so the rule is checked alone), one below it passes.
     */
    @Test
    void watchedValuesPastOneArrayAreRefusedWithTheProduct() {
        ParameterException error = assertThrows(ParameterException.class,
                () -> ShownState.requireOneArray("cells", 536_870_910, 4));
        assertEquals("engine: precise mode: expected neurons x values watched per neuron (recordable variables, end "
                + "of refractoriness) <= 2147483639 per population, found 'cells': 536870910 x 4", error.getMessage());
        ShownState.requireOneArray("cells", 536_870_909, 4);
    }

    /**
     * 100,000 neurons and a 1.5 s delay take 1.5e9 event counts in precise mode, within one array
     * but 6 GB, past the heap: refused by name, with the bytes (4 per count), as grid mode's buffers
     * are, and as past the heap alone (the message said they did not fit beside what it held).
     */
    @Test
    void preciseEventCountsPastTheHeapAreRefusedWithTheDelay() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 6e9, "a heap of 6 GB or more holds the event counts");
        Network net = delayedOntoItself(1500);
        HeapLimitExceeded error = assertThrows(HeapLimitExceeded.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        // 4 bytes x 15,001 slots x 100,000 neurons = 6000.4 MB.
        assertTrue(error.getMessage().startsWith("population 'cells': input buffers: expected buffers that fit the "
                + "Java heap") && error.getMessage().contains("4 bytes per neuron for each step of the longest delay")
                && error.getMessage().contains("found 6000 MB for 100000 neurons and a longest delay of 15000 steps "
                + "(1500.0 ms)"), error.getMessage());
        String heap = String.format(Locale.ROOT, "(%.0f MB in all): ", Runtime.getRuntime().maxMemory() / 1e6);
        assertTrue(error.getMessage().contains(heap), error.getMessage());
    }

    /** 100,000 neurons, each with one synapse onto itself of the given delay. */
    private static Network delayedOntoItself(double delayMs) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 100_000, LifDelta.MODEL, DRIVEN);
        b.connect("late", cells, cells, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(delayMs));
        return b.build();
    }

    /**
     * A model without a name, and parameters of another model (through raw types), are refused when the
     * population is made.
     */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aNamelessModelOrAnotherModelsParametersAreRefused() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        org.engram.simulator.model.NeuronModel raw = LifDelta.MODEL;
        ParameterException other = assertThrows(ParameterException.class,
                () -> b.population("x", 2, raw, Izhikevich.regularSpiking()));
        assertEquals("population 'x': params: expected parameters of lif_delta (" + LifDelta.Params.class.getName()
                + "), found " + Izhikevich.Params.class.getName(), other.getMessage());
        org.engram.simulator.model.ParameterlessModel<NamelessState> nameless = new Nameless();
        ParameterException unnamed = assertThrows(ParameterException.class,
                () -> b.population("y", 2, nameless, nameless.defaults()));
        assertTrue(unnamed.getMessage().endsWith("name: expected a model name that is not empty, found null"),
                unnamed.getMessage());
        b.population("x", 2, LifDelta.MODEL, DRIVEN);   // neither took the name
    }

    private static final class NamelessState extends org.engram.simulator.model.NeuronState {
        NamelessState(int size) {
            super(size);
        }
    }

    private static final class Nameless implements org.engram.simulator.model.ParameterlessModel<NamelessState> {
        @Override
        public String name() {
            return null;
        }

        @Override
        public NamelessState newState(int size) {
            return new NamelessState(size);
        }

        @Override
        public org.engram.simulator.model.Kernel<NamelessState> prepare(None params, TimeGrid grid) {
            return (st, lo, hi, from, to, in, out) -> { };
        }
    }

    /**
     * An all-to-all projection of 30,000 neurons (9 x 10^8 synapses, 21.6 GB while drawn and
     * sorted) is refused by name when added, before it is drawn; it ended in a bare OutOfMemoryError.
     */
    @Test
    void aProjectionPastTheHeapIsRefusedBeforeItIsDrawn() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 14.4e9, "a heap of 14.4 GB or more holds the projection");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 30_000, LifDelta.MODEL, DRIVEN);
        ParameterException error = assertThrows(ParameterException.class,
                () -> b.connect("dense", p, p, Rules.allToAll(), Synapses.excitatory(0.1)));
        b.connect("dense", p, p, Rules.oneToOne(), Synapses.excitatory(0.1));
        assertEquals(30_000, b.build().synapseCount(), "the builder was not spent");
        assertTrue(error.getMessage().startsWith("projection 'dense': rule: expected synapses that fit the Java heap (")
                && error.getMessage().contains("about 16 bytes each, found 900000000 synapses (14400 MB) from")
                && error.getMessage().endsWith(", or " + HeapLimitExceeded.MORE_HEAP), error.getMessage());
    }

    /**
     * A state recorder whose samples cannot fit the heap (10^9 values, 8 GB) is refused before the
     * run, which changes nothing; it ended in a bare OutOfMemoryError.
     */
    @Test
    void aStateRecorderPastTheHeapIsRefusedBeforeTheRun() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8e9, "a heap of 8 GB or more holds the samples");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 1000, LifDelta.MODEL, DRIVEN);
        Network net = b.build();
        int[] all = java.util.stream.IntStream.range(0, 1000).toArray();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.recordState(p, "v", all, 0.1);
            ParameterException error = assertThrows(ParameterException.class, () -> e.run(100_000));
            assertTrue(error.getMessage().startsWith("state recorder of 'p': interval: expected samples that fit the "
                    + "Java heap (") && error.getMessage().endsWith("found 1000000 samples x 1000 neurons (8000 MB); "
                    + HeapLimitExceeded.MORE_HEAP),
                    error.getMessage());
            assertEquals(0, e.step());
            e.run(1);   // the engine goes on
        }
    }

    /** A population whose state does not fit the heap is refused by name; it ran out of memory. */
    @Test
    void aPopulationPastTheHeapIsRefusedByName() {
        // 2 x 10^9 potentials alone take 16 GB, more than a test JVM's heap (a quarter of the memory).
        assumeTrue(Runtime.getRuntime().maxMemory() < 16e9, "a heap of 16 GB or more holds the population");
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        ParameterException error = assertThrows(ParameterException.class,
                () -> b.population("huge", 2_000_000_000, LifDelta.MODEL, DRIVEN));
        assertTrue(error.getMessage().startsWith("population 'huge': size: expected a population whose state fits "
                + "the Java heap") && error.getMessage().contains("found 2000000000")
                && error.getMessage().endsWith(", or " + HeapLimitExceeded.MORE_HEAP), error.getMessage());
        b.population("huge", 10, LifDelta.MODEL, DRIVEN);   // the name was not taken by the failed call
    }

    /** A distribution that draws NaN was taken by build() and refused only at the first run. */
    @Test
    void anInitialValueThatIsNotFiniteIsRefusedByBuild() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> cells = b.population("cells", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.initialise(cells, "v", new ConstantRealDistribution(Double.NaN));
        ParameterException e = assertThrows(ParameterException.class, b::build);
        assertEquals("population 'cells': initialise v: expected a distribution that draws finite values, found NaN"
                + " drawn for neuron 0", e.getMessage());
    }

    /** Null arguments and indices out of range at public methods fail by name, not with the JDK's bare errors. */
    @Test
    void nullsAndIndicesAtPublicMethodsAreRefusedByName() {
        TimeGrid grid = new TimeGrid(0.1);
        for (boolean nullRule : new boolean[] {true, false}) {
            ParameterException e = assertThrows(ParameterException.class, () -> NetworkBuilder.requireDrawable("p",
                    3, 3, false, nullRule ? null : Rules.allToAll(), nullRule ? Synapses.excitatory(1) : null, grid));
            assertEquals(nullRule ? "rule" : "synapses", e.location());
        }
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->a", a, a, Rules.allToAll(), Synapses.excitatory(1));
        Projection projection = b.build().projection("a->a");
        assertEquals("out", assertThrows(ParameterException.class, () -> projection.writeCsv(null)).location());
        assertEquals("grid", assertThrows(ParameterException.class,
                () -> projection.writeCsv(new StringWriter(), null)).location());

        RatePoissonSource.State rates = RatePoissonSource.MODEL.newState(2, new RatePoissonSource.Params(5));
        assertEquals("RatePoissonSource.State.rateHz: i: expected an index in [0, 2), found 5",
                assertThrows(IndexOutOfBoundsException.class, () -> rates.rateHz(5)).getMessage());
        LifDelta.State state = LifDelta.MODEL.newState(2, LifDelta.MODEL.defaults());
        assertEquals("ExactLifState.injectedPa: neuron: expected an index in [0, 2), found -1",
                assertThrows(IndexOutOfBoundsException.class, () -> state.injectedPa(-1)).getMessage());
    }

    /** A parameter whose derived factor overflows ends the run with a hint that names that cause too. */
    @Test
    void aSinusoidTooFastToStayFiniteIsNamedInTheHint() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> cells = b.population("cells", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.sinusoid(new SinusoidalCurrent(cells, null, 100, 1e308, 0, 0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            EngramException made = assertThrows(EngramException.class, () -> e.run(5));
            assertTrue(made.hint().contains("a sinusoid's frequency"), made.hint());
        }
    }
}
