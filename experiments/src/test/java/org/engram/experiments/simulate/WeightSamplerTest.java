package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * A sampler reads the weights as they are when it samples, at the steps its interval and the run's end
 * give; its file is within the disk estimate of {@link RecordRoom}.
 */
class WeightSamplerTest {
    /** Two sources onto two targets, all to all: four plastic synapses whose weights are set by hand. */
    private static Projection fourSynapses() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->a", a, a, Rules.allToAll(), Synapses.excitatory(0.1).asPlastic());
        Network network = b.build();
        return network.projection("a->a");
    }

    /**
     * Samples at steps 0, 30, 60 and the end at 70 (interval 30 steps): each row's statistics are those of
     * the weights set before it, worked out by hand: {1, 2, 3, 6} has mean 3 and variance (4 + 1 + 0 + 9) / 4.
     */
    @Test
    void eachSampleHoldsTheWeightsAsTheyWereThen() throws IOException {
        Projection p = fourSynapses();
        WeightSampler sampler = new WeightSampler(p, new int[] {3, 1}, 30, 70);
        float[] w = p.weights();
        int step = 0;
        float[][] set = {{1, 2, 3, 6}, {0.15f, 0.15f, 0.15f, 0.15f}, {-1, 0, 0, 1}, {4, 4, 0, 0}};
        for (float[] weights : set) {
            System.arraycopy(weights, 0, w, 0, 4);
            sampler.sampleIfDue(step);
            sampler.sampleIfDue(step + 1);   // no sample falls there
            step = step == 60 ? 70 : step + 30;
        }
        StringWriter csv = new StringWriter();
        sampler.writeCsv(csv, new TimeGrid(0.1));
        assertEquals(List.of("time_ms,mean,sd,min,max,w_3,w_1",
                "0.000000000,3.0," + (float) Math.sqrt(14 / 4.0) + ",1.0,6.0,6.0,2.0",
                // Every column as a float, the weights' precision: 0.15, not 0.15000000596046448.
                "3.000000000,0.15,0.0,0.15,0.15,0.15,0.15",
                "6.000000000,0.0," + (float) Math.sqrt(0.5) + ",-1.0,1.0,1.0,0.0",
                "7.000000000,2.0,2.0,0.0,4.0,0.0,4.0"), csv.toString().lines().toList());
        assertEquals(30, sampler.nextSampleAfter(0));
        assertEquals(60, sampler.nextSampleAfter(31));
        assertEquals(70, sampler.nextSampleAfter(60));
        // What the summary and the plot read: the same numbers as the file's, sample by sample.
        assertEquals(4, sampler.count());
        assertEquals(List.of(0, 30, 60, 70), List.of(sampler.step(0), sampler.step(1), sampler.step(2),
                sampler.step(3)));
        assertEquals(3.0, sampler.mean(0));
        assertEquals(Math.sqrt(14 / 4.0), sampler.sd(0), 1e-15);
        assertEquals(-1f, sampler.min(2));
        assertEquals(4f, sampler.max(3));
        assertEquals(4f, sampler.weight(1, 3));   // synapse 1, listed second, at the last sample
        assertEquals(6f, sampler.weight(0, 0));
    }

    /**
     * The file is whole when {@code writeCsv} returns, even through a writer that buffers: its two samples
     * (steps 0 and the end, 5) of weights all 0.5 are there, the caller having flushed nothing.
     */
    @Test
    void theSamplesAreWrittenThroughWhenItReturns() throws IOException {
        Projection p = fourSynapses();
        Arrays.fill(p.weights(), 0.5f);
        WeightSampler sampler = new WeightSampler(p, new int[] {2}, 10, 5);
        sampler.sampleIfDue(0);
        sampler.sampleIfDue(5);
        StringWriter csv = new StringWriter();
        sampler.writeCsv(new BufferedWriter(csv, 1 << 16), new TimeGrid(0.1));
        assertEquals(List.of("time_ms,mean,sd,min,max,w_2", "0.000000000,0.5,0.0,0.5,0.5,0.5",
                "0.500000000,0.5,0.0,0.5,0.5,0.5"), csv.toString().lines().toList());
    }

    /** The samples of a run: at 0, every whole interval, and at the end when it falls between two. */
    @Test
    void aSampleFallsAtZeroAtEveryIntervalAndAtTheEnd() {
        assertEquals(4, WeightSampler.sampleCount(30, 70));   // 0, 30, 60, 70
        assertEquals(3, WeightSampler.sampleCount(30, 60));   // 0, 30, 60
        assertEquals(2, WeightSampler.sampleCount(70, 70));   // 0, 70
        assertEquals(2, WeightSampler.sampleCount(100, 70));  // 0 and the end, before the first interval
    }

    /** The disk estimate bounds the file, and not by far, for samples of extreme weights. */
    @Test
    void theEstimateBoundsTheFileWritten() throws IOException {
        Projection p = fourSynapses();
        float[] w = p.weights();
        WeightSampler sampler = new WeightSampler(p, new int[] {0, 1, 2, 3}, 1, 500);
        for (int step = 0; step <= 500; step++) {
            for (int k = 0; k < 4; k++) {
                w[k] = -Float.MIN_NORMAL * (1 + step * 7 + k);
            }
            sampler.sampleIfDue(step);
        }
        StringWriter csv = new StringWriter();
        sampler.writeCsv(csv, new TimeGrid(0.1));
        SimulationConfig c = new SimulationConfig("room", 0.1, 50.0, 1L, 1, null, List.of(), List.of(), List.of(),
                new SimulationConfig.RecordSpec(null, null, List.of(), null, null, null, List.of(
                        new SimulationConfig.WeightSpec("a->a", 0.1, new int[] {0, 1, 2, 3}, null, null))));
        long estimate = RecordRoom.weightBytes(c, new TimeGrid(0.1));
        long written = csv.toString().length();   // ASCII: a byte a character
        assertEquals(24 + 4 * 13 + 501 * (121 + 4 * 16L) + 4 * 108, estimate, "a header of 24 bytes and 4 columns of"
                + " 13, 501 rows of 121 bytes and 4 synapses of 16, and 4 entries of 108 in summary.json");
        assertTrue(written <= estimate && estimate <= 2.5 * written, written + " bytes written, " + estimate
                + " estimated");
    }

    /** Synapses listed by pair and drawn take the columns and summary entries of as many listed by index. */
    @Test
    void theEstimateCountsPairsAndTheDrawAsListedSynapses() {
        long byIndex = RecordRoom.weightBytes(withWeights(new SimulationConfig.WeightSpec("a->a", 0.1,
                new int[] {0, 1, 2, 3}, null, null)), new TimeGrid(0.1));
        long mixed = RecordRoom.weightBytes(withWeights(new SimulationConfig.WeightSpec("a->a", 0.1, new int[] {0},
                new int[][] {{1, 0}}, 2)), new TimeGrid(0.1));
        assertEquals(byIndex, mixed);
    }

    private static SimulationConfig withWeights(SimulationConfig.WeightSpec w) {
        return new SimulationConfig("room", 0.1, 50.0, 1L, 1, null, List.of(), List.of(), List.of(),
                new SimulationConfig.RecordSpec(null, null, List.of(), null, null, null, List.of(w)));
    }
}
