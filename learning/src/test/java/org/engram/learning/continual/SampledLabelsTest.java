package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Labels drawn from the network's own prediction replace the chosen samples' labels only; everything
 * else is the training data's.
 */
class SampledLabelsTest {
    /**
     * Four samples of task 1 with labels 1, 2, 0, 2 over three readout units (domain-incremental: every
     * unit), and a network certain of unit 0 for each (a logit 1000 above the others, whose softmax
     * weights exp(-1000) are 0 in double): the chosen samples 0 and 1 draw label 0, the others keep
     * theirs; the set's task, size and inputs are the data's.
     */
    @Test
    void chosenSamplesDrawTheirLabelsAndTheOthersKeepTheirOwn() {
        float[][] inputs = {{0.5f}, {1}, {0}, {0.25f}};
        SampleSet data = new ArraySamples(1, inputs, new int[] {1, 2, 0, 2});
        GradientOracle certainOfUnitZero = new GradientOracle() {
            @Override
            public void gradients(Objective objective, Reduction reduction, SampleSet d, int[] samples,
                                  double[][] out) {
                throw new UnsupportedOperationException("not used by the draw");
            }

            @Override
            public void outputs(SampleSet d, int sample, float[] logits) {
                logits[0] = 1000;
                logits[1] = 0;
                logits[2] = 0;
            }

            @Override
            public List<LayerActivity> activities(SampleSet d, int[] samples) {
                throw new UnsupportedOperationException("not used by the draw");
            }
        };
        TaskContext task = new FixedTask(1, Scenario.DOMAIN_INCREMENTAL, 7, new StubModel(new int[] {1}, new int[] {3}),
                certainOfUnitZero, List.of(data, data));
        SampledLabels drawn = SampledLabels.draw(task, new int[] {0, 1});
        int[] expected = {0, 0, 0, 2};
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s], drawn.label(s), "sample " + s);
            assertEquals(1, drawn.task(s));
            assertSame(inputs[s], drawn.input(s));
        }
        assertEquals(1, drawn.task());
        assertEquals(4, drawn.size());
    }
}
