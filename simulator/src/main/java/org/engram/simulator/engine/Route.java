package org.engram.simulator.engine;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Projection;

/**
 * A projection as the engine delivers through it: the target's runtime and, for every source row,
 * where each worker's targets begin. Rows are sorted by target and workers own contiguous target
 * ranges, so each worker's part of a row is one slice of it; finding those slices once here spares
 * every worker two binary searches per spike and projection.
 */
final class Route {
    final Projection projection;
    final PopulationRuntime target;
    /**
     * With short-term plasticity: per merged spike of the slice being delivered, the factor its
     * source's synapses multiply their weights by ({@link ShortTermRelease}); {@code null} without.
     */
    double[] factors;
    private final int workers;
    /**
     * {@code first[source * workers + w]}: the first synapse of row {@code source} whose target
     * worker {@code w} owns; the part of the last worker ends where the next row begins, so with
     * one worker this is the projection's row index itself.
     */
    private final int[] first;
    /** The longest array a JVM allocates, with a margin (as {@code ArrayList} keeps). */
    private static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    Route(Projection projection, PopulationRuntime target, int workers) {
        this.projection = projection;
        this.target = target;
        this.workers = workers;
        this.factors = projection.shortTerm() == null ? null : new double[0];
        int[] rowStart = projection.rowStart();
        if (workers == 1) {
            first = rowStart;
            return;
        }
        int sources = rowStart.length - 1;
        if ((long) sources * workers >= MAX_ENTRIES) {
            throw new ParameterException("engine", "threads", "at most " + (MAX_ENTRIES - 1) / sources
                    + " threads for projection '" + projection.name() + "' from " + sources + " neurons (every row "
                    + "keeps where each thread's part begins, in one array)", workers);
        }
        first = rowStarts(projection, sources, workers);
        for (int s = 0; s < sources; s++) {
            int a = rowStart[s];
            int b = rowStart[s + 1];
            for (int w = 0; w < workers; w++) {
                a = lowerBound(projection, a, b, target.chunkLo[w]);
                first[s * workers + w] = a;
            }
        }
        first[sources * workers] = rowStart[sources];
    }

    /**
     * The array of where each thread's part of each row begins, 4 bytes per source neuron and thread:
     * with hundreds of threads on a network of millions of neurons, gigabytes, refused by the thread
     * count that asks for them rather than left to a bare OutOfMemoryError.
     */
    private static int[] rowStarts(Projection projection, int sources, int workers) {
        long entries = (long) sources * workers + 1;
        if (entries * (double) Integer.BYTES <= Runtime.getRuntime().maxMemory()) {
            try {
                return new int[(int) entries];
            } catch (OutOfMemoryError e) {
                // Refused below: beside the network and the other projections' row starts.
            }
        }
        throw rowStartsPastTheHeap(projection, sources, workers);
    }

    private static HeapLimitExceeded rowStartsPastTheHeap(Projection projection, int sources, int workers) {
        return new HeapLimitExceeded("engine", "threads", String.format(Locale.ROOT, "row starts that fit the Java"
                        + " heap (%.0f MB in all, beside the network): 4 bytes per source neuron, thread and"
                        + " projection",
                        Runtime.getRuntime().maxMemory() / 1e6),
                String.format(Locale.ROOT, "%d threads for projection '%s' from %d neurons (%.0f MB)", workers,
                        projection.name(), sources, ((long) sources * workers + 1) * (double) Integer.BYTES / 1e6),
                "use fewer threads (more than the processors are no faster), or " + HeapLimitExceeded.MORE_HEAP);
    }

    /** @return the first synapse of row {@code source} that worker {@code w} delivers */
    int begin(int source, int w) {
        return first[source * workers + w];
    }

    /** @return the end (exclusive) of the synapses of row {@code source} that worker {@code w} delivers */
    int end(int source, int w) {
        return first[source * workers + w + 1];
    }

    /** The first synapse in {@code [a, b)}, a part of one row, whose target is {@code >= key}. */
    private static int lowerBound(Projection projection, int a, int b, int key) {
        int lo = a;
        int hi = b;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (projection.target(mid) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
