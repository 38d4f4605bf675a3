package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frequency-dependent pairing protocol of Sjostrom et al. (2001), as modelled by Pfister and
 * Gerstner (2006, Fig. 4): 60 pairs with lag +-10 ms repeated at frequency f. With all-to-all
 * interactions each trace just before a spike is a finite geometric series over the earlier
 * spikes, so the total weight change has a closed form that does not step any trace.
 */
class TripletStdpTest {
    private static final int PAIRS = 60;
    private static final double LAG = 10.0;
    /** The weight protocols start from, far enough inside [0, 10] that no change is clipped. */
    private static final double START = 2.0;

    /** sum_{m=0}^{count-1} exp(-(lastLag + m period) / tau): trace of count periodic spikes, the latest lastLag ago. */
    private static double series(double lastLag, double period, double tau, int count) {
        double q = Math.exp(-period / tau);
        return Math.exp(-lastLag / tau) * (1 - Math.pow(q, count)) / (1 - q);
    }

    /** Closed form of the total change for pre-then-post pairs ({@code prePost}) or post-then-pre pairs. */
    private static double closedForm(TripletStdp.Params p, double period, boolean prePost) {
        double total = 0;
        for (int k = 0; k < PAIRS; k++) {
            if (prePost) {
                double o1 = series(period - LAG, period, p.tauMinusMs(), k);
                double r2 = series(period, period, p.tauXMs(), k);
                total -= o1 * (p.a2Minus() + p.a3Minus() * r2);
                double r1 = series(LAG, period, p.tauPlusMs(), k + 1);
                double o2 = series(period, period, p.tauYMs(), k);
                total += r1 * (p.a2Plus() + p.a3Plus() * o2);
            } else {
                double r1 = series(period - LAG, period, p.tauPlusMs(), k);
                double o2 = series(period, period, p.tauYMs(), k);
                total += r1 * (p.a2Plus() + p.a3Plus() * o2);
                double o1 = series(LAG, period, p.tauMinusMs(), k + 1);
                double r2 = series(period, period, p.tauXMs(), k);
                total -= o1 * (p.a2Minus() + p.a3Minus() * r2);
            }
        }
        return total;
    }

    private static double simulate(TripletStdp.Params p, double period, boolean prePost) {
        TwoPopulations net = new TwoPopulations(1, 1, START);
        TripletStdp rule = new TripletStdp(net.projection, p);
        for (int k = 0; k < PAIRS; k++) {
            double t = 1000 + k * period;
            if (prePost) {
                Drive.spike(rule, net.pre, 0, t);
                Drive.spike(rule, net.post, 0, t + LAG);
            } else {
                Drive.spike(rule, net.post, 0, t);
                Drive.spike(rule, net.pre, 0, t + LAG);
            }
        }
        return net.weight(0, 0) - START;
    }

    @ParameterizedTest
    @CsvSource({"0.1", "1", "10", "20", "40", "50"})
    void pairingProtocolMatchesTheClosedForm(double frequencyHz) {
        TripletStdp.Params v = TripletStdp.Params.visualCortex();
        TripletStdp.Params p = new TripletStdp.Params(v.a2Plus(), v.a3Plus(), v.a2Minus(), v.a3Minus(), v.tauPlusMs(),
                v.tauMinusMs(), v.tauXMs(), v.tauYMs(), 0, 10);
        double period = 1000 / frequencyHz;
        // Float weights accumulate 120 changes, each rounded by at most 1.2e-7 (half an ulp for w in [2, 4)):
        // below 1.5e-5 in total.
        assertEquals(closedForm(p, period, true), simulate(p, period, true), 2e-5,
                "pre-post at " + frequencyHz + " Hz");
        assertEquals(closedForm(p, period, false), simulate(p, period, false), 2e-5,
                "post-pre at " + frequencyHz + " Hz");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void potentiationGrowsWithPairingFrequency(boolean prePost) {
        TripletStdp.Params v = TripletStdp.Params.visualCortex();
        TripletStdp.Params p = new TripletStdp.Params(v.a2Plus(), v.a3Plus(), v.a2Minus(), v.a3Minus(), v.tauPlusMs(),
                v.tauMinusMs(), v.tauXMs(), v.tauYMs(), 0, 10);
        double slow = simulate(p, 1000 / 0.1, prePost);
        double fast = simulate(p, 1000 / 50.0, prePost);
        if (prePost) {
            assertTrue(Math.abs(slow) < 1e-6, "at 0.1 Hz pre-post pairs barely change the weight (A2+ ~ 0): " + slow);
        } else {
            assertTrue(slow < -0.1, "at 0.1 Hz post-pre pairs depress: " + slow);
        }
        assertTrue(fast > 0.1, "at 50 Hz triplets potentiate whatever the order: " + fast);
    }
}
