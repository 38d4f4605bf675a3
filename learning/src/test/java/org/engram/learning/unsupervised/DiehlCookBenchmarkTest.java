package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmark's figures on a case computed by hand: blank samples, which no neuron answers. */
class DiehlCookBenchmarkTest {
    private static final int NEURONS = 4;
    private static final int INPUTS = 10;

    /**
     * One class, no training, one labelling and two test samples, all blank (intensities exactly 0,
     * the lower end of their range), each shown once and boosted twice more (min_spikes 1, max_boosts
     * 2): 6 boosts in all; no neuron fires, so none is labelled and no test sample is classified
     * right. A pass of no training samples takes no time per sample, and evaluation some time >= 0.
     */
    @Test
    void blankSamplesAreBoostedAndLabelNoNeuron() {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS).withPresentation(
                new DiehlCookParams.Presentation(20, 5, 63.75, 31.875, 1, 2));
        float[][] labelling = new float[1][INPUTS];
        float[][] test = new float[2][INPUTS];
        DiehlCookBenchmark.Result r = DiehlCookBenchmark.run(labelling, new int[1], test, new int[2], 1,
                new DiehlCookBenchmark.Options(p, 0, 1, 2, 1, 5));
        assertEquals(6, r.boosts());
        assertEquals(0, r.labelledNeurons());
        assertEquals(0, r.testAccuracy());
        assertEquals(0, r.secondsPerSample());
        assertTrue(r.evalSecondsPerSample() >= 0, "seconds per sample " + r.evalSecondsPerSample());
    }

    /** An intensity of exactly 1 is the upper end of the range, taken as the lower end 0 is above. */
    @Test
    void intensitiesOfExactlyOneAreTaken() {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS).withPresentation(
                new DiehlCookParams.Presentation(20, 5, 63.75, 31.875, 0, 0));
        float[][] x = new float[1][INPUTS];
        x[0][3] = 1f;
        DiehlCookBenchmark.Result r = DiehlCookBenchmark.run(x, new int[1], x, new int[1], 1,
                new DiehlCookBenchmark.Options(p, 1, 1, 1, 1, 5));
        assertEquals(1, r.testSamples());
    }

    /**
     * The figures of time agree with each other and with the time the call took (a bound, not a
     * speed): the per-sample figures times their counts (2 training; 1 labelling + 15 test) give
     * totals that lie within the call. Evaluation is most of the call, so an evaluation figure
     * off by a factor of its count squared (256) would not fit in it. The data hold exactly the
     * samples asked for, no more.
     */
    @Test
    void timesAddUpWithinTheCall() {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS).withPresentation(
                new DiehlCookParams.Presentation(200, 50, 63.75, 31.875, 0, 0));
        float[][] train = {ramp(), ramp()};
        float[][] test = new float[15][];
        Arrays.fill(test, ramp());
        long start = System.nanoTime();
        DiehlCookBenchmark.Result r = DiehlCookBenchmark.run(train, new int[2], test, new int[15], 1,
                new DiehlCookBenchmark.Options(p, 2, 1, 15, 1, 5));
        double callSeconds = (System.nanoTime() - start) * 1e-9;
        assertEquals(r.trainSeconds(), 2 * r.secondsPerSample(), 1e-12 * r.trainSeconds());
        double evalSeconds = 16 * r.evalSecondsPerSample();
        assertTrue(r.trainSeconds() >= 0 && r.evalSecondsPerSample() >= 0
                && r.trainSeconds() + evalSeconds <= callSeconds,
                r.trainSeconds() + " s training, " + evalSeconds + " s evaluation, " + callSeconds + " s in all");
    }

    /** Intensities rising from 0 to 1 over the inputs. */
    private static float[] ramp() {
        float[] x = new float[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            x[i] = i / (INPUTS - 1f);
        }
        return x;
    }

    /** Each setting is checked where the options are made, naming it. */
    @Test
    void optionsRefuseThreadsOutsideTheEnginesRange() {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS);
        org.engram.simulator.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.engram.simulator.ParameterException.class, () -> new DiehlCookBenchmark.Options(p, 1, 1, 1, 0, 5));
        assertEquals("diehl_cook", e.source());
        assertEquals("threads", e.location());
    }
}
