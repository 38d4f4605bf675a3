package org.engram.simulator.network.connect;

import java.util.Arrays;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Draws a subset of {@code size} distinct indices of {@code [0, range)}, each subset of that size
 * equally likely, holding at most one {@code long} per index drawn.
 *
 * <p>The draw is rejection: uniform indices one after another, each kept unless drawn before,
 * until {@code size} are kept. Every kept index is uniform over those not yet kept, so every
 * ordered sequence of distinct indices, and hence every subset, is equally likely. The indices are
 * drawn in rounds, as many as are still missing: a round is sorted, its repeats dropped, and those
 * kept in an earlier round found by binary search in that round's sorted run; this keeps exactly
 * the indices the one-by-one draw keeps. When {@code size} is more than half the range the
 * complement is drawn instead (at most {@code range / 2} indices, each draw then kept with
 * probability at least one half) and the indices it leaves out are reported.
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
     * @param size  the number of indices to choose, {@code >= 0}; it or {@code range - size} must fit one array
     * @param out   where the indices go
     */
    static void draw(SplitMixRandom rng, long range, long size, IndexSink out) {
        boolean complement = size > range - size;
        long[] drawn = new long[Math.toIntExact(complement ? range - size : size)];
        int[] runEnds = drawInRuns(rng, range, drawn);
        if (!complement) {
            for (long index : drawn) {
                out.accept(index);
            }
            return;
        }
        // The runs' indices in ascending order (a merge of the runs); those between them are the subset.
        int[] next = new int[runEnds.length];
        for (int r = 1; r < runEnds.length; r++) {
            next[r] = runEnds[r - 1];
        }
        long from = 0;
        while (true) {
            int smallest = -1;
            long left = range;
            for (int r = 0; r < runEnds.length; r++) {
                if (next[r] < runEnds[r] && drawn[next[r]] < left) {
                    left = drawn[next[r]];
                    smallest = r;
                }
            }
            for (long index = from; index < left; index++) {
                out.accept(index);
            }
            if (smallest < 0) {
                return;
            }
            next[smallest]++;
            from = left + 1;
        }
    }

    /**
     * Fills {@code drawn} with distinct uniform indices by rejection, round after round.
     *
     * @return where each round's sorted run ends in {@code drawn}, one entry per round that kept an index
     */
    private static int[] drawInRuns(SplitMixRandom rng, long range, long[] drawn) {
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
        return Arrays.copyOf(runEnds, runs);
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
