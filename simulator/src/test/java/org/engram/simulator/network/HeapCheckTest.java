package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * A projection is checked against the heap beside the synapses of the projections drawn before it:
 * checked alone, a network whose largest projection fit drew it (80 s for Brunel's network at
 * 60,000 neurons) and only then ran out of memory on the next.
 */
class HeapCheckTest {
    @Test
    void aProjectionThatFitsAloneButNotBesideTheOnesDrawnBeforeIsRefused() {
        long heap = Runtime.getRuntime().maxMemory();
        ConnectContext context = new ConnectContext("second", 1, 1000, 1000, false, 1);
        Connectivity rule = Rules.allToAll();
        // A million synapses, at most 16 bytes each while they are drawn and sorted.
        assertEquals(1_000_000, NetworkBuilder.requireSynapsesFit(rule, context, 0));
        assertEquals(1_000_000, NetworkBuilder.requireSynapsesFit(rule, context, heap - 16_000_000));
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class,
                () -> NetworkBuilder.requireSynapsesFit(rule, context, heap - 15_999_999));
        assertTrue(e.getMessage().startsWith("projection 'second': rule: expected synapses that fit the Java heap (")
                && e.getMessage().contains(String.format(Locale.ROOT, " MB in all, %.0f MB of it held by the"
                        + " projections drawn before) while they are drawn and sorted, about 16 bytes each, found"
                        + " 1000000 synapses (16 MB) from all_to_all", (heap - 15_999_999) / 1e6)), e.getMessage());
    }

    /**
     * Past the heap on its own, a projection is refused as too large whatever is held beside it; one
     * that takes the whole heap exactly fits alone, so beside anything held it is refused as past
     * what is left. The heap is a whole number of 16-byte synapses (Java heaps are sized in pages).
     */
    @Test
    void aProjectionPastTheHeapAloneIsNotBlamedOnWhatIsHeld() {
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(0, heap % 16, "heap of " + heap + " bytes");
        ConnectContext context = new ConnectContext("second", 1, 1000, 1000, false, 1);
        long pastAlone = heap / 16 + 1;
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class,
                () -> NetworkBuilder.requireSynapsesFit(Rules.fixedTotalNumber(pastAlone), context, 1));
        assertEquals(String.format(Locale.ROOT, "projection 'second': rule: expected synapses that fit the Java heap"
                + " (%d MB in all) while they are drawn and sorted, about 16 bytes each, found %d synapses (%d MB)"
                + " from fixed_total_number(n=%d, autapses=true, multapses=true) on 1000 x 1000 neurons; choose"
                + " smaller populations or a sparser rule, or %s", Math.round(heap / 1e6), pastAlone,
                Math.round(pastAlone * 16 / 1e6), pastAlone, HeapLimitExceeded.MORE_HEAP), e.getMessage());
        Connectivity wholeHeap = Rules.fixedTotalNumber(heap / 16);
        assertEquals(heap / 16, NetworkBuilder.requireSynapsesFit(wholeHeap, context, 0));
        e = assertThrows(HeapLimitExceeded.class, () -> NetworkBuilder.requireSynapsesFit(wholeHeap, context, 1));
        assertTrue(e.getMessage().contains(" MB in all, 0 MB of it held by the projections drawn before)"),
                e.getMessage());
    }

    /**
     * A network checked before it is built finds projections that fit the heap one by one but not
     * together: a run of 40 hidden layers of 10,000 neurons drew six of them first, wrote its folder,
     * and failed at the seventh. Each projection here takes about half the heap while drawn (16 of
     * its 33 bytes a synapse); once drawn each holds at least 2 bytes a synapse (a 16-bit target), so
     * the tenth is past the heap (9 x 2 + 16 = 34) and nine fit (8 x 2 + 16 = 32).
     */
    @Test
    void projectionsThatFitOneByOneButNotTogetherAreRefusedBeforeBuilding() {
        long heap = Runtime.getRuntime().maxMemory();
        int n = (int) Math.sqrt(heap / 33.0);
        assertTrue(Projection.narrowTargetsFor(n), "a population of " + n + " takes 16-bit targets");
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", n, LifDelta.MODEL, LifDelta.MODEL.defaults());
        for (int k = 1; k <= 10; k++) {
            b.connect("c" + k, p, p, Rules.allToAll(), Synapses.excitatory(0.1));
        }
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class, b::requireFitsWhenBuilt);
        assertTrue(e.getMessage().startsWith("projection 'c10'"), e.getMessage());
        assertTrue(e.getMessage().contains("MB of it held by the projections drawn before"), e.getMessage());
        NetworkBuilder nine = new NetworkBuilder(0.1);
        Population<?, ?> q = nine.population("q", n, LifDelta.MODEL, LifDelta.MODEL.defaults());
        for (int k = 1; k <= 9; k++) {
            nine.connect("c" + k, q, q, Rules.allToAll(), Synapses.excitatory(0.1));
        }
        nine.requireFitsWhenBuilt();
    }

    /**
     * Checked before building, a projection within one population without autapses counts n fewer
     * synapses than with them. Projections of fixed in-degree onto 1000 neurons fill the heap,
     * checked beside each other, to within 2000 bytes below 16 x 999,000 (2 bytes per target each,
     * so a multiple of 2000 bytes): there all-to-all without autapses (999,000 synapses, 16 bytes
     * each while drawn) fits, and with them (1,000,000) does not.
     */
    @Test
    void aProjectionWithoutAutapsesIsCountedWithoutTheSelfPairsBeforeBuilding() {
        nearlyFullThen(Rules.allToAll().withAutapses(false)).requireFitsWhenBuilt();
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class,
                nearlyFullThen(Rules.allToAll())::requireFitsWhenBuilt);
        assertTrue(e.getMessage().startsWith("projection 'last'"), e.getMessage());
    }

    /**
     * Checked before building, the bytes held beside the next projection count 4 per synapse of a projection
     * into a population past 65,536 neurons (a 32-bit target), 2 into one within. With H the heap, a
     * projection of a = H / 64 synapses into 65,537 neurons holds 4a; beside it, b = (H - 4a) / 16 synapses
     * into 10 neurons, 16 bytes each while drawn, fit and b + 1 do not. Counted at 2 bytes, b + 1 would fit.
     */
    @Test
    void theBytesHeldCountFourPerSynapseIntoAPopulationPastSixteenBitIndices() {
        long heap = Runtime.getRuntime().maxMemory();
        long a = heap / 64;
        long b = (heap - 4 * a) / 16;
        assertTrue(2 * a + 16 * (b + 1) <= heap, "b + 1 fits beside 2a bytes: the case tells 4 from 2");
        wideThen(a, b).requireFitsWhenBuilt();
        HeapLimitExceeded e = assertThrows(HeapLimitExceeded.class, wideThen(a, b + 1)::requireFitsWhenBuilt);
        assertTrue(e.getMessage().startsWith("projection 'narrow'") && e.getMessage().contains(
                "MB of it held by the projections drawn before"), e.getMessage());
    }

    /** A builder with {@code a} synapses into 65,537 neurons, then {@code b} into 10, counted, never drawn. */
    private static NetworkBuilder wideThen(long a, long b) {
        NetworkBuilder builder = new NetworkBuilder(0.1);
        Population<?, ?> source = builder.population("source", 10, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> wide = builder.population("wide", 65_537, LifDelta.MODEL, LifDelta.MODEL.defaults());
        assertEquals(4, Projection.bytesPerTarget(wide.size()));
        builder.connect("into wide", source, wide, Rules.fixedTotalNumber(a), Synapses.excitatory(0.1));
        return builder.connect("narrow", source, source, Rules.fixedTotalNumber(b), Synapses.excitatory(0.1));
    }

    /** A builder whose projections hold the heap but for 16 x 999,000 bytes (less under 2000), then one more. */
    private static NetworkBuilder nearlyFullThen(Connectivity last) {
        long heap = Runtime.getRuntime().maxMemory();
        long target = heap - 16L * 999_000;
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 1000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        long held = 0;
        for (int i = 0; held + 2000 <= target; i++) {
            // At most what fits beside the synapses before it (16 bytes each while drawn), and no more
            // than what brings the synapses held up to the target.
            long k = Math.min((heap - held) / 16_000, (target - held) / 2000);
            b.connect("pad" + i, p, p, Rules.fixedInDegree((int) k), Synapses.excitatory(0.1));
            held += 2000 * k;
        }
        assertTrue(held <= target && held > target - 2000, "held " + held + ", target " + target);
        return b.connect("last", p, p, last, Synapses.excitatory(0.1));
    }
}
