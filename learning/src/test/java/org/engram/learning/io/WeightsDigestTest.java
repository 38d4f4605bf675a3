package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WeightsDigestTest {
    /** The whole byte image hashed at once, as the digest's streaming must agree with. */
    private static String wholeImage(float[] weights) throws Exception {
        ByteBuffer image = ByteBuffer.allocate(4 * weights.length);
        for (float w : weights) {
            image.putFloat(w);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.array()));
    }

    @Test
    void equalsTheHashOfTheWholeImageAcrossBufferBoundaries() throws Exception {
        float[] weights = new float[1025];   // 4,100 bytes: past the 4,096-byte buffer
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) Math.sin(k) * 0.1f;
        }
        assertEquals(wholeImage(weights), WeightsDigest.of(weights));
        float[] head = Arrays.copyOf(weights, 700);
        float[] tail = Arrays.copyOfRange(weights, 700, weights.length);
        assertEquals(wholeImage(weights), WeightsDigest.of(head, tail), "arrays hash as their concatenation");
        // SHA-256 of the bytes 3f 80 00 00 (1.0f, big-endian), computed apart (Python's hashlib).
        assertEquals("de620abd6d3615746360c1d15ce3a56291236d37424124054a49d25e947ffc4d",
                WeightsDigest.of(new float[] {1f}));
        assertNotEquals(WeightsDigest.of(new float[] {0f}), WeightsDigest.of(new float[] {-0f}), "bits, not values");
    }
}
