package org.engram.simulator.monitor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Population;

/**
 * A SHA-256 digest of the complete spike train of a run, as (time, network-wide neuron) pairs
 * sorted by time and then neuron, so two runs can be compared by one short string.
 *
 * <p>An engine reports spikes already in that order. The digest also takes spikes in step order
 * with any order within a step (from a caller other than the engine, or a recording replayed
 * population by population): it keeps only a window of recent spikes and sorts it before hashing: a
 * spike at time {@code t} belongs to a step that began after {@code t - dt}, so no spike earlier
 * than that can still come. The window is hashed whole when a spike comes one step after its
 * latest, and, when it fills up (precise mode with spikes less than a step apart, where that never
 * happens), up to one step before the newest spike; it holds about a step's spikes, not the run's.
 * Each pair is hashed as the IEEE bits of the time (8 bytes, big-endian) followed by the neuron
 * (4 bytes).
 *
 * @see org.engram.simulator.engine.Engine#addObserver
 */
public final class SpikeTrainDigest implements SpikeListener {
    /**
     * Relative to the larger of the step and the time: far above the rounding of {@code t - dt} and
     * of step starts (a few 1e-16 of t), and below a step up to times of 1e8 steps.
     */
    private static final double SETTLED_MARGIN = 1e-9;

    private final double dtMs;
    private final MessageDigest sha;
    /** Records of a window, hashed in one call: a call per 12-byte record costs more than the hashing. */
    private byte[] records = new byte[12 * 256];
    private long[] timeBits = new long[256];
    private int[] neurons = new int[256];
    private int count;
    private double windowMax = Double.NEGATIVE_INFINITY;
    private long spikes;
    private String hex;

    /**
     * Creates a digest for a run on a grid.
     *
     * @param dtMs the time step in ms
     */
    public SpikeTrainDigest(double dtMs) {
        this.dtMs = dtMs;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
        if (hex != null) {
            throw new IllegalStateException("digest already finished");
        }
        if (timeMs >= windowMax + dtMs) {
            flush();
        } else if (count == neurons.length) {
            // Settled: earlier than the start of the newest spike's step, less a margin for the
            // rounding of t - dt (a spike kept too long costs nothing; one hashed too soon, the order).
            hashSettled(timeMs - dtMs - SETTLED_MARGIN * Math.max(dtMs, timeMs));
            if (count > neurons.length / 2) {
                // More than half a window within a step: grow, so that partial hashing stays rare.
                timeBits = Arrays.copyOf(timeBits, neurons.length * 2);
                neurons = Arrays.copyOf(neurons, neurons.length * 2);
            }
        }
        timeBits[count] = Double.doubleToLongBits(timeMs);
        neurons[count] = population.firstNeuron() + neuron;
        count++;
        windowMax = Math.max(windowMax, timeMs);
        spikes++;
    }

    private void flush() {
        sortWindow();
        hashFirst(count);
        count = 0;
    }

    /** Hashes the window's spikes earlier than {@code limitMs} and keeps the rest. */
    private void hashSettled(double limitMs) {
        sortWindow();
        int settled = 0;
        while (settled < count && Double.longBitsToDouble(timeBits[settled]) < limitMs) {
            settled++;
        }
        hashFirst(settled);
        System.arraycopy(timeBits, settled, timeBits, 0, count - settled);
        System.arraycopy(neurons, settled, neurons, 0, count - settled);
        count -= settled;
    }

    /** Hashes the first {@code first} spikes of the sorted window. */
    private void hashFirst(int first) {
        if (records.length < 12 * first) {
            records = new byte[12 * timeBits.length];
        }
        for (int k = 0; k < first; k++) {
            long t = timeBits[k];
            int at = 12 * k;
            for (int b = 0; b < 8; b++) {
                records[at + b] = (byte) (t >>> (56 - 8 * b));
            }
            int n = neurons[k];
            for (int b = 0; b < 4; b++) {
                records[at + 8 + b] = (byte) (n >>> (24 - 8 * b));
            }
        }
        sha.update(records, 0, 12 * first);
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

    /** @return the number of spikes seen */
    public long spikes() {
        return spikes;
    }

    /**
     * Finishes the digest; no spike may follow.
     *
     * @return the SHA-256 digest as 64 lower-case hex digits
     */
    public String hex() {
        if (hex == null) {
            flush();
            StringBuilder sb = new StringBuilder(64);
            for (byte b : sha.digest()) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            hex = sb.toString();
        }
        return hex;
    }
}
