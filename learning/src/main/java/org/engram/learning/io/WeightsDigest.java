package org.engram.learning.io;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of weights as their float bits, big-endian, arrays in the order given: two learners
 * with equal hashes hold bit-identical weights, which is how runs on different thread counts or a
 * resumed run are compared.
 */
public final class WeightsDigest {
    private WeightsDigest() {
    }

    /**
     * Hashes weight arrays, streamed through a small buffer rather than copied whole.
     *
     * @param arrays the weights, e.g. one matrix per layer
     * @return the hash as lower-case hex (64 characters)
     */
    public static String of(float[]... arrays) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(4096);
        for (float[] weights : arrays) {
            for (float w : weights) {
                if (buf.remaining() < Float.BYTES) {
                    buf.flip();
                    sha.update(buf);
                    buf.clear();
                }
                buf.putInt(Float.floatToRawIntBits(w));
            }
        }
        buf.flip();
        sha.update(buf);
        return HexFormat.of().formatHex(sha.digest());
    }
}
