package org.engram.learning.continual;

import java.util.Arrays;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * A task's training samples with labels drawn from the network's own prediction, for the Fisher
 * information of the model rather than the empirical Fisher of the data's labels (Kirkpatrick et al.
 * 2017; Martens 2020 on why the two differ): each chosen sample's label is drawn from the
 * softmax of its logits over the readout units its loss runs over, one draw per sample.
 *
 * <p>The logits come from the oracle's pass of the sample, the same spike encoding its gradient is then
 * taken on. The draws come from {@code RandomStreams.of(seed, FISHER_LABELS, task)}, one after another in
 * the order of the chosen samples, so they depend on neither threads nor the other tasks. Samples not
 * chosen keep their own labels.
 */
final class SampledLabels implements SampleSet {
    private final SampleSet data;
    /** Per sample, its drawn label, or -1 where none was drawn. */
    private final int[] drawn;

    private SampledLabels(SampleSet data, int[] drawn) {
        this.data = data;
        this.drawn = drawn;
    }

    /**
     * Draws a label for each chosen sample of the task's training data.
     *
     * @param task    the finished task: its seed, scenario, model, oracle and training data
     * @param samples the chosen samples, indices into {@code task.trainData()}
     * @return the training data with the drawn labels
     */
    static SampledLabels draw(TaskContext task, int[] samples) {
        SampleSet data = task.trainData();
        ModelView model = task.model();
        int[] units = TrainedUnits.of(model, task.scenario(), task.taskIndex(), task.taskIndex() + 1);
        float[] logits = new float[model.outputs(model.layerCount() - 1)];
        double[] weights = new double[units.length];
        int[] drawn = new int[data.size()];
        Arrays.fill(drawn, -1);
        SplitMixRandom random = RandomStreams.of(task.seed(), Purpose.FISHER_LABELS, task.taskIndex());
        for (int s : samples) {
            task.oracle().outputs(data, s, logits);
            drawn[s] = units[pick(logits, units, weights, random.nextDouble())];
        }
        return new SampledLabels(data, drawn);
    }

    /**
     * The index into {@code units} that a uniform number in [0, 1) falls on, each with its softmax
     * probability; shifted by the largest logit so no exponential overflows.
     */
    private static int pick(float[] logits, int[] units, double[] weights, double uniform) {
        double max = Double.NEGATIVE_INFINITY;
        for (int u : units) {
            max = Math.max(max, logits[u]);
        }
        double total = 0;
        for (int j = 0; j < units.length; j++) {
            // StrictMath: the same draws on every JVM and CPU.
            weights[j] = StrictMath.exp(logits[units[j]] - max);
            total += weights[j];
        }
        double target = uniform * total;
        double sum = 0;
        for (int j = 0; j < units.length - 1; j++) {
            sum += weights[j];
            if (target < sum) {
                return j;
            }
        }
        return units.length - 1;
    }

    @Override
    public int task() {
        return data.task();
    }

    @Override
    public int task(int sample) {
        return data.task(sample);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public float[] input(int sample) {
        return data.input(sample);
    }

    @Override
    public int label(int sample) {
        return drawn[sample] >= 0 ? drawn[sample] : data.label(sample);
    }
}
