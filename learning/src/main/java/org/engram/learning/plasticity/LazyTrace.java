package org.engram.learning.plasticity;

/**
 * Exponentially decaying traces, one per neuron (or synapse), stored with the time of their last
 * update and decayed only when read: {@code x(t) = x(t_last) exp(-(t - t_last) / tau)}. A trace
 * read twice at the same time decays once.
 */
final class LazyTrace {
    private final double[] value;
    private final double[] lastMs;
    private final double tauMs;

    LazyTrace(int size, double tauMs) {
        this.value = new double[size];
        this.lastMs = new double[size];
        this.tauMs = tauMs;
    }

    /** The trace of {@code i} at time {@code tMs} (not before its last update), kept decayed to that time. */
    double at(int i, double tMs) {
        value[i] = peek(i, tMs);
        lastMs[i] = tMs;
        return value[i];
    }

    /**
     * The trace of {@code i} at time {@code tMs} (not before its last update), leaving it as it was: for
     * readers outside the rule, whose reads must not change the roundings of later updates.
     */
    double peek(int i, double tMs) {
        double dt = tMs - lastMs[i];
        return dt != 0 ? value[i] * StrictMath.exp(-dt / tauMs) : value[i];
    }

    /** {@return the time of the last update of {@code i}'s trace, 0 for one never updated} */
    double lastMs(int i) {
        return lastMs[i];
    }

    /** {@return the latest time a trace was updated or read at (0 for one never touched), minus infinity for none} */
    double latestMs() {
        double latest = Double.NEGATIVE_INFINITY;
        for (double t : lastMs) {
            latest = Math.max(latest, t);
        }
        return latest;
    }

    /** Adds {@code amount} to the trace at time {@code tMs}. */
    void add(int i, double tMs, double amount) {
        at(i, tMs);
        value[i] += amount;
    }

    /** Sets the trace to {@code amount} at time {@code tMs}. */
    void set(int i, double tMs, double amount) {
        lastMs[i] = tMs;
        value[i] = amount;
    }

    /** Adds a spike: {@code +1} for all-to-all pairing, reset to 1 for nearest-neighbour pairing. */
    void spike(int i, double tMs, Pairing pairing) {
        if (pairing == Pairing.ALL_TO_ALL) {
            add(i, tMs, 1);
        } else {
            set(i, tMs, 1);
        }
    }
}
