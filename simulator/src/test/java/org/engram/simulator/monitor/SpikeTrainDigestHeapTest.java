package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.engram.simulator.SmallHeap;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A deferred digest whose window the heap cannot hold hashes its settled spikes sooner rather than
 * failing the run: in a JVM of a 32 MB heap, three million spikes (36 MB held) give the digest of
 * SHA-256 over their records, computed here without the class.
 */
class SpikeTrainDigestHeapTest {
    private static final int SPIKES = 3_000_000;

    /** Feeds the spikes to a deferred digest and prints its digest and the one computed directly. */
    public static void main(String[] args) throws NoSuchAlgorithmException {
        Population<?, ?> p = new NetworkBuilder(0.1).seed(1).population("exc", 10, LifDelta.MODEL,
                LifDelta.MODEL.defaults());
        SpikeTrainDigest digest = SpikeTrainDigest.deferred(0.1);
        MessageDigest direct = MessageDigest.getInstance("SHA-256");
        ByteBuffer record = ByteBuffer.allocate(12);
        for (int k = 0; k < SPIKES; k++) {
            double t = (k / 10 + 1) * 0.1;   // ten spikes a step, neurons 0 to 9
            digest.onSpike(p, k % 10, t);
            direct.update(record.clear().putLong(Double.doubleToLongBits(t)).putInt(k % 10).array());
        }
        System.out.println(digest.hex() + " " + HexFormat.of().formatHex(direct.digest()));
    }

    @Test
    void aWindowPastTheHeapIsHashedSoonerWithTheSameDigest() throws IOException, InterruptedException {
        SmallHeap.Output child = SmallHeap.run("32m", SpikeTrainDigestHeapTest.class);
        String out = child.text().strip();
        assertEquals(0, child.exitCode(), out);
        String[] digests = out.split(" ");
        assertEquals(2, digests.length, out);
        assertEquals(digests[1], digests[0]);
    }
}
