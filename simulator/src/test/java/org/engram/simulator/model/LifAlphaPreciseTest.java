package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

/** {@code lif_alpha}'s exact kernel, for precise mode, against closed forms solved by hand and grid mode. */
class LifAlphaPreciseTest {
    private static final double DT = 0.1;
    private static final TimeGrid GRID = new TimeGrid(DT);
    private static final double TAU_M = 10;
    private static final double C_M = 250;
    private static final double R = TAU_M / C_M;
    private static final double THETA = 15;

    private static LifAlpha.Params params(double vTh, double iE, double tauSynEx, double tauSynIn) {
        return new LifAlpha.Params(TAU_M, C_M, -70, vTh, -70, 2, iE, tauSynEx, tauSynIn);
    }

    /** The drive {@code y} that a weight adds: {@code w e / tau_s}. */
    private static double drive(double w, double tauS) {
        return w * Math.E / tauS;
    }

    /**
     * {@code u(t) = V - E_L} of a free, non-refractory neuron from {@code u0}, a bias and both
     * receptors' currents {@code a} and drives {@code b}: the superposition of the closed forms.
     */
    private static double freeResponse(double u0, double iE, double tauEx, double aEx, double bEx, double tauIn,
                                       double aIn, double bIn, double t) {
        double decay = Math.exp(-t / TAU_M);
        double excitation = AlphaResponse.fromCurrent(TAU_M, C_M, tauEx, aEx, t)
                + AlphaResponse.fromDrive(TAU_M, C_M, tauEx, bEx, t);
        double inhibition = AlphaResponse.fromCurrent(TAU_M, C_M, tauIn, aIn, t)
                + AlphaResponse.fromDrive(TAU_M, C_M, tauIn, bIn, t);
        return u0 * decay + R * iE * (1 - decay) + excitation + inhibition;
    }

    /** One neuron {@code u0} above rest, with each receptor's current {@code a} and drive {@code b}. */
    private static LifAlpha.State state(LifAlpha.Params p, double u0, double aEx, double bEx, double aIn, double bIn) {
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        state.v[0] = p.eL() + u0;
        state.iSynEx[0] = aEx;
        state.dISynEx[0] = bEx;
        state.iSynIn[0] = aIn;
        state.dISynIn[0] = bIn;
        return state;
    }

    /**
     * Both receptors (2 and 5 ms) from one weight each, then a spike and its refractory period,
     * during which the currents go on and take input, then free again from the reset. The closed
     * forms use Math.exp and lose a few ulps of their largest term (tens of mV): 1e-11 mV.
     */
    @Test
    void propagationFollowsTheClosedFormThroughARefractoryPeriod() {
        LifAlpha.Params p = params(100, 0, 2, 5);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(p, GRID);
        kernel.receive(state, 0, Receptor.EXCITATORY, 1000, 0);
        kernel.receive(state, 0, Receptor.INHIBITORY, -500, 0);
        double bEx = drive(1000, 2);
        double bIn = drive(-500, 5);
        double now = 0;
        for (double t : new double[] {0.37, 1.0, 2.0, 4.2, 13.0, 40.0}) {
            kernel.propagate(state, 0, now, t);
            now = t;
            assertEquals(freeResponse(0, 0, 2, 0, bEx, 5, 0, bIn, t), state.v[0] + 70, 1e-11, "V at " + t);
            assertEquals(AlphaResponse.current(0, bEx, 2, t), state.iSynEx[0], 1e-12, "excitatory current at " + t);
            assertEquals(AlphaResponse.current(0, bIn, 5, t), state.iSynIn[0], 1e-12, "inhibitory current at " + t);
            assertEquals(bIn * Math.exp(-t / 5), state.dISynIn[0], 1e-12, "inhibitory drive at " + t);
        }
        assertEquals(1000, AlphaResponse.current(0, bEx, 2, 2.0), 1e-9, "the weight is the current's peak");

        kernel.fire(state, 0, 40);
        kernel.propagate(state, 0, 40, 41);
        kernel.receive(state, 0, Receptor.EXCITATORY, 500, 41);
        kernel.propagate(state, 0, 41, 41.9);
        assertEquals(-70, state.v[0], 0, "held at the reset");
        kernel.propagate(state, 0, 41.9, 45);
        // At 42 ms, where the period ends, each receptor's current and drive are the sums of its weights'.
        double late = drive(500, 2);
        double aEx42 = AlphaResponse.current(0, bEx, 2, 42) + AlphaResponse.current(0, late, 2, 1);
        double bEx42 = bEx * Math.exp(-42.0 / 2) + late * Math.exp(-1.0 / 2);
        double aIn42 = AlphaResponse.current(0, bIn, 5, 42);
        double bIn42 = bIn * Math.exp(-42.0 / 5);
        assertEquals(freeResponse(0, 0, 2, aEx42, bEx42, 5, aIn42, bIn42, 3), state.v[0] + 70, 1e-11,
                "3 ms after the period ended");
        assertEquals(AlphaResponse.current(aEx42, bEx42, 2, 3), state.iSynEx[0], 1e-12);
    }

    /**
     * A precise neuron is held at {@code V_reset} through the whole refractory period, its end included, and
     * relaxes from there toward rest by {@code E_L + (V_reset - E_L) exp(-t/tau_m)} (no synaptic current).
     * With {@code E_L = -70} and {@code V_reset = -0.3 mV}, relaxing over no time at all rounds to {@code -70 +
     * 69.7 = -0.29999999999999716}: only a neuron truly held reads {@code -0.3} at the end of its refractoriness
     * (1 ms + 2 ms = 3 ms, exact in binary).
     */
    @Test
    void aNeuronIsHeldAtTheResetUntilItsRefractorinessEnds() {
        LifAlpha.Params p = new LifAlpha.Params(TAU_M, C_M, -70, THETA, -0.3, 2, 0, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(p, GRID);
        kernel.fire(state, 0, 1.0);
        kernel.propagate(state, 0, 1.0, 3.0);
        assertEquals(-0.3, state.v[0]);
        kernel.propagate(state, 0, 3.0, 8.0);
        // Closed form with Math.exp: a few ulps of 70 mV.
        assertEquals(-70 + 69.7 * Math.exp(-5.0 / TAU_M), state.v[0], 1e-12);
    }

    /** With {@code tau_syn == tau_m} the response is the closed forms' limit. */
    @Test
    void equalTimeConstantsGiveTheLimit() {
        LifAlpha.Params p = params(100, 0, TAU_M, TAU_M);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(p, GRID);
        kernel.receive(state, 0, Receptor.EXCITATORY, 1000, 0);
        kernel.propagate(state, 0, 0, 3);
        kernel.receive(state, 0, Receptor.INHIBITORY, -400, 3);
        kernel.propagate(state, 0, 3, 17.5);
        double bEx = drive(1000, TAU_M);
        double expected = freeResponse(0, 0, TAU_M, 0, bEx, TAU_M, 0, 0, 17.5)
                + AlphaResponse.fromDrive(TAU_M, C_M, TAU_M, drive(-400, TAU_M), 14.5);
        assertEquals(expected, state.v[0] + 70, 1e-11);
    }

    @Test
    void constantCurrentGivesTheLifIntervalExactly() {
        LifAlpha.Params p = params(-55, 500, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        double[] spikes = KernelHarness.runExact(LifAlpha.MODEL.prepareExact(p, GRID), state, 0, 0, 1000, List.of());
        assertTrue(spikes.length > 50);
        assertEquals(TAU_M * Math.log(20.0 / 5.0), spikes[0], 1e-9);
        for (int k = 1; k < spikes.length; k++) {
            assertEquals(2 + TAU_M * Math.log(20.0 / 5.0), spikes[k] - spikes[k - 1], 1e-9, "interval " + k);
        }
    }

    /** An injected current of 500 pA gives the spikes of a bias of 500 pA, bit for bit. */
    @Test
    void anInjectedCurrentActsAsTheBias() {
        LifAlpha.Params biased = params(-55, 500, 2, 2);
        LifAlpha.Params plain = params(-55, 0, 2, 2);
        LifAlpha.State withBias = LifAlpha.MODEL.newState(1, biased);
        LifAlpha.State injected = LifAlpha.MODEL.newState(1, plain);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(plain, GRID);
        kernel.injectedCurrentPa(injected)[0] = 500;
        List<KernelHarness.Event> events = List.of(new KernelHarness.Event(20.3, Receptor.EXCITATORY, 800));
        double[] expected = KernelHarness.runExact(LifAlpha.MODEL.prepareExact(biased, GRID), withBias, 0, 0, 200,
                events);
        assertTrue(expected.length > 5);
        assertArrayEquals(expected, KernelHarness.runExact(kernel, injected, 0, 0, 200, events));
    }

    /**
     * Grid mode and precise mode integrate the same equations exactly, so with inputs on the grid
     * (a weight arriving at the end of step k is an event at {@code (k + 1) dt}) the potentials agree
     * at every grid time up to rounding: 200 ms of random excitation and inhibition below threshold.
     */
    @Test
    void gridAndPreciseModesAgreeAtGridTimes() {
        LifAlpha.Params p = params(100, 150, 1.5, 6);
        int steps = 2000;
        SplittableRandom random = new SplittableRandom(7);
        KernelHarness harness = new KernelHarness(1, steps, DT);
        List<KernelHarness.Event> events = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            if (random.nextDouble() < 0.05) {
                double w = random.nextDouble(0, 400);
                harness.excitatory(step, 0, w);
                events.add(new KernelHarness.Event((step + 1) * DT, Receptor.EXCITATORY, w));
            }
            if (random.nextDouble() < 0.03) {
                double w = -random.nextDouble(0, 200);
                harness.inhibitory(step, 0, w);
                events.add(new KernelHarness.Event((step + 1) * DT, Receptor.INHIBITORY, w));
            }
        }
        LifAlpha.State precise = LifAlpha.MODEL.newState(1, p);
        ExactKernel<LifAlpha.State> exact = LifAlpha.MODEL.prepareExact(p, GRID);
        double[] preciseV = new double[steps / 10];
        for (int k = 0; k < preciseV.length; k++) {
            double from = k * 10 * DT;
            double to = (k + 1) * 10 * DT;
            List<KernelHarness.Event> within = events.stream()
                    .filter(e -> e.timeMs() > from && e.timeMs() <= to).toList();
            assertEquals(0, KernelHarness.runExact(exact, precise, 0, from, to, within).length);
            preciseV[k] = precise.v[0];
        }
        LifAlpha.State grid = LifAlpha.MODEL.newState(1, p);
        double[] spread = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        harness.runStepwise(LifAlpha.MODEL.prepare(p, GRID), grid, 0, steps, step -> {
            if ((step + 1) % 10 == 0) {
                double v = preciseV[(step + 1) / 10 - 1];
                assertEquals(v, grid.v[0], 1e-10, "V at " + (step + 1) * DT + " ms");
                spread[0] = Math.min(spread[0], v + 70);
                spread[1] = Math.max(spread[1], v + 70);
            }
        });
        assertTrue(spread[0] < -2 && spread[1] > 5, "the inputs should move V widely: " + spread[0] + ", " + spread[1]);
    }

    /**
     * The first crossing of random states, whose currents turn up to three times within the search,
     * against a scan of the closed form every 0.001 ms refined by bisection ({@link LifAnalytic#firstCrossing},
     * to 1e-12 ms). A crossing the kernel missed, or one it found where there is none, differs by at
     * least the scan's step. Some cases cross only after the current has turned twice.
     */
    @Test
    void crossingsAgreeWithADenseScanOfTheClosedForm() {
        SplittableRandom random = new SplittableRandom(42);
        double[][] timeConstants = {{1, 6}, {8, 1.5}, {3, 3}, {0.5, 20}, {TAU_M, 2}};
        int crossings = 0;
        int lateCrossings = 0;
        for (int c = 0; c < 1500; c++) {
            double tauEx = timeConstants[c % timeConstants.length][0];
            double tauIn = timeConstants[c % timeConstants.length][1];
            double u0 = random.nextDouble(-5, 14);
            double aEx = random.nextDouble(-1000, 3000);
            double bEx = random.nextDouble(-2000, 4000);
            double aIn = random.nextDouble(-3000, 1000);
            double bIn = random.nextDouble(-4000, 2000);
            double iE = random.nextDouble(0, 400);
            LifAlpha.Params p = params(-70 + THETA, iE, tauEx, tauIn);
            LifAlpha.State state = state(p, u0, aEx, bEx, aIn, bIn);
            double found = LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, 0, 20);
            DoubleUnaryOperator u = t -> freeResponse(u0, iE, tauEx, aEx, bEx, tauIn, aIn, bIn, t);
            double reference = LifAnalytic.firstCrossing(u, THETA, 20);
            if (Double.isNaN(reference)) {
                assertTrue(Double.isNaN(found), "case " + c + ": found " + found + " but the scan saw no crossing");
                continue;
            }
            crossings++;
            assertEquals(reference, found, 1e-9, "case " + c);
            DoubleUnaryOperator current = t -> AlphaResponse.current(aEx, bEx, tauEx, t)
                    + AlphaResponse.current(aIn, bIn, tauIn, t);
            if (turnsBefore(current, reference) >= 2) {
                lateCrossings++;
            }
        }
        assertTrue(crossings > 300 && crossings < 1200, "the cases should mix both outcomes: " + crossings);
        assertTrue(lateCrossings > 0, "some crossing should follow two turns of the current");
    }

    /**
     * A current that turns three times within the search, at 0.76, 2.33 and 7.77 ms (a fast
     * excitatory current and drive of 570 pA and 532 pA/ms against a slow inhibitory current of -384 pA
     * whose drive of 195 pA/ms turns it positive), carries the potential above threshold only after
     * its third turn, at 10.9 ms, and back below it before the search ends at 20 ms: found only when
     * the search splits the interval at the turns (the first before the bend of {@code g} at 2.329 ms,
     * the second 0.001 ms after it, the third later). Reference: {@link LifAnalytic#firstCrossing} on the closed form.
     */
    @Test
    void aCrossingAfterTheCurrentsThirdTurnIsFound() {
        LifAlpha.Params p = params(-70 + THETA, 118, 1, 6);
        LifAlpha.State state = state(p, 13.06, 570, 532, -384, 195);
        DoubleUnaryOperator u = t -> freeResponse(13.06, 118, 1, 570, 532, 6, -384, 195, t);
        DoubleUnaryOperator current = t -> AlphaResponse.current(570, 532, 1, t)
                + AlphaResponse.current(-384, 195, 6, t);
        double reference = LifAnalytic.firstCrossing(u, THETA, 20);
        assertEquals(3, turnsBefore(current, reference), "the shape the case is for");
        assertTrue(u.applyAsDouble(20) < THETA, "below threshold again at the end");
        assertEquals(reference, LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, 0, 20), 1e-9);
    }

    /**
     * A slow excitatory current (1616 pA, drive -350 pA/ms, 6 ms) against a fast inhibitory one (-1647 pA,
     * drive -1895 pA/ms, 1 ms) turns at 0.66, 3.01 and 10.57 ms. On a bias of 287 pA, from 1.33 mV below
     * rest, the potential peaks at 2.374 mV at 6.25 ms, between the current's second and third turns, falls
     * to a minimum at 15.5 ms and rises until the search ends at 20 ms: a threshold 2.35 mV above rest is
     * crossed at 5.84 ms. Found only where each stretch between two turns is searched alone: from the
     * second turn to the search's end the potential rises at both ends, and that stretch shows no maximum
     * inside. Reference: {@link LifAnalytic#firstCrossing} on the closed form; the slope at the crossing is
     * about 0.1 mV/ms, so a bracket of 1e-13 ms and the potential's rounding (1e-14 mV) stay far below 1e-9 ms.
     */
    @Test
    void aPeakBetweenTheCurrentsSecondAndThirdTurnsIsFound() {
        double theta = 2.35;
        LifAlpha.Params p = params(-70 + theta, 287, 6, 1);
        LifAlpha.State state = state(p, -1.33, 1616, -350, -1647, -1895);
        DoubleUnaryOperator u = t -> freeResponse(-1.33, 287, 6, 1616, -350, 1, -1647, -1895, t);
        DoubleUnaryOperator current = t -> AlphaResponse.current(1616, -350, 6, t)
                + AlphaResponse.current(-1647, -1895, 1, t);
        double reference = LifAnalytic.firstCrossing(u, theta, 20);
        assertEquals(2, turnsBefore(current, reference), "the shape the case is for: two turns before the crossing");
        assertEquals(3, turnsBefore(current, 20), "and one after it");
        assertTrue(u.applyAsDouble(15.5) < u.applyAsDouble(20) && u.applyAsDouble(20) < theta,
                "rising below threshold at the end");
        assertEquals(reference, LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, 0, 20), 1e-9);
    }

    /**
     * A potential at the threshold is a crossing at the start of the search, also in an interval of one
     * instant (two events at one time), as {@link ExactKernel} promises. Written above the threshold while
     * the neuron is refractory (fired at 1 ms, {@code t_ref = 2 ms}), it crosses at 3 ms, the end of the
     * refractoriness, and a search that ends before then finds none.
     */
    @Test
    void aPotentialAtThresholdCrossesAtOnceOrWhenItsRefractorinessEnds() {
        LifAlpha.Params p = params(-70 + THETA, 0, 2, 2);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(p, GRID);
        LifAlpha.State state = state(p, THETA, 0, 0, 0, 0);
        assertEquals(3.0, kernel.nextCrossingMs(state, 0, 3.0, 10.0));
        assertEquals(3.0, kernel.nextCrossingMs(state, 0, 3.0, 3.0), "in an interval of one instant");
        kernel.fire(state, 0, 1.0);
        state.v[0] = -70 + THETA + 1;
        double during = kernel.nextCrossingMs(state, 0, 1.0, 2.5);
        assertTrue(Double.isNaN(during), "a search within the refractory period found " + during);
        assertEquals(3.0, kernel.nextCrossingMs(state, 0, 1.0, 10.0));
    }

    /**
     * A slow excitatory current (2577 pA, drive -237 pA/ms, 6 ms) against a fast inhibitory one
     * (-2807 pA, drive -1364 pA/ms, 1 ms) rises from -230 pA to about 790 pA at 2.6 ms and falls below
     * 0, turning again at 16.9 ms: both turns lie past the bend of {@code g}, which is the same sign
     * at 0 and 20 ms, so they are found only by the root search of {@code g'} beyond the bend. The
     * potential crosses at 2.86 ms and is below threshold again at 20 ms, after a second turning point of
     * its own; searched as one stretch, the interval showed no crossing.
     */
    @Test
    void turnsOfTheCurrentBeyondTheBendSplitTheSearch() {
        LifAlpha.Params p = params(-70 + THETA, 336, 6, 1);
        LifAlpha.State state = state(p, 8.5, 2577, -237, -2807, -1364);
        DoubleUnaryOperator u = t -> freeResponse(8.5, 336, 6, 2577, -237, 1, -2807, -1364, t);
        DoubleUnaryOperator current = t -> AlphaResponse.current(2577, -237, 6, t)
                + AlphaResponse.current(-2807, -1364, 1, t);
        double reference = LifAnalytic.firstCrossing(u, THETA, 20);
        assertEquals(2, turnsBefore(current, 20), "the shape the case is for");
        assertTrue(u.applyAsDouble(20) < THETA, "below threshold again at the end");
        assertEquals(reference, LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, 0, 20), 1e-9);
    }

    /**
     * An excitatory drive of 1500 pA/ms (2 ms) carries the potential past threshold and back below it,
     * toward {@code R i_e = 12 mV}: searches over 20 ms, 5,000 ms and 10^6 ms find the same crossing.
     * Far into a long interval the slope, computed as {@code (R I - u) / tau_m} from terms of about
     * {@code R i_e}, had rounded to 0 or below, and the search saw no maximum inside.
     */
    @Test
    void aLongSearchFindsTheCrossingAShortOneFinds() {
        LifAlpha.Params p = params(-70 + THETA, 300, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        state.dISynEx[0] = 1500;
        DoubleUnaryOperator u = t -> freeResponse(0, 300, 2, 0, 1500, 2, 0, 0, t);
        double reference = LifAnalytic.firstCrossing(u, THETA, 20);
        assertTrue(reference > 0 && u.applyAsDouble(100) < THETA, "the shape the case is for: " + reference);
        ExactKernel<LifAlpha.State> kernel = LifAlpha.MODEL.prepareExact(p, GRID);
        for (double until : new double[] {20, 5000, 1e6}) {
            assertEquals(reference, kernel.nextCrossingMs(state, 0, 0, until), 1e-9, "searched until " + until);
        }
    }

    /**
     * Thresholds just below the highest potential of random states (1e-2, 1e-4 and 1e-6 mV below the
     * largest value of a 0.001 ms scan of the closed form, over 5 to 30 ms, for both orders of the
     * receptors' time constants): each crossing is a brief, nearly tangent excursion, found only where
     * the search splits the interval at the current's true turns. The kernel's crossing equals the
     * scan's first one; near a tangency the crossing moves by the potential's rounding over its slope,
     * well under 1e-6 ms for slopes above 1e-7 mV/ms.
     */
    @Test
    void nearlyTangentCrossingsAreFound() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] timeConstants = {{1, 6}, {6, 1}, {0.5, 20}, {20, 0.5}, {3, 3}};
        double[] gaps = {1e-2, 1e-4, 1e-6};
        int cases = 0;
        for (int c = 0; c < 300; c++) {
            double tauEx = timeConstants[c % timeConstants.length][0];
            double tauIn = timeConstants[c % timeConstants.length][1];
            double u0 = random.nextDouble(-5, 5);
            double aEx = random.nextDouble(-1000, 3000);
            double bEx = random.nextDouble(-2000, 4000);
            double aIn = random.nextDouble(-3000, 1000);
            double bIn = random.nextDouble(-4000, 2000);
            double iE = random.nextDouble(0, 300);
            double until = random.nextDouble(5, 30);
            DoubleUnaryOperator u = t -> freeResponse(u0, iE, tauEx, aEx, bEx, tauIn, aIn, bIn, t);
            double highest = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= Math.round(until * 1000) - 1; k++) {
                highest = Math.max(highest, u.applyAsDouble(k * 1e-3));
            }
            double theta = highest - gaps[c % gaps.length];
            if (!(u0 < theta)) {
                continue;
            }
            cases++;
            // The reset, below every threshold, plays no part in the search.
            LifAlpha.Params p = new LifAlpha.Params(TAU_M, C_M, -70, -70 + theta, -100, 2, iE, tauEx, tauIn);
            LifAlpha.State state = state(p, u0, aEx, bEx, aIn, bIn);
            double found = LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, 0, until);
            assertEquals(LifAnalytic.firstCrossing(u, theta, until), found, 1e-6, "case " + c);
        }
        assertTrue(cases > 200, cases + " cases");
    }

    /**
     * A search that starts while the neuron is refractory: from its reset at the period's end, with each
     * receptor's current and drive carried to that time by the closed forms, against a scan of the free
     * response from there. Random states at 7.5 ms, the period ending 0.5 to 12 ms into a search of 20 ms: a
     * crossing the kernel found from the currents as they stood at the search's start differs from the
     * scan's, and a search that ends halfway from the period's end to the crossing finds none.
     */
    @Test
    void aSearchFromWithinARefractoryPeriodStartsFromTheCurrentsAtItsEnd() {
        double now = 7.5;   // the neuron's time: the search starts there, not at 0
        SplittableRandom random = new SplittableRandom(5);
        double[][] timeConstants = {{1, 6}, {6, 1}, {2, 2}, {0.5, 20}};
        int crossings = 0;
        for (int c = 0; c < 400; c++) {
            double tauEx = timeConstants[c % timeConstants.length][0];
            double tauIn = timeConstants[c % timeConstants.length][1];
            double aEx = random.nextDouble(-500, 3000);
            double bEx = random.nextDouble(-1000, 4000);
            double aIn = random.nextDouble(-3000, 500);
            double bIn = random.nextDouble(-4000, 1000);
            double iE = random.nextDouble(0, 400);
            double refractoryEnd = random.nextDouble(0.5, 12);
            LifAlpha.Params p = params(-70 + THETA, iE, tauEx, tauIn);
            LifAlpha.State state = state(p, 0, aEx, bEx, aIn, bIn);
            state.refractoryUntilMs[0] = now + refractoryEnd;
            double found = LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, now, now + 20);
            double r = refractoryEnd;
            double aExEnd = AlphaResponse.current(aEx, bEx, tauEx, r);
            double bExEnd = bEx * Math.exp(-r / tauEx);
            double aInEnd = AlphaResponse.current(aIn, bIn, tauIn, r);
            double bInEnd = bIn * Math.exp(-r / tauIn);
            DoubleUnaryOperator u = t -> freeResponse(0, iE, tauEx, aExEnd, bExEnd, tauIn, aInEnd, bInEnd, t);
            double reference = LifAnalytic.firstCrossing(u, THETA, 20 - r);
            if (Double.isNaN(reference)) {
                assertTrue(Double.isNaN(found), "case " + c + ": found " + found + " but the scan saw no crossing");
            } else {
                crossings++;
                assertEquals(now + r + reference, found, 1e-9, "case " + c);
                double beforeIt = now + r + 0.5 * reference;
                assertTrue(Double.isNaN(LifAlpha.MODEL.prepareExact(p, GRID).nextCrossingMs(state, 0, now, beforeIt)),
                        "case " + c + ": a search that ends before the crossing finds none");
            }
        }
        assertTrue(crossings > 80 && crossings < 320, "the cases should mix both outcomes: " + crossings);
    }

    /**
     * {@link AlphaCurrent#largestValue}, the bound a search is skipped by, against the largest of 20,001
     * values of the current over the interval: never below it (a bound too low would skip a crossing),
     * and above it by no more than the current moves in one of the scan's steps.
     */
    @Test
    void theLargestCurrentOverAnIntervalIsThatOfADenseScan() {
        SplittableRandom random = new SplittableRandom(3);
        int peaksInside = 0;
        for (int c = 0; c < 2000; c++) {
            double a = random.nextDouble(-3000, 3000);
            double b = random.nextDouble(-4000, 4000);
            double tau = random.nextDouble(0.3, 20);
            double end = random.nextDouble(0.01, 40);
            double scanned = Double.NEGATIVE_INFINITY;
            double largestStep = 0;
            double previous = a;
            for (int k = 0; k <= 20000; k++) {
                double value = AlphaResponse.current(a, b, tau, end * k / 20000);
                scanned = Math.max(scanned, value);
                largestStep = Math.max(largestStep, Math.abs(value - previous));
                previous = value;
            }
            double bound = AlphaCurrent.largestValue(a, b, 1 / tau, end);
            double ulps = 1e-12 * (Math.abs(a) + Math.abs(b) * tau);
            assertTrue(bound >= scanned - ulps, "case " + c + ": " + bound + " below the scan's " + scanned);
            assertTrue(bound <= scanned + largestStep + ulps, "case " + c + ": " + bound + " above " + scanned);
            double peak = tau - a / b;
            peaksInside += b > 0 && peak > 0 && peak < end ? 1 : 0;
        }
        assertTrue(peaksInside > 200, "some currents should peak inside: " + peaksInside);
    }

    /**
     * The bend that splits the search for the current's turns, against {@code g''} by central differences
     * of {@code g(s) = I'(s) exp(r_slow s)}, with each receptor's {@code I'(s) = (b - r (a + b s)) exp(-r s)}:
     * over random states, {@code g''} has one sign 0.02 ms (or 2%) before the bend and the other as far
     * after it. A bend placed elsewhere leaves a turn of the current unsearched on one side of it.
     */
    @Test
    void theBendIsWhereTheCurrentsCurvatureChangesSign() {
        SplittableRandom random = new SplittableRandom(13);
        double[][] timeConstants = {{1, 6}, {6, 1}, {0.5, 20}, {20, 0.5}, {2, 3}};
        int checked = 0;
        for (int c = 0; c < 500; c++) {
            double tauEx = timeConstants[c % timeConstants.length][0];
            double tauIn = timeConstants[c % timeConstants.length][1];
            double aEx = random.nextDouble(-1000, 3000);
            double bEx = random.nextDouble(-2000, 4000);
            double aIn = random.nextDouble(-3000, 1000);
            double bIn = random.nextDouble(-4000, 2000);
            LifAlpha.PreciseKernel kernel = (LifAlpha.PreciseKernel) LifAlpha.MODEL.prepareExact(
                    params(-70 + THETA, 0, tauEx, tauIn), GRID);
            double bend = kernel.bend(aEx, bEx, aIn, bIn);
            double slowRate = Math.min(1 / tauEx, 1 / tauIn);
            DoubleUnaryOperator g = t -> (currentSlope(aEx, bEx, tauEx, t) + currentSlope(aIn, bIn, tauIn, t))
                    * Math.exp(slowRate * t);
            double h = 1e-3;
            DoubleUnaryOperator curvature = t -> (g.applyAsDouble(t + h) - 2 * g.applyAsDouble(t)
                    + g.applyAsDouble(t - h)) / (h * h);
            double margin = Math.max(0.02, 0.02 * bend);
            if (!(bend - margin > h && bend + margin < 40)) {
                continue;
            }
            double before = curvature.applyAsDouble(bend - margin);
            double after = curvature.applyAsDouble(bend + margin);
            double noise = 1e-6 * Math.abs(g.applyAsDouble(bend));
            if (Math.abs(before) > noise && Math.abs(after) > noise) {
                checked++;
                assertTrue((before < 0) != (after < 0), "case " + c + ": g'' " + before + " before the bend at "
                        + bend + " and " + after + " after it");
            }
        }
        assertTrue(checked > 150, checked + " cases checked");
    }

    /** {@return {@code I'(t)} of a current {@code (a + b t) exp(-t / tau_s)}} */
    private static double currentSlope(double a, double b, double tauS, double t) {
        return (b - (a + b * t) / tauS) * Math.exp(-t / tauS);
    }

    /** How many times a function turns (its steps of 0.001 ms change direction) before {@code untilMs}. */
    private static int turnsBefore(DoubleUnaryOperator f, double untilMs) {
        int turns = 0;
        double previousStep = 0;
        for (int k = 1; k * 1e-3 < untilMs; k++) {
            double step = f.applyAsDouble(k * 1e-3) - f.applyAsDouble((k - 1) * 1e-3);
            if (step != 0 && previousStep != 0 && (step < 0) != (previousStep < 0)) {
                turns++;
            }
            previousStep = step != 0 ? step : previousStep;
        }
        return turns;
    }
}
