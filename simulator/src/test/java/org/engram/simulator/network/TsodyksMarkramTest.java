package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * The Tsodyks-Markram recursion against numbers worked out by hand and against the analytic steady
 * state of a regular train; its parameters refused by name.
 */
class TsodyksMarkramTest {
    /** The state of one source of a projection with these parameters. */
    private static TsodyksMarkram.State oneSource(TsodyksMarkram params) {
        return new TsodyksMarkram.State(params, 1);
    }

    @Test
    void depressingSynapseFollowsTheRecursionWrittenOut() {
        // U 0.5, tau_rec 100 ms, no facilitation; spikes at 0, 50, 50 and 150 ms.
        TsodyksMarkram.State s = oneSource(new TsodyksMarkram(0.5, 100, 0));
        // Spike 1: u = U = 0.5, x = 1 -> 0.5; x left 0.5.
        assertEquals(0.5, s.release(0, 0), 1e-15);
        // Spike 2, h = 50: x = 1 - 0.5 e^-0.5 = 0.696734670..., u = 0.5 -> 0.348367335...; x left 0.348367335...
        assertEquals(0.5 * (1 - 0.5 * Math.exp(-0.5)), s.release(0, 50), 1e-15);
        assertEquals(0.348367335072, 0.5 * (1 - 0.5 * Math.exp(-0.5)), 1e-12);
        // Spike 3, h = 0 (a second spike at the same moment): x = x left = 0.348367335... -> 0.174183667...
        double x3 = 0.5 * (1 - 0.5 * Math.exp(-0.5));
        assertEquals(0.5 * x3, s.release(0, 50), 1e-15);
        // Spike 4, h = 100: x = 1 + (0.5 x3 - 1) e^-1.
        assertEquals(0.5 * (1 + (0.5 * x3 - 1) * Math.exp(-1)), s.release(0, 150), 1e-15);
    }

    @Test
    void facilitatingSynapseFollowsTheRecursionWrittenOut() {
        // U 0.1, tau_rec 100 ms, tau_fac 1000 ms; spikes at 10, 60 and 60.5 ms.
        TsodyksMarkram.State s = oneSource(new TsodyksMarkram(0.1, 100, 1000));
        double u1 = 0.1;
        double x1 = 1;
        assertEquals(u1 * x1, s.release(0, 10), 1e-15);
        double u2 = 0.1 + u1 * 0.9 * Math.exp(-50.0 / 1000);
        double x2 = 1 + (x1 - u1 * x1 - 1) * Math.exp(-50.0 / 100);
        // 0.1 + 0.09 e^-0.05 = 0.18561064..., 1 - 0.1 e^-0.5 = 0.93934693...
        assertEquals(0.18561064, u2, 1e-8);
        assertEquals(0.93934693, x2, 1e-8);
        assertEquals(u2 * x2, s.release(0, 60), 1e-15);
        double u3 = 0.1 + u2 * 0.9 * Math.exp(-0.5 / 1000);
        double x3 = 1 + (x2 - u2 * x2 - 1) * Math.exp(-0.5 / 100);
        assertEquals(u3 * x3, s.release(0, 60.5), 1e-15);
    }

    @Test
    void withoutFacilitationEverySpikeUsesU() {
        // x alone changes: the factor divided by U is x_n, which recovers by the recursion in x.
        TsodyksMarkram.State s = oneSource(new TsodyksMarkram(0.3, 200, 0));
        double x = 1;
        double t = 0;
        for (int n = 0; n < 20; n++) {
            t += 7 + 3 * n;
            assertEquals(0.3 * x, s.release(0, t), 1e-14, "spike " + n);
            double next = 7 + 3 * (n + 1);
            x = 1 + (x - 0.3 * x - 1) * Math.exp(-next / 200);
        }
    }

    @Test
    void regularTrainReachesTheAnalyticSteadyState() {
        double[][] cases = {{0.5, 800, 0, 50}, {0.1, 100, 1000, 50}, {0.03, 130, 530, 20}, {0.8, 20, 5, 3}};
        for (double[] c : cases) {
            double big = c[0];
            double tauRec = c[1];
            double tauFac = c[2];
            double interval = c[3];
            TsodyksMarkram.State s = oneSource(new TsodyksMarkram(big, tauRec, tauFac));
            double factor = 0;
            // Far longer than the slowest time constant: the transient decays by e^-100 or more.
            int spikes = (int) (100 * Math.max(tauRec, tauFac) / interval) + 10;
            for (int n = 0; n < spikes; n++) {
                factor = s.release(0, n * interval);
            }
            double decayFac = tauFac == 0 ? 0 : Math.exp(-interval / tauFac);
            double uStar = big / (1 - (1 - big) * decayFac);
            double decayRec = Math.exp(-interval / tauRec);
            double xStar = (1 - decayRec) / (1 - (1 - uStar) * decayRec);
            // The recursion's fixed point, reached to rounding: 1e-12 over thousands of steps of ~1e-16.
            assertEquals(uStar * xStar, factor, 1e-12, "U " + big + ", tau_rec " + tauRec + ", tau_fac " + tauFac);
        }
    }

    @Test
    void sourcesKeepStatesOfTheirOwn() {
        TsodyksMarkram.State s = new TsodyksMarkram.State(new TsodyksMarkram(0.5, 100, 0), 2);
        s.release(0, 0);
        s.release(0, 1);
        // Source 1 has not spiked: it is at rest.
        assertEquals(0.5, s.release(1, 1), 0.0);
        assertEquals(3L * Double.BYTES * 2, s.bytes());
    }

    /** A source outside the projection's two is refused by the state's readers, naming the reader and range. */
    @Test
    void aSourceOutsideTheProjectionHasNoState() {
        TsodyksMarkram.State s = new TsodyksMarkram.State(new TsodyksMarkram(0.5, 100, 0), 2);
        for (int source : new int[] {-1, 2}) {
            String range = ": source: expected an index in [0, 2), found " + source;
            assertEquals("TsodyksMarkram.State.utilisation" + range,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> s.utilisation(source)).getMessage());
            assertEquals("TsodyksMarkram.State.resourcesLeft" + range,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> s.resourcesLeft(source)).getMessage());
            assertEquals("TsodyksMarkram.State.lastSpikeMs" + range,
                    assertThrowsExactly(IndexOutOfBoundsException.class, () -> s.lastSpikeMs(source)).getMessage());
        }
        assertEquals(1.0, s.resourcesLeft(1), "the last source, at rest");
    }

    @Test
    void readsBackTheStateAfterEachSpikeAndResetsToRest() {
        // U 0.5, tau_rec 100 ms, tau_fac 50 ms; spikes at 10 and 60 ms, by hand.
        TsodyksMarkram.State s = oneSource(new TsodyksMarkram(0.5, 100, 50));
        assertEquals(0.0, s.utilisation(0));
        assertEquals(1.0, s.resourcesLeft(0));
        assertEquals(Double.NEGATIVE_INFINITY, s.lastSpikeMs(0));
        s.release(0, 10);
        assertEquals(0.5, s.utilisation(0), 1e-15);
        assertEquals(0.5, s.resourcesLeft(0), 1e-15);
        double first = s.release(0, 60);
        double u2 = 0.5 + 0.5 * 0.5 * Math.exp(-1);
        double x2 = 1 - 0.5 * Math.exp(-0.5);
        assertEquals(u2, s.utilisation(0), 1e-15);
        assertEquals(x2 - u2 * x2, s.resourcesLeft(0), 1e-15);
        assertEquals(60.0, s.lastSpikeMs(0));
        assertEquals(u2 * x2, first, 1e-15);
        // After a reset the next spike, at any time, is a first spike again.
        s.reset();
        assertEquals(0.0, s.utilisation(0));
        assertEquals(1.0, s.resourcesLeft(0));
        assertEquals(Double.NEGATIVE_INFINITY, s.lastSpikeMs(0));
        assertEquals(0.5, s.release(0, 60.5), 0.0);
    }

    @Test
    void synapsesWithoutShortTermPlasticityKeepTheirSixArgumentConstructor() {
        Synapses s = new Synapses(Receptor.INHIBITORY, -2, null, 1.5, null, true);
        assertEquals(new Synapses(Receptor.INHIBITORY, -2, null, 1.5, null, true, null), s);
        assertEquals(Synapses.inhibitory(-2).delayMs(1.5).asPlastic(), s);
    }

    @Test
    void refusesEachBadParameterByNameAndValue() {
        ParameterException u = assertThrows(ParameterException.class, () -> new TsodyksMarkram(0, 800, 0));
        assertEquals("u", u.location());
        assertTrue(u.getMessage().contains("(0, 1]") && u.getMessage().contains("0.0"), u.getMessage());
        assertThrows(ParameterException.class, () -> new TsodyksMarkram(1.5, 800, 0));
        assertThrows(ParameterException.class, () -> new TsodyksMarkram(Double.NaN, 800, 0));
        ParameterException rec = assertThrows(ParameterException.class, () -> new TsodyksMarkram(0.5, 0, 0));
        assertEquals("tau_rec", rec.location());
        assertTrue(rec.getMessage().contains("> 0 (ms)") && rec.getMessage().contains("found 0.0"), rec.getMessage());
        ParameterException fac = assertThrows(ParameterException.class, () -> new TsodyksMarkram(0.5, 800, -1));
        assertEquals("tau_fac", fac.location());
        assertTrue(fac.getMessage().contains(">= 0 (ms)") && fac.getMessage().contains("-1.0"), fac.getMessage());
        assertThrows(ParameterException.class, () -> new TsodyksMarkram(0.5, Double.POSITIVE_INFINITY, 0));
        // Every problem at once, each named.
        ParameterException all = assertThrows(ParameterException.class, () -> new TsodyksMarkram(2, -1, Double.NaN));
        assertEquals(3, all.problems().size(), all.getMessage());
        assertTrue(all.getMessage().contains("tsodyks_markram"), all.getMessage());
        // One edge of each rule is allowed: U = 1, tau_fac = 0.
        assertEquals(1.0, new TsodyksMarkram(1, 1e-3, 0).u());
    }

    @Test
    void synapsesRefuseANullModelAndDescribeTheirs() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Synapses.excitatory(1).shortTermPlasticity(null));
        assertEquals("shortTermPlasticity", e.location());
        Synapses s = Synapses.excitatory(1).delayMs(2).shortTermPlasticity(TsodyksMarkram.defaults()).asPlastic();
        assertEquals(TsodyksMarkram.defaults(), s.shortTerm());
        assertTrue(s.describe().contains("tsodyks_markram (U 0.5, tau_rec 800.0 ms, tau_fac 0.0 ms)"), s.describe());
    }

    @Test
    void projectionHoldsOneStatePerSourceNotPerSynapse() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 30, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> c = b.population("c", 200, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("static", a, c, Rules.allToAll(), Synapses.excitatory(1));
        b.connect("stp", a, c, Rules.allToAll(), Synapses.excitatory(1).shortTermPlasticity(TsodyksMarkram.defaults()));
        Network net = b.build();
        Projection plain = net.projection("static");
        Projection stp = net.projection("stp");
        assertEquals(null, plain.shortTermState());
        // 24 bytes per source neuron, whatever the synapses: 30 sources, 6,000 synapses.
        assertEquals(plain.bytes() + 24 * 30, stp.bytes());
    }
}
