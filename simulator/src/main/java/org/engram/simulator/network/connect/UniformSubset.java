package org.engram.simulator.network.connect;

import java.util.Arrays;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Draws a subset of {@code size} distinct indices of {@code [0, range)}, each subset of that size
 * equally likely, holding at most 8 bytes per index drawn and one 8-byte word more.
 *
 * <p>The draw is rejection: uniform indices one after another, each kept unless drawn before,
 * until {@code size} are kept. Every kept index is uniform over those not yet kept, so every
 * ordered sequence of distinct indices, and hence every subset, is equally likely. Where the subset
 * is at least a 64th of the range, the indices drawn are marked in a bitmap of the range (a bit per
 * index: {@code ceil(range / 64)} words, at most one more than the indices drawn); when {@code size}
 * is more than half the range the complement is drawn instead (each draw then kept with probability
 * at least one half) and the unmarked indices reported. A sparser subset is drawn in rounds of as
 * many indices as are still missing, one {@code long} each: a round is sorted, its repeats dropped,
 * and those kept in an earlier round found by binary search in that round's sorted run; this keeps
 * exactly the indices the one-by-one draw keeps, and at most one in 64 draws is rejected.
 */
final class UniformSubset {

    /** Receives the indices of the subset. */
    interface IndexSink {
        /**
         * @param index an index of the subset, in {@code [0, range)}; each reported once
         */
        void accept(long index);
    }

    private UniformSubset() {
    }

    /**
     * Draws the subset and reports its indices (in no particular order).
     *
     * @param rng   the stream to draw from
     * @param range the number of indices to choose from, {@code >= size}
     * @param size  the number of indices to choose, {@code >= 0}, at most the longest array
     * @param out   where the indices go
     */
    static void draw(SplitMixRandom rng, long range, long size, IndexSink out) {
        if (size >= range / 64) {
            drawOnBitmap(rng, range, size, out);
        } else {
            drawBySorting(rng, range, size, out);
        }
    }

    /**
     * Draws the subset, or its complement when {@code size} is more than half the range, on a bitmap
     * of the range, and reports the indices in ascending order.
     */
    static void drawOnBitmap(SplitMixRandom rng, long range, long size, IndexSink out) {
        boolean complement = size > range - size;
        long marks = complement ? range - size : size;
        long[] words = new long[Math.toIntExact((range + 63) >>> 6)];
        for (long marked = 0; marked < marks; ) {
            long index = rng.nextLong(range);
            long bit = 1L << index;   // the shift takes the index modulo 64: its place in its word
            int word = (int) (index >>> 6);
            if ((words[word] & bit) == 0) {
                words[word] |= bit;
                marked++;
            }
        }
        for (int w = 0; w < words.length; w++) {
            long bits = complement ? ~words[w] : words[w];
            long past = range - ((long) w << 6);
            if (past < 64) {
                bits &= (1L << past) - 1;   // the last word's bits past the range are no indices
            }
            while (bits != 0) {
                out.accept(((long) w << 6) + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
    }

    /** Draws the subset in sorted rounds, one {@code long} per index, and reports them. */
    static void drawBySorting(SplitMixRandom rng, long range, long size, IndexSink out) {
        long[] drawn = new long[Math.toIntExact(size)];
        int[] runEnds = new int[8];
        int runs = 0;
        int kept = 0;
        while (kept < drawn.length) {
            int from = kept;
            for (int i = from; i < drawn.length; i++) {
                drawn[i] = rng.nextLong(range);
            }
            Arrays.sort(drawn, from, drawn.length);
            long previous = -1;
            for (int i = from; i < drawn.length; i++) {
                long index = drawn[i];
                if (index != previous && !inRuns(drawn, runEnds, runs, index)) {
                    drawn[kept++] = index;
                }
                previous = index;
            }
            if (kept > from) {
                if (runs == runEnds.length) {
                    runEnds = Arrays.copyOf(runEnds, 2 * runs);
                }
                runEnds[runs++] = kept;
            }
        }
        for (long index : drawn) {
            out.accept(index);
        }
    }

    private static boolean inRuns(long[] drawn, int[] runEnds, int runs, long index) {
        int start = 0;
        for (int r = 0; r < runs; r++) {
            if (Arrays.binarySearch(drawn, start, runEnds[r], index) >= 0) {
                return true;
            }
            start = runEnds[r];
        }
        return false;
    }
}
