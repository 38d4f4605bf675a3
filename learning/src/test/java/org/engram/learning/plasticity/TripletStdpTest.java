package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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

    /** Amplitudes of one size, so that each of the four terms moves a hand-placed triplet's change by > 1e-4. */
    private static final TripletStdp.Params HAND = new TripletStdp.Params(5e-3, 6.2e-3, 7e-3, 2.3e-3, 16.8, 33.7,
            101, 125, 0, 10);

    private static double triplet(char[] sides, double[] times) {
        TwoPopulations net = new TwoPopulations(1, 1, START);
        TripletStdp rule = new TripletStdp(net.projection, HAND);
        for (int i = 0; i < sides.length; i++) {
            Drive.spike(rule, sides[i] == 'r' ? net.pre : net.post, 0, times[i]);
        }
        return net.weight(0, 0) - START;
    }

    /**
     * Pfister and Gerstner (2006), eqs. 3-4, for single triplets placed by hand: at a post spike
     * {@code dw = r1 (A2+ + A3+ o2(t - eps))}, at a pre spike {@code dw = -o1 (A2- + A3- r2(t - eps))},
     * each trace the sum of {@code exp(-(t - t_k) / tau)} over its neuron's earlier spikes only.
     * Float weights near 2: three roundings of at most 1.2e-7 each.
     */
    @Test
    void handPlacedTripletsChangeTheWeightAsEquationsThreeAndFourSay() {
        double a2p = 5e-3;
        double a3p = 6.2e-3;
        double a2m = 7e-3;
        double a3m = 2.3e-3;
        // pre 100, post 105, post 115: the second post sees r1 = e^(-15/16.8) and o2 = e^(-10/125)
        double prePostPost = a2p * Math.exp(-5 / 16.8) + Math.exp(-15 / 16.8) * (a2p + a3p * Math.exp(-10 / 125.0));
        assertEquals(prePostPost, triplet(new char[] {'r', 'o', 'o'}, new double[] {100, 105, 115}), 4e-7,
                "pre-post-post");
        // post 100, pre 110, post 125: depression -A2- e^(-10/33.7) (r2 = 0 before the first pre), then
        // potentiation e^(-15/16.8) (A2+ + A3+ e^(-25/125))
        double postPrePost = -a2m * Math.exp(-10 / 33.7) + Math.exp(-15 / 16.8) * (a2p + a3p * Math.exp(-25 / 125.0));
        assertEquals(postPrePost, triplet(new char[] {'o', 'r', 'o'}, new double[] {100, 110, 125}), 4e-7,
                "post-pre-post");
        // pre 100, post 110, pre 130: A2+ e^(-10/16.8), then -e^(-20/33.7) (A2- + A3- e^(-30/101))
        double prePostPre = a2p * Math.exp(-10 / 16.8) - Math.exp(-20 / 33.7) * (a2m + a3m * Math.exp(-30 / 101.0));
        assertEquals(prePostPre, triplet(new char[] {'r', 'o', 'r'}, new double[] {100, 110, 130}), 4e-7,
                "pre-post-pre");
        // post 100, post 103, pre 110: -o1 (A2- + A3- r2) with o1 = e^(-10/33.7) + e^(-7/33.7), r2 = 0
        double postPostPre = -(Math.exp(-10 / 33.7) + Math.exp(-7 / 33.7)) * a2m;
        assertEquals(postPostPre, triplet(new char[] {'o', 'o', 'r'}, new double[] {100, 103, 110}), 4e-7,
                "post-post-pre");
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
