package org.engram.simulator.model;

import java.util.Arrays;

/**
 * Which neurons of a population are refractory, one bit per neuron, so that the grid kernels visit
 * only those each step ({@link HeldPotentials}) rather than every neuron's count.
 *
 * <p>A bit is set exactly while the neuron's count in {@link IntegrateAndFireState#refractorySteps}
 * is above 0. The kernels keep it so as they count down and fire; as code may write the counts
 * between runs, the state derives the bits from them again before each run ({@link #rebuild}).
 *
 * <p>Threads that advance a population at once own ranges of neurons that start at multiples of
 * 64 ({@link Kernel#RANGE_ALIGNMENT}), so each word of 64 bits belongs to one of them, which reads
 * and writes it plainly. (Atomic updates, for ranges meeting inside a word, were compiled as a loop
 * of compare-and-swap whose first failed swap, when the two workers met in a word, threw the
 * compiled kernel away in the middle of a run.)
 */
final class RefractorySet {
    private final long[] words;

    RefractorySet(int size) {
        words = new long[(size + Long.SIZE - 1) / Long.SIZE];
    }

    /** Sets the bits from the counts: a neuron is refractory while its count is above 0. */
    void rebuild(double[] counts) {
        Arrays.fill(words, 0);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                words[wordOf(i)] |= 1L << i;
            }
        }
    }

    /** Marks neuron {@code i} refractory. */
    void add(int i) {
        words[wordOf(i)] |= 1L << i;
    }

    /** Marks neuron {@code i} no longer refractory. */
    void remove(int i) {
        words[wordOf(i)] &= ~(1L << i);
    }

    /** {@return the word that holds neuron {@code i}'s bit} */
    static int wordOf(int i) {
        return i >>> 6;
    }

    /** {@return neuron of the lowest bit set in {@code bits}, a value of word {@code w}} */
    static int neuron(int w, long bits) {
        return (w << 6) | Long.numberOfTrailingZeros(bits);
    }

    /**
     * The bits of word {@code w} that belong to neurons {@code [lo, hi)}.
     *
     * @param w  a word from {@code wordOf(lo)} to {@code wordOf(hi - 1)}
     * @param lo first neuron
     * @param hi end neuron, exclusive, {@code > lo}
     * @return the word with the bits of other neurons cleared
     */
    long word(int w, int lo, int hi) {
        long bits = words[w];
        if (w == wordOf(lo)) {
            bits &= -1L << lo;
        }
        if (w == wordOf(hi - 1)) {
            bits &= -1L >>> (Long.SIZE - 1 - ((hi - 1) & (Long.SIZE - 1)));
        }
        return bits;
    }
}
