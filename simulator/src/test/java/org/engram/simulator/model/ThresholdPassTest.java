package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class ThresholdPassTest {
    private static final double DT = 0.1;

    @Test
    void keepingByArithmeticGivesWhatABranchGives() {
        double[] potentials = {-55.25, 0.0, -0.0, 1e300, -1e300, Double.MIN_VALUE, -60, 12.5};
        double[] counts = {0, 1, 2, 3, 50};
        for (double advanced : potentials) {
            for (double kept : potentials) {
                for (double left : counts) {
                    double expected = left > 0 ? kept : advanced;
                    double actual = ThresholdPass.held(advanced, kept, left);
                    // Equal as numbers; bit for bit unless the sign of a zero is all that differs.
                    assertEquals(0, Double.compare(expected == 0 ? 0.0 : expected, actual == 0 ? 0.0 : actual),
                            "advanced " + advanced + ", kept " + kept + ", " + left + " steps left: " + actual);
                    if (expected != 0) {
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual));
                    }
                }
            }
        }
    }

    @Test
    void countingDownStopsAtZeroAndTouchesOnlyTheGivenRange() {
        double[] left = {5, 0, 1, 2, 5};
        ThresholdPass.countDown(left, 1, 4);
        assertArrayEquals(new double[] {5, 0, 0, 1, 5}, left);
    }

    /**
     * Neurons driven by different currents and random input, so that refractory neurons lie
     * scattered among free ones at every step, follow a reference written neuron by neuron with a
     * branch on refractoriness: the same spike steps and bit-identical potentials.
     */
    @Test
    void lifDeltaFollowsANeuronByNeuronReferenceWithScatteredRefractoriness() {
        int size = 300;
        int steps = 4000;
        LifDelta.Params p = new LifDelta.Params(20, 250, -70, -55, -65, 2.3, 0);
        KernelHarness harness = new KernelHarness(size, steps, DT);
        double[][] excitatoryInput = new double[steps][size];
        double[][] inhibitoryInput = new double[steps][size];
        double[] currentPa = new double[size];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < size; i++) {
            currentPa[i] = 150 + 400 * random.nextDouble();
            harness.current(0, steps, i, currentPa[i]);
        }
        for (int k = 0; k < 20_000; k++) {
            int step = random.nextInt(steps);
            int i = random.nextInt(size);
            double weight = random.nextDouble() < 0.8 ? 2 * random.nextDouble() : -3 * random.nextDouble();
            if (weight >= 0) {
                harness.excitatory(step, i, weight);
                excitatoryInput[step][i] += weight;
            } else {
                harness.inhibitory(step, i, weight);
                inhibitoryInput[step][i] += weight;
            }
        }
        LifDelta.State state = LifDelta.MODEL.newState(size, p);
        harness.run(LifDelta.MODEL.prepare(p, new TimeGrid(DT)), state, 0, steps);

        double p22 = StrictMath.exp(-DT / p.tauM());
        double p20 = -p.resistance() * StrictMath.expm1(-DT / p.tauM());
        int refractorySteps = (int) Math.round(p.tRef() / DT);
        int refractoryAtEnd = 0;
        for (int i = 0; i < size; i++) {
            double v = p.eL();
            int left = 0;
            List<Double> spikes = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                double advanced = p.eL() + p22 * (v - p.eL()) + p20 * (p.iE() + currentPa[i])
                        + excitatoryInput[step][i] + inhibitoryInput[step][i];
                if (left > 0) {
                    left--;
                    v = p.vReset();
                } else if (advanced >= p.vTh()) {
                    v = p.vReset();
                    left = refractorySteps;
                    spikes.add((step + 1) * DT);
                } else {
                    v = advanced;
                }
            }
            assertArrayEquals(spikes.stream().mapToDouble(Double::doubleValue).toArray(), harness.spikeTimesMs(i),
                    "spike times of neuron " + i);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(state.v[i]), "potential of neuron " + i);
            assertEquals(left, state.refractorySteps[i], "steps left of neuron " + i);
            refractoryAtEnd += left > 0 ? 1 : 0;
        }
        assertTrue(refractoryAtEnd > 0 && refractoryAtEnd < size,
                "the last step should hold refractory and free neurons side by side, found "
                        + refractoryAtEnd + " refractory of " + size);
    }
}
