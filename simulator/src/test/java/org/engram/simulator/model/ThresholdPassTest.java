package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class ThresholdPassTest {
    private static final double DT = 0.1;

    /**
     * Holding a range visits its refractory neurons and no others, whatever words of 64 neurons the
     * range starts and ends in: each of them is counted down and gets its potential back on release,
     * against counts and potentials worked out neuron by neuron.
     */
    @Test
    void holdingCountsDownAndKeepsTheRefractoryNeuronsOfTheRangeAlone() {
        LifDelta.Params p = LifDelta.MODEL.defaults();
        SplittableRandom random = new SplittableRandom(3);
        int size = 300;
        int[][] ranges = {{0, size}, {0, 1}, {63, 64}, {64, 128}, {5, 70}, {70, 250}, {127, 129}, {299, 300},
                {12, 12}};
        for (int[] range : ranges) {
            LifDelta.State state = LifDelta.MODEL.newState(size, p);
            for (int i = 0; i < size; i++) {
                state.refractorySteps[i] = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
                state.v[i] = -70 + i;
            }
            state.requireValid("p");
            double[] countsBefore = state.refractorySteps.clone();
            double[] expectedLeft = countsBefore.clone();
            int lo = range[0];
            int hi = range[1];
            for (int i = lo; i < hi; i++) {
                expectedLeft[i] = Math.max(expectedLeft[i] - 1, 0);
            }

            HeldPotentials held = HeldPotentials.hold(state, lo, hi);
            double[] before = state.v.clone();
            Arrays.fill(state.v, 99);
            held.release(state);

            String where = "range [" + lo + ", " + hi + ")";
            assertArrayEquals(expectedLeft, state.refractorySteps, where);
            for (int i = 0; i < size; i++) {
                boolean kept = i >= lo && i < hi && countsBefore[i] > 0;
                assertEquals(kept ? before[i] : 99, state.v[i], where + ", neuron " + i);
            }
            // A neuron whose count reached 0 is no longer visited: a second step counts none below 0.
            HeldPotentials.hold(state, 0, size).release(state);
            for (int i = 0; i < size; i++) {
                expectedLeft[i] = Math.max(expectedLeft[i] - 1, 0);
            }
            assertArrayEquals(expectedLeft, state.refractorySteps, where + ", then the whole population");
        }
    }

    /**
     * The pass that screens the potentials a vector at a time fires the neurons the scalar pass fires, in its
     * order, and leaves the potentials, counts and refractory bits to the bit as it does: potentials at the
     * threshold, the doubles either side of it, NaN, infinities and signed zeros, refractory neurons above
     * threshold, from none to every neuron crossing, in ranges that start and end inside a vector; thresholds
     * of signed zero, infinity and NaN too. The screen is called itself, whatever the vectors' width on this
     * machine ({@link ThresholdPass#SCREENS} leaves it out where the JIT does not compile it to vector code).
     */
    @Test
    void theScreenedPassFiresAsTheScalarOneDoes() {
        assertTrue(ThresholdPass.VECTOR_API, "the tests run with the Vector API (--add-modules "
                + "jdk.incubator.vector in the parent pom's argLine), so that the screen is tested");
        LifDelta.Params p = LifDelta.MODEL.defaults();
        double[] thresholds = {p.vTh(), p.vTh(), p.vTh(), 0.0, -0.0, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN};
        SplittableRandom random = new SplittableRandom(11);
        int size = 203;
        int[][] ranges = {{0, size}, {1, 202}, {3, 11}, {8, 16}, {5, 6}, {40, 40}, {0, 7}, {130, 203}};
        int fired = 0;
        for (int round = 0; round < 300; round++) {
            double vTh = thresholds[round % thresholds.length];
            double[] edges = {vTh, Math.nextDown(vTh), Math.nextUp(vTh), Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, -0.0, 0.0, p.vReset()};
            double crossing = round % 3 == 0 ? 0.002 : random.nextDouble();
            LifDelta.State scalar = LifDelta.MODEL.newState(size, p);
            for (int i = 0; i < size; i++) {
                double r = random.nextDouble();
                scalar.v[i] = r < crossing ? vTh + random.nextDouble(0, 5)
                        : r < crossing + 0.1 ? edges[random.nextInt(edges.length)]
                        : vTh - random.nextDouble(0, 20);
                scalar.refractorySteps[i] = random.nextInt(5) == 0 ? 1 + random.nextInt(20) : 0;
            }
            scalar.requireValid("p");
            LifDelta.State screened = LifDelta.MODEL.newState(size, p);
            System.arraycopy(scalar.v, 0, screened.v, 0, size);
            System.arraycopy(scalar.refractorySteps, 0, screened.refractorySteps, 0, size);
            screened.requireValid("p");
            int[] range = ranges[round % ranges.length];
            List<Integer> expected = new ArrayList<>();
            List<Integer> actual = new ArrayList<>();
            ThresholdPass.apply(scalar, range[0], range[1], round, vTh, p.vReset(), 20, sink(expected, round));
            ThresholdScreen.apply(screened, range[0], range[1], round, vTh, p.vReset(), 20, sink(actual, round));

            String where = "round " + round + ", range [" + range[0] + ", " + range[1] + ")";
            assertEquals(expected, actual, where);
            for (int i = 0; i < size; i++) {
                assertEquals(Double.doubleToRawLongBits(scalar.v[i]), Double.doubleToRawLongBits(screened.v[i]),
                        where + ", neuron " + i);
            }
            assertArrayEquals(scalar.refractorySteps, screened.refractorySteps, where);
            for (int w = 0; w <= RefractorySet.wordOf(size - 1); w++) {
                assertEquals(scalar.refractoryNeurons.word(w, 0, size), screened.refractoryNeurons.word(w, 0, size),
                        where + ", refractory bits of word " + w);
            }
            fired += expected.size();
        }
        assertTrue(fired > 1000, "neurons fired: " + fired);
    }

    private static SpikeSink sink(List<Integer> spikes, int expectedStep) {
        return new SpikeSink() {
            @Override
            public void spike(int i, int step) {
                assertEquals(expectedStep, step);
                spikes.add(i);
            }

            @Override
            public void spikeAt(int i, double timeMs) {
                throw new AssertionError("a grid pass fired at a time");
            }
        };
    }

    /** A refractory count is a whole number of steps from 0 to Integer.MAX_VALUE, both ends included. */
    @Test
    void refractoryCountsAreWholeStepsUpToTheLargestInt() {
        ThresholdPass.requireWholeSteps("p", new double[] {0, 3, Integer.MAX_VALUE});
        for (double bad : new double[] {Integer.MAX_VALUE + 1.0, -1, 0.5, Double.NaN}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> ThresholdPass.requireWholeSteps("p", new double[] {0, bad}));
            assertEquals("refractorySteps[1]", e.location(), "count " + bad);
            assertEquals(String.valueOf(bad), e.found());
        }
    }

    /**
     * Neurons driven by different currents and random input, so that refractory neurons lie
     * scattered among free ones at every step, follow a reference written neuron by neuron with a
     * branch on refractoriness: the same spike steps and bit-identical potentials.
     */
    @Test
    void lifDeltaFollowsANeuronByNeuronReferenceWithScatteredRefractoriness() {
        LifDelta.Params p = new LifDelta.Params(20, 250, -70, -55, -65, 2.3, 0);
        Drive d = Drive.random(300, 4000, 150, 7);
        LifDelta.State state = LifDelta.MODEL.newState(d.size(), p);
        d.harness().run(LifDelta.MODEL.prepare(p, new TimeGrid(DT)), state, 0, d.steps());

        int refractoryAtEnd = 0;
        for (int i = 0; i < d.size(); i++) {
            ReferenceNeuron n = new ReferenceNeuron(p.tauM(), p.resistance(), p.eL(), p.vTh(), p.vReset(), p.tRef());
            for (int step = 0; step < d.steps(); step++) {
                n.step(step, p.eL() + n.p22 * (n.v - p.eL()) + n.p20 * (p.iE() + d.currentPa()[i])
                        + d.excitatory()[step][i] + d.inhibitory()[step][i]);
            }
            d.assertNeuron(i, n, state.v[i], state.refractorySteps[i]);
            refractoryAtEnd += n.left > 0 ? 1 : 0;
        }
        assertScattered(refractoryAtEnd, d.size());
    }

    /** As above for {@code lif_exp}, whose currents go on decaying and taking input while refractory. */
    @Test
    void lifExpFollowsANeuronByNeuronReferenceWithScatteredRefractoriness() {
        LifExp.Params p = new LifExp.Params(20, 250, -70, -55, -65, 2.3, 0, 5, 10);
        Drive d = Drive.random(300, 4000, 150, 11);
        LifExp.State state = LifExp.MODEL.newState(d.size(), p);
        d.harness().run(LifExp.MODEL.prepare(p, new TimeGrid(DT)), state, 0, d.steps());

        ExponentialCurrent ex = new ExponentialCurrent(p.tauM(), p.tauSynEx(), p.cM());
        ExponentialCurrent in = new ExponentialCurrent(p.tauM(), p.tauSynIn(), p.cM());
        int refractoryAtEnd = 0;
        for (int i = 0; i < d.size(); i++) {
            ReferenceNeuron n = new ReferenceNeuron(p.tauM(), p.resistance(), p.eL(), p.vTh(), p.vReset(), p.tRef());
            double iEx = 0;
            double iIn = 0;
            for (int step = 0; step < d.steps(); step++) {
                double advanced = p.eL() + n.p22 * (n.v - p.eL()) + ex.toVoltage(DT) * iEx + in.toVoltage(DT) * iIn
                        + n.p20 * (p.iE() + d.currentPa()[i]);
                iEx = ex.decay(DT) * iEx + d.excitatory()[step][i];
                iIn = in.decay(DT) * iIn + d.inhibitory()[step][i];
                n.step(step, advanced);
            }
            d.assertNeuron(i, n, state.v[i], state.refractorySteps[i]);
            refractoryAtEnd += n.left > 0 ? 1 : 0;
        }
        assertScattered(refractoryAtEnd, d.size());
    }

    private static void assertScattered(int refractoryAtEnd, int size) {
        assertTrue(refractoryAtEnd > 0 && refractoryAtEnd < size,
                "the last step should hold refractory and free neurons side by side, found "
                        + refractoryAtEnd + " refractory of " + size);
    }

    /**
     * Random input for a kernel, kept beside the harness that feeds it: a current per neuron from
     * {@code currentPa} to 3.7 times that, and 20,000 synaptic events, 80% excitatory, at random
     * steps and neurons.
     */
    private record Drive(KernelHarness harness, int size, int steps, double[][] excitatory, double[][] inhibitory,
                         double[] currentPa) {
        static Drive random(int size, int steps, double currentPa, long seed) {
            KernelHarness harness = new KernelHarness(size, steps, DT);
            Drive d = new Drive(harness, size, steps, new double[steps][size], new double[steps][size],
                    new double[size]);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < size; i++) {
                d.currentPa[i] = currentPa + 2.7 * currentPa * random.nextDouble();
                harness.current(0, steps, i, d.currentPa[i]);
            }
            for (int k = 0; k < 20_000; k++) {
                int step = random.nextInt(steps);
                int i = random.nextInt(size);
                double weight = random.nextDouble() < 0.8 ? 2 * random.nextDouble() : -3 * random.nextDouble();
                if (weight >= 0) {
                    harness.excitatory(step, i, weight);
                    d.excitatory[step][i] += weight;
                } else {
                    harness.inhibitory(step, i, weight);
                    d.inhibitory[step][i] += weight;
                }
            }
            return d;
        }

        /** The kernel's spikes, potential and count of neuron {@code i} equal the reference's, bit for bit. */
        void assertNeuron(int i, ReferenceNeuron n, double kernelV, double kernelLeft) {
            assertArrayEquals(n.spikes.stream().mapToDouble(Double::doubleValue).toArray(), harness.spikeTimesMs(i),
                    "spike times of neuron " + i);
            assertEquals(Double.doubleToRawLongBits(n.v), Double.doubleToRawLongBits(kernelV),
                    "potential of neuron " + i);
            assertEquals(n.left, kernelLeft, "steps left of neuron " + i);
        }
    }

    /**
     * One neuron's membrane propagators, and its refractoriness, threshold and reset written with a
     * branch as the kernels had them. It starts at rest.
     */
    private static final class ReferenceNeuron {
        /** exp(-dt / tau_m). */
        final double p22;
        /** R (1 - exp(-dt / tau_m)). */
        final double p20;
        final double vTh;
        final double vReset;
        final int refractorySteps;
        final List<Double> spikes = new ArrayList<>();
        double v;
        int left;

        ReferenceNeuron(double tauM, double resistance, double eL, double vTh, double vReset, double tRef) {
            p22 = StrictMath.exp(-DT / tauM);
            p20 = -resistance * StrictMath.expm1(-DT / tauM);
            this.v = eL;
            this.vTh = vTh;
            this.vReset = vReset;
            this.refractorySteps = (int) Math.round(tRef / DT);
        }

        /** A refractory neuron is not updated; a free one takes the advanced potential and may fire. */
        void step(int step, double advanced) {
            if (left > 0) {
                left--;
            } else if (advanced >= vTh) {
                v = vReset;
                left = refractorySteps;
                spikes.add((step + 1) * DT);
            } else {
                v = advanced;
            }
        }
    }
}
