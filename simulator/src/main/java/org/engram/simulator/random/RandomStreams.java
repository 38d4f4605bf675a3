package org.engram.simulator.random;

/**
 * Derives independent random streams from (seed, purpose, index).
 *
 * <p>Each stream is a SplitMix64 generator (Steele, Lea and Flood 2014) whose starting state is
 * the seed, purpose and index mixed by the SplitMix64 finaliser. What stream {@code i} draws never
 * depends on other streams, on scheduling or on call history, so partitioning work over a
 * different number of threads draws exactly the same numbers.
 *
 * <p>Hot loops keep one {@code long} of state per stream in a primitive array and call the static
 * methods {@link #next(long)} and {@link #mix(long)}; the object form {@link SplitMixRandom} wraps
 * one stream for code that wants a commons-math3 {@code RandomGenerator}.
 */
public final class RandomStreams {
    /** The golden-ratio increment of SplitMix64. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    /**
     * The initial state of the stream (seed, purpose, index).
     *
     * @param seed    the experiment seed
     * @param purpose what the stream is for
     * @param index   the neuron, source, sample or other index the stream belongs to
     * @return the stream's initial state
     */
    public static long streamState(long seed, Purpose purpose, long index) {
        long h = mix(seed + GAMMA);
        h = mix(h ^ (purpose.ordinal() + 1L) * 0xD1B54A32D192ED03L);
        return mix(h ^ mix(index + GAMMA * 3));
    }

    /**
     * One stream index from a pair of keys (an epoch and a sample, a task and a sample). For a fixed
     * {@code first}, distinct {@code second} values give distinct indices; other pairs meet only by
     * chance (probability 2^-64 per pair), where packing both keys into the bits of one {@code long}
     * would make streams coincide once a key outgrew its bits.
     *
     * @param first  the outer key
     * @param second the inner key
     * @return the index
     */
    public static long pairIndex(long first, long second) {
        return mix(mix(first + GAMMA) ^ second);
    }

    /**
     * A stream as an object, for code that is not hot.
     *
     * @param seed    the experiment seed
     * @param purpose what the stream is for
     * @param index   the index the stream belongs to
     * @return a new generator positioned at the stream's start
     */
    public static SplitMixRandom of(long seed, Purpose purpose, long index) {
        return new SplitMixRandom(streamState(seed, purpose, index));
    }

    /**
     * The SplitMix64 finaliser (variant 13 of Stafford's mixers): a bijection that scrambles bits.
     *
     * @param z the input
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Advances a stream's state by one draw.
     *
     * @param state the current state
     * @return the next state; the output of the draw is {@code mix(nextState)}
     */
    public static long next(long state) {
        return state + GAMMA;
    }

    /**
     * A uniform double in [0, 1) from 53 bits of a mixed value.
     *
     * @param mixed the output of {@link #mix(long)}
     * @return the uniform number
     */
    public static double toUnitDouble(long mixed) {
        return (mixed >>> 11) * 0x1.0p-53;
    }
}
