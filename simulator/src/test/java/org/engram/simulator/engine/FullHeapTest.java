package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.SmallHeap;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Memory that fits the heap alone but not beside what it holds already (the network, a program's own
 * data) is refused by name when its allocation fails, and what was there before is kept. Each case runs
 * in a JVM of a 64 MB heap that {@link SmallHeap#fillLeaving} fills but for a few MB; the sizes asked for
 * are a quarter of the heap or less, so that the checks against the heap alone let them through.
 */
class FullHeapTest {
    private static final double DT_MS = 0.1;

    /** Runs the case named by {@code args[0]} and prints the refusal's message and what was kept. */
    public static void main(String[] args) {
        long heap = Runtime.getRuntime().maxMemory();
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(1);
        // No input: the neurons stay silent, so a run costs its steps alone.
        Population<?, ?> p = b.population("p", 1000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        try {
            switch (args[0]) {
                case "rate" -> rate(heap);
                case "state" -> state(b.build(), p, heap);
                case "grid buffers", "precise counts" -> {
                    // 100,000 neurons and 31 ring slots: 50 MB of grid buffers, 12.4 MB of precise counts.
                    Population<?, ?> q = b.population("q", 100_000, LifDelta.MODEL, LifDelta.MODEL.defaults());
                    b.connect("late", q, q, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(args[0]
                            .startsWith("grid") ? 1 : 3));
                    Network network = b.build();
                    SmallHeap.fillLeaving(8);
                    new Engine(network, args[0].startsWith("grid") ? EngineOptions.grid(1)
                            : EngineOptions.precise(1)).close();
                }
                case "row starts" -> {
                    // 100,000 sources on 64 threads: 25.6 MB of row starts.
                    Population<?, ?> q = b.population("q", 100_000, LifDelta.MODEL, LifDelta.MODEL.defaults());
                    b.connect("from q", q, p, Rules.fixedTotalNumber(10), Synapses.excitatory(0.1));
                    Network network = b.build();
                    SmallHeap.fillLeaving(4);
                    new Engine(network, EngineOptions.grid(64)).close();
                }
                case "drawn synapses" -> {
                    // A million synapses: 16 MB while drawn and sorted.
                    b.connect("dense", p, p, Rules.allToAll(), Synapses.excitatory(0.1));
                    SmallHeap.fillLeaving(4);
                    b.build();
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("no refusal");
        } catch (HeapLimitExceeded e) {
            SmallHeap.release();
            System.out.println(e.getMessage());
        }
    }

    /**
     * Room for 1,500,000 bins (12 MB), as the engine makes before a run, then for 1000 more with 17 MB
     * free: doubled (24 MB) the bins do not fit, exactly they do. Then a run of a quarter heap of bins,
     * which does not fit.
     */
    private static void rate(long heap) {
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(1);
        Population<?, ?> p = b.population("lone", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            RateMonitor rate = engine.recordRate(p, DT_MS);
            engine.run(10 * DT_MS);
            rate.reserveTo(1_500_000 * DT_MS);
            SmallHeap.fillLeaving(17);
            rate.reserveTo(1_501_000 * DT_MS);
            System.out.println("room made");
            try {
                engine.run(heap / 4 / Long.BYTES * DT_MS);
            } finally {
                SmallHeap.release();
                System.out.println("steps " + engine.step() + ", bins " + rate.ratesHz().length);
            }
        }
    }

    /** As {@link #rate}, with a state recorder of the 1000 neurons: 8 kB a sample, 1500 of them, then one more. */
    private static void state(Network network, Population<?, ?> p, long heap) {
        try (Engine engine = new Engine(network, EngineOptions.grid(1))) {
            StateRecorder state = engine.recordState(p, "v", null, DT_MS);
            engine.run(1500 * DT_MS);
            SmallHeap.fillLeaving(17);
            engine.run(DT_MS);
            System.out.println("samples " + state.sampleCount());
            try {
                engine.run(heap / 4 / Double.BYTES / p.size() * DT_MS);
            } finally {
                SmallHeap.release();
                System.out.println("steps " + engine.step() + ", samples " + state.sampleCount());
            }
        }
    }

    /**
     * A rate monitor grows its bins exactly where doubled they do not fit, and refuses bins it cannot
     * hold before the run, keeping the bins so far. Its bins were grown at the end of the run, and then
     * had no test of a failed allocation: a heap cannot be set from within a test.
     */
    @Test
    void rateBinsBesideAFullHeapGrowExactlyOrAreRefusedBeforeTheRun() throws Exception {
        grownExactlyThenRefused("rate", "room made", "steps 10, bins 10", "rate monitor of 'lone': bin: expected bins"
                + " that fit the Java heap \\(\\d+ MB in all\\), 8 bytes each, found \\d+ bins of 0.1 ms up to [0-9.E]+"
                + " ms \\(\\d+ MB\\); record the rate in wider bins, or run shorter, or ");
    }

    /**
     * A state recorder grows its samples exactly where doubled they do not fit (it refused them), and
     * refuses samples it cannot hold before the run, keeping the samples so far and saying how to give
     * Java more heap (it did not).
     */
    @Test
    void stateSamplesBesideAFullHeapGrowExactlyOrAreRefusedBeforeTheRun() throws Exception {
        grownExactlyThenRefused("state", "samples 1501", "steps 1501, samples 1501", "state recorder of 'p': interval:"
                + " expected samples that fit the Java heap \\(\\d+ MB in all; a longer interval, fewer neurons or a"
                + " shorter run\\), found \\d+ samples x 1000 neurons \\(\\d+ MB\\); ");
    }

    /**
     * Checks a case's three lines: what the recorder holds once grown exactly, what it and the engine
     * hold after the refused run, and the refusal, which matches {@code refusal} and then the advice.
     */
    private static void grownExactlyThenRefused(String name, String grown, String kept, String refusal)
            throws Exception {
        List<String> lines = refusal(name, 3);
        assertEquals(grown, lines.get(0), "grown exactly where doubled they did not fit");
        assertEquals(kept, lines.get(1), "the run was refused before its first step");
        assertTrue(lines.get(2).matches(refusal + "\\Q" + HeapLimitExceeded.MORE_HEAP + "\\E"), lines.get(2));
    }

    /** Grid mode's input buffers that fit the heap alone but not beside the network are refused by name. */
    @Test
    void gridBuffersBesideAFullHeapAreRefusedBesideTheNetwork() throws Exception {
        refusedAs("grid buffers", "population 'q': input buffers: expected buffers that fit the Java heap (",
                " MB in all, beside the network and the buffers of other populations): 16 bytes"
                + " per neuron for each step of the longest delay into the population, and one more, found 18 MB for"
                + " 100000 neurons and a longest delay of 10 steps (1.0 ms); shorten the delays into 'q', or "
                + HeapLimitExceeded.MORE_HEAP);
    }

    /** Precise mode's event counts that fit the heap alone but not beside the network are refused by name. */
    @Test
    void preciseCountsBesideAFullHeapAreRefusedBesideTheNetwork() throws Exception {
        refusedAs("precise counts", "population 'q': input buffers: expected buffers that fit the Java heap (",
                " MB in all, beside the network and the buffers of other populations): 4 bytes"
                + " per neuron for each step of the longest delay into the population, and one more, found 12 MB for"
                + " 100000 neurons and a longest delay of 30 steps (3.0 ms)");
    }

    /** The threads' row starts that fit the heap alone but not beside the network are refused by the threads. */
    @Test
    void rowStartsBesideAFullHeapAreRefusedByTheThreads() throws Exception {
        refusedAs("row starts", "engine: threads: expected row starts that fit the Java heap (",
                " MB in all, beside the network): 4 bytes per source neuron, thread and"
                + " projection, found 64 threads for projection 'from q' from 100000 neurons (26 MB); use fewer"
                + " threads");
    }

    /** A projection whose drawing fits the heap alone but not beside what it holds is refused by name. */
    @Test
    void synapsesDrawnBesideAFullHeapAreRefusedByTheProjection() throws Exception {
        refusedAs("drawn synapses", "projection 'dense': rule: expected synapses that fit the Java heap (",
                " MB of it in use beside them) while they are drawn and sorted,"
                + " about 16 bytes each, found 1000000 synapses (16 MB) from all_to_all");
    }

    /** Checks that a case's one line, its refusal, begins with {@code start} and holds {@code part}. */
    private static void refusedAs(String name, String start, String part) throws Exception {
        String message = refusal(name, 1).get(0);
        assertTrue(message.startsWith(start) && message.contains(part), message);
    }

    /** Runs a case in a JVM of a 64 MB heap; its output, which must be {@code lines} lines. */
    private static List<String> refusal(String name, int lines) throws Exception {
        SmallHeap.Output out = SmallHeap.run("64m", FullHeapTest.class, name);
        assertEquals(0, out.exitCode(), out.text());
        assertEquals(lines, out.lines().size(), out.text());
        return out.lines();
    }
}
