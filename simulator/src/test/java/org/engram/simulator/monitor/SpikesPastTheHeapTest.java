package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.SmallHeap;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A spike recorder that fills the heap stops with {@link SpikesPastTheHeap}, naming itself, and
 * keeps the spikes it holds: it ended in a bare OutOfMemoryError. Run in a JVM of a 48 MB heap,
 * which about two million spikes fill.
 */
class SpikesPastTheHeapTest {
    /** Records spikes until the recorder refuses one, then prints the error and what the recorder holds. */
    public static void main(String[] args) {
        Population<?, ?> p = new NetworkBuilder(0.1).seed(1).population("exc", 10, LifDelta.MODEL,
                LifDelta.MODEL.defaults());
        SpikeRecorder recorder = new SpikeRecorder(p);
        int sent = 0;
        try {
            while (true) {
                recorder.onSpike(p, sent % 10, sent * 0.1);
                sent++;
            }
        } catch (SpikesPastTheHeap e) {
            int last = recorder.count() - 1;
            System.out.println(e.getMessage());
            System.out.println(sent + " " + e.spikes() + " " + recorder.count() + " " + recorder.neuron(last) + " "
                    + recorder.timeMs(last) + " " + e.population() + " " + e.timeMs());
        }
    }

    @Test
    void aRecorderPastTheHeapNamesItselfAndKeepsItsSpikes() throws IOException, InterruptedException {
        SmallHeap.Output child = SmallHeap.run("48m", SpikesPastTheHeapTest.class);
        List<String> lines = child.lines();
        assertEquals(0, child.exitCode(), child.text());
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("spike recorder of 'exc': neurons: expected spikes that fit the Java heap "
                + "\\(\\d+ MB in all\\), 12 bytes each, found \\d+ spikes of 10 neurons by [0-9.]+ ms, and no room"
                + " to grow to \\d+ \\(\\d+ MB\\); record fewer neurons or shorter runs \\(writing each out\\), or"
                + " \\Q" + HeapLimitExceeded.MORE_HEAP + "\\E"), lines.get(0));
        String[] held = lines.get(1).split(" ");
        int sent = Integer.parseInt(held[0]);
        assertTrue(sent > 100_000, "spikes recorded before the heap was full: " + sent);
        assertEquals(sent, Integer.parseInt(held[1]), "the spikes the error counts");
        assertEquals(sent, Integer.parseInt(held[2]), "every spike before the refused one is kept");
        assertEquals((sent - 1) % 10, Integer.parseInt(held[3]), "the last spike kept");
        assertEquals((sent - 1) * 0.1, Double.parseDouble(held[4]));
        assertEquals("exc", held[5]);
        assertEquals(sent * 0.1, Double.parseDouble(held[6]), "the refused spike's time");
    }
}
