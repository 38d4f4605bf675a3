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

    /**
     * Any one bit flipped in any weight, in the first or the second array, changes the digest to the
     * SHA-256 of the flipped byte image: no byte of any weight is left out of the hash.
     */
    @Test
    void aFlippedBitOfAnyWeightGivesTheHashOfTheFlippedImage() throws Exception {
        float[] first = {0.5f, -0.0f, Float.intBitsToFloat(0x7fc00001)};
        float[] second = {Float.MIN_VALUE, -3.25f};
        String unchanged = WeightsDigest.of(first, second);
        for (int w = 0; w < first.length + second.length; w++) {
            for (int bit = 0; bit < 32; bit++) {
                float[] a = first.clone();
                float[] b = second.clone();
                float[] target = w < a.length ? a : b;
                int k = w < a.length ? w : w - a.length;
                target[k] = Float.intBitsToFloat(Float.floatToRawIntBits(target[k]) ^ (1 << bit));
                float[] joined = new float[a.length + b.length];
                System.arraycopy(a, 0, joined, 0, a.length);
                System.arraycopy(b, 0, joined, a.length, b.length);
                String flipped = WeightsDigest.of(a, b);
                assertNotEquals(unchanged, flipped, "weight " + w + " bit " + bit);
                assertEquals(wholeImage(joined), flipped, "weight " + w + " bit " + bit);
            }
        }
    }
}
