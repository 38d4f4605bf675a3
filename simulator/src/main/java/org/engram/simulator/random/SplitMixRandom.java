package org.engram.simulator.random;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * One SplitMix64 stream as a commons-math3 {@link RandomGenerator}, so the library's
 * distributions can sample weights and delays from Engram's derived streams.
 *
 * <p>Not thread-safe: each stream belongs to one caller.
 */
public final class SplitMixRandom implements RandomGenerator {
    private long state;
    private double nextGaussian = Double.NaN;

    /**
     * Creates a stream starting at the given state.
     *
     * @param state initial state, usually from {@link RandomStreams#streamState}
     */
    public SplitMixRandom(long state) {
        this.state = state;
    }

    @Override
    public long nextLong() {
        state += RandomStreams.GAMMA;
        return RandomStreams.mix(state);
    }

    @Override
    public double nextDouble() {
        return RandomStreams.toUnitDouble(nextLong());
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /**
     * A uniform integer in [0, n) without modulo bias (Lemire's multiply-and-reject method).
     *
     * @param n the bound, {@code > 0}
     * @return the integer
     */
    @Override
    public int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be > 0, found " + n);
        }
        long m = (nextLong() >>> 32) * n;
        long low = m & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x1_0000_0000L - n) % n;
            while (low < threshold) {
                m = (nextLong() >>> 32) * n;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * A uniform long in [0, n) without modulo bias: 63 random bits reduced modulo {@code n}, drawn
     * again when they fall in the incomplete last block of {@code n} values (the test the Javadoc of
     * {@code java.util.Random.nextInt(int)} shows for 31 bits), which happens with probability below
     * {@code n / 2^63}.
     *
     * @param n the bound, {@code > 0}
     * @return the long
     */
    public long nextLong(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be > 0, found " + n);
        }
        long bits = nextLong() >>> 1;
        long value = bits % n;
        // bits - value is the start of bits' block of n values; the block is whole unless its end overflows.
        while (bits - value + (n - 1) < 0) {
            bits = nextLong() >>> 1;
            value = bits % n;
        }
        return value;
    }

    /**
     * A uniformly random permutation of {@code [0, n)}: Fisher-Yates from the last position down,
     * one {@link #nextInt(int)} for each position but the first ({@code n - 1} in all; none for
     * {@code n <= 1}).
     *
     * @param n the length, {@code >= 0}
     * @return the permutation
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long r = nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, r >>>= 8) {
                bytes[i++] = (byte) r;
            }
        }
    }

    /** A standard normal deviate by the polar Box-Muller method; the spare value is kept. */
    @Override
    public double nextGaussian() {
        if (!Double.isNaN(nextGaussian)) {
            double g = nextGaussian;
            nextGaussian = Double.NaN;
            return g;
        }
        double x;
        double y;
        double s;
        do {
            x = 2 * nextDouble() - 1;
            y = 2 * nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextGaussian = y * f;
        return x * f;
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) {
            s = RandomStreams.mix(s ^ v);
        }
        setSeed(s);
    }

    @Override
    public void setSeed(long seed) {
        state = seed;
        nextGaussian = Double.NaN;
    }
}
