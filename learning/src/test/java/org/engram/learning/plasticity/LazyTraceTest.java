package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A lazy trace against its definition, {@code x(t) = sum over spikes t_k <= t of a_k exp(-(t - t_k) / tau)},
 * computed directly with {@code Math.exp} for each spike, however often the trace is read in between.
 */
class LazyTraceTest {
    private static final double TAU = 16.8;

    /** {@code sum_k amounts[k] exp(-(t - times[k]) / tau)} over the spikes up to {@code t}. */
    private static double direct(double[] times, double[] amounts, double t) {
        double x = 0;
        for (int k = 0; k < times.length && times[k] <= t; k++) {
            x += amounts[k] * Math.exp(-(t - times[k]) / TAU);
        }
        return x;
    }

    /**
     * Reads between the additions, and twice at one time, leave the sum of the decayed additions:
     * the trace decays once per read at a new time, and not at all on a second read at the same time.
     * Tolerance: each read multiplies by one exp (within 1 ulp, StrictMath's as Math's) and rounds the
     * product (half an ulp); ten reads and the direct sum's own roundings stay below 20 ulps of a trace
     * below 3, 9e-15.
     */
    @Test
    void readsBetweenAdditionsDoNotChangeTheDecayedSum() {
        double[] times = {2.0, 7.5, 7.5, 30.0};
        double[] amounts = {1.0, 0.5, 1.0, 0.25};
        LazyTrace trace = new LazyTrace(2, TAU);
        double[] reads = {0.0, 2.0, 3.0, 5.25, 7.5, 7.5, 12.0, 29.0, 30.0, 41.0, 41.0, 100.0};
        int next = 0;
        for (double t : reads) {
            while (next < times.length && times[next] <= t) {
                trace.add(1, times[next], amounts[next]);
                next++;
            }
            assertEquals(direct(times, amounts, t), trace.at(1, t), 1e-14, "read at " + t + " ms");
        }
        assertEquals(0.0, trace.at(0, 100.0), "the other neuron's trace was never added to");
    }

    /** One read long after the additions gives the same as many reads: {@code exp(-a) exp(-b) = exp(-(a + b))}. */
    @Test
    void oneLateReadEqualsManySmallDecays() {
        LazyTrace once = new LazyTrace(1, TAU);
        LazyTrace often = new LazyTrace(1, TAU);
        once.add(0, 0.0, 1.0);
        often.add(0, 0.0, 1.0);
        for (int step = 1; step <= 400; step++) {
            often.at(0, step * 0.25);
        }
        double expected = Math.exp(-100.0 / TAU);
        // 400 reads, each one exp (1 ulp) and one rounded product (half an ulp): relative error below 6.7e-14
        assertEquals(expected, often.at(0, 100.0), expected * 1e-13);
        assertEquals(expected, once.at(0, 100.0), expected * 5e-16);   // one exp each side: 2 ulps
    }

    /** All-to-all pairing adds 1 to the decayed trace at a spike; nearest-neighbour pairing resets it to 1. */
    @Test
    void aSpikeAddsOneOrResetsToOneByPairing() {
        LazyTrace trace = new LazyTrace(2, TAU);
        trace.spike(0, 1.0, Pairing.ALL_TO_ALL);
        trace.spike(0, 11.0, Pairing.ALL_TO_ALL);
        trace.spike(1, 1.0, Pairing.NEAREST);
        trace.spike(1, 11.0, Pairing.NEAREST);
        // a trace below 2 after two exps and two roundings: within 4 ulps, 1e-15
        assertEquals((1 + Math.exp(-10 / TAU)) * Math.exp(-4 / TAU), trace.at(0, 15.0), 1e-15);
        assertEquals(Math.exp(-4 / TAU), trace.at(1, 15.0), 1e-15);
    }
}
