package org.engram.simulator.monitor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * A SHA-256 digest of the complete spike train of a run, as (time, network-wide neuron) pairs
 * sorted by time and then neuron, so two runs can be compared by one short string.
 *
 * <p>An engine reports spikes already in that order. The digest also takes spikes in step order
 * with any order within a step (from a caller other than the engine, or a recording replayed
 * population by population): it holds a window of recent spikes and, when the window is full,
 * sorts it and hashes the spikes that are settled: a spike at time {@code t} belongs to a step that
 * began after {@code t - dt}, so no spike earlier than that can still come. A window that is still
 * more than half full after that (precise mode with many spikes within a step) grows. Each pair is
 * hashed as the IEEE bits of the time (8 bytes, big-endian) followed by the neuron (4 bytes).
 * {@link #hex()} gives the digest of the spikes seen so far and may be read between runs: the
 * digest goes on taking the spikes of later runs.
 *
 * <p>The window's size trades memory for when the hashing happens. {@link #SpikeTrainDigest(double)}
 * holds a few hundred spikes. {@link #deferred(double)} holds up to {@value #DEFERRED_SPIKES}
 * (48 MB), so a timed run of fewer spikes does all its hashing in {@link #hex()}, after its loop,
 * rather than inside it, where the hashing would count as simulation time (and, early in a run, as
 * time of not yet compiled hashing code).
 *
 * @see org.engram.simulator.engine.Engine#addObserver
 */
public final class SpikeTrainDigest implements SpikeListener {
    /**
     * Relative to the larger of the step and the time: far above the rounding of {@code t - dt} and
     * of step starts (a few 1e-16 of t), and below a step up to times of 1e8 steps.
     */
    private static final double SETTLED_MARGIN = 1e-9;
    /** The window of {@link #SpikeTrainDigest(double)}. */
    private static final int SMALL_WINDOW = 256;
    /** The window of {@link #deferred}: 4 Mi spikes, 48 MB of times and neurons when full. */
    public static final int DEFERRED_SPIKES = 1 << 22;
    /** Records hashed per call: a call per 12-byte record costs more than the hashing. */
    private static final int RECORDS_PER_UPDATE = 4096;

    private final double dtMs;
    private final MessageDigest sha;
    private final byte[] records = new byte[12 * RECORDS_PER_UPDATE];
    /** Spikes held before hashing; grows only when more than half of it lies within one step. */
    private int window;
    private long[] timeBits = new long[SMALL_WINDOW];
    private int[] neurons = new int[SMALL_WINDOW];
    private int count;
    private long spikes;
    private double lastTimeMs = Double.NEGATIVE_INFINITY;
    /** The digest of the spikes seen so far, or null when a spike came after the last {@link #hex()}. */
    private String hex;

    /**
     * Creates a digest for a run on a grid that holds a few hundred spikes at a time.
     *
     * @param dtMs the time step in ms, {@code > 0}
     * @throws ParameterException unless the step is finite and {@code > 0}
     */
    public SpikeTrainDigest(double dtMs) {
        this(dtMs, SMALL_WINDOW);
    }

    /**
     * Creates a digest that hashes nothing before {@link #hex()} unless the run has more than
     * {@value #DEFERRED_SPIKES} spikes: for timed runs, whose loop should not include the hashing.
     * Its memory grows with the spikes held, 12 bytes each; where the heap cannot hold more, it
     * hashes the settled spikes then instead (the same digest, the hashing inside the run).
     *
     * @param dtMs the time step in ms, {@code > 0}
     * @return the digest
     * @throws ParameterException unless the step is finite and {@code > 0}
     */
    public static SpikeTrainDigest deferred(double dtMs) {
        return new SpikeTrainDigest(dtMs, DEFERRED_SPIKES);
    }

    private SpikeTrainDigest(double dtMs, int window) {
        // The step bounds which spikes are settled: a step <= 0 would hash spikes before earlier ones arrive.
        this.dtMs = ParameterException.requirePositive("spike train digest", "dt", dtMs, "ms");
        this.window = window;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
        hex = null;
        if (count == window) {
            hashSettledBy(timeMs);
            if (count > window / 2) {
                // More than half a window within a step: grow, so that partial hashing stays rare.
                window *= 2;
            }
        }
        if (count == neurons.length) {
            growOrHash(timeMs);
        }
        timeBits[count] = Double.doubleToLongBits(timeMs);
        neurons[count] = population.firstNeuron() + neuron;
        count++;
        spikes++;
        lastTimeMs = timeMs;
    }

    /** Refuses an engine whose clock is before the last spike seen, which would break the time order. */
    @Override
    public void joining(Network network, double timeMs) {
        SpikeListener.requireNotPast("spike-train digest", lastTimeMs, timeMs,
                "digest the new engine's spikes with a new digest");
    }

    /**
     * Grows the arrays with the spikes held, up to the window. A heap too full for that narrows the
     * window to what they hold, and the settled spikes are hashed now to make room, at the cost of
     * hashing inside the run: the same digest, where the run would fail for want of memory.
     */
    private void growOrHash(double timeMs) {
        int length = (int) Math.min(window, 2L * count);
        try {
            long[] longerTimes = Arrays.copyOf(timeBits, length);
            int[] longerNeurons = Arrays.copyOf(neurons, length);
            timeBits = longerTimes;
            neurons = longerNeurons;
        } catch (OutOfMemoryError e) {
            window = count;
            hashSettledBy(timeMs);
            if (count == neurons.length) {
                throw e;   // the newest step's spikes alone fill the arrays
            }
        }
    }

    /**
     * Hashes the spikes that are settled once a spike at {@code timeMs} has come: those earlier than
     * the start of its step, less a margin for the rounding of t - dt (a spike kept too long costs
     * nothing; one hashed too soon, the order).
     */
    private void hashSettledBy(double timeMs) {
        hashSettled(timeMs - dtMs - SETTLED_MARGIN * Math.max(dtMs, timeMs));
    }

    /** Hashes the window's spikes earlier than {@code limitMs} and keeps the rest. */
    private void hashSettled(double limitMs) {
        sortWindow();
        int settled = 0;
        while (settled < count && Double.longBitsToDouble(timeBits[settled]) < limitMs) {
            settled++;
        }
        hashFirst(sha, settled);
        System.arraycopy(timeBits, settled, timeBits, 0, count - settled);
        System.arraycopy(neurons, settled, neurons, 0, count - settled);
        count -= settled;
    }

    /** Hashes the first {@code first} spikes of the sorted window into {@code into}. */
    private void hashFirst(MessageDigest into, int first) {
        for (int from = 0; from < first; from += RECORDS_PER_UPDATE) {
            int to = Math.min(first, from + RECORDS_PER_UPDATE);
            for (int k = from; k < to; k++) {
                long t = timeBits[k];
                int at = 12 * (k - from);
                for (int b = 0; b < 8; b++) {
                    records[at + b] = (byte) (t >>> (56 - 8 * b));
                }
                int n = neurons[k];
                for (int b = 0; b < 4; b++) {
                    records[at + 8 + b] = (byte) (n >>> (24 - 8 * b));
                }
            }
            into.update(records, 0, 12 * (to - from));
        }
    }

    /**
     * Insertion sort of the window (a step's worth of spikes, nearly sorted already). Times are
     * {@code >= 0}, whose IEEE bit patterns order like the numbers.
     */
    private void sortWindow() {
        for (int a = 1; a < count; a++) {
            long t = timeBits[a];
            int n = neurons[a];
            int b = a - 1;
            while (b >= 0 && (timeBits[b] > t || timeBits[b] == t && neurons[b] > n)) {
                timeBits[b + 1] = timeBits[b];
                neurons[b + 1] = neurons[b];
                b--;
            }
            timeBits[b + 1] = t;
            neurons[b + 1] = n;
        }
    }

    /** {@return the number of spikes seen} */
    public long spikes() {
        return spikes;
    }

    /**
     * The digest of the spikes seen so far. More may follow: the spikes held back are hashed into a
     * copy of the digest, so that a digest read between runs (to compare a run's train so far) goes
     * on with the next run rather than failing it.
     *
     * @return the SHA-256 digest as 64 lower-case hex digits
     */
    public String hex() {
        if (hex == null) {
            sortWindow();
            MessageDigest soFar;
            try {
                soFar = (MessageDigest) sha.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
            }
            hashFirst(soFar, count);
            StringBuilder sb = new StringBuilder(64);
            for (byte b : soFar.digest()) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            hex = sb.toString();
        }
        return hex;
    }
}
