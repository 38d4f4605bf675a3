package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
