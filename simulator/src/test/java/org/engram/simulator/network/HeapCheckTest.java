package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.HeapLimitExceeded;
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
                && e.getMessage().contains(" MB in all, beside what it holds already) while they are drawn and sorted,"
                        + " about 16 bytes each, found 1000000 synapses (16 MB) from all_to_all"), e.getMessage());
    }
}
