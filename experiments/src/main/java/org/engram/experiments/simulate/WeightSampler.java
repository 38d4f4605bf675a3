package org.engram.experiments.simulate;

import java.io.IOException;
import java.io.Writer;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Projection;

/**
 * Samples the weights of a plastic projection between runs of its engine: at each sample, the mean,
 * standard deviation, minimum and maximum over all its synapses, and the weight of each synapse listed.
 * A plasticity rule changes weights only when the engine hands it spikes, and once a run returns every
 * spike up to its end has been handed over, so a sample taken then holds the weights at that time exactly.
 *
 * <p>The samples fall at time 0, at every multiple of the interval and at the end of the run (the
 * last interval may be shorter). Their arrays are allocated once, for all of them; a sample reads
 * every synapse's weight twice (the mean, then the deviations from it), so it costs two passes over
 * the projection's weights and allocates nothing.
 */
final class WeightSampler {
    private final Projection projection;
    private final int[] synapses;
    private final int intervalSteps;
    private final int endStep;
    private final int[] steps;
    private final double[] mean;
    private final double[] sd;
    /** The extremes, weights themselves: floats, written as the synapse files write weights. */
    private final float[] min;
    private final float[] max;
    /** The listed synapses' weights, sample by sample: {@code listed[s * synapses.length + k]}. */
    private final float[] listed;
    private int count;

    /**
     * @param projection    a plastic projection
     * @param synapses      the synapses whose own weights are kept, by CSR index (the row of
     *                      {@link Projection#writeCsv}), each in {@code [0, synapseCount)}
     * @param intervalSteps the sampling interval in steps, {@code >= 1}
     * @param endStep       the step at which the run ends, {@code >= intervalSteps}
     */
    WeightSampler(Projection projection, int[] synapses, int intervalSteps, int endStep) {
        this.projection = projection;
        this.synapses = synapses.clone();
        this.intervalSteps = intervalSteps;
        this.endStep = endStep;
        int samples = (int) sampleCount(intervalSteps, endStep);
        this.steps = new int[samples];
        this.mean = new double[samples];
        this.sd = new double[samples];
        this.min = new float[samples];
        this.max = new float[samples];
        this.listed = new float[samples * this.synapses.length];
    }

    /**
     * {@return the samples over a run: at step 0, every interval, and at the end when it falls between}
     *
     * @param intervalSteps the interval in steps, {@code >= 1}
     * @param endStep       the run's last step boundary, {@code >= 0}
     */
    static long sampleCount(int intervalSteps, int endStep) {
        return 1 + endStep / intervalSteps + (endStep % intervalSteps == 0 ? 0 : 1);
    }

    /** {@return the projection sampled} */
    Projection projection() {
        return projection;
    }

    /**
     * {@return the first step after {@code step} at which a sample falls}
     *
     * @param step a step before the end of the run
     */
    int nextSampleAfter(int step) {
        return (int) Math.min(endStep, ((long) step / intervalSteps + 1) * intervalSteps);
    }

    /**
     * Takes the sample due at {@code step}, if one is.
     *
     * @param step the engine's current step, after a run returned (0 before the first)
     */
    void sampleIfDue(int step) {
        if (step % intervalSteps != 0 && step != endStep) {
            return;
        }
        float[] w = projection.weights();
        int n = projection.synapseCount();
        steps[count] = step;
        // Two passes, in synapse order: the deviations from the mean, not the mean of squares, which
        // cancels when the weights are close together. Sums in double.
        double sum = 0;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            sum += w[k];
            lo = Math.min(lo, w[k]);
            hi = Math.max(hi, w[k]);
        }
        double m = sum / n;
        double squares = 0;
        for (int k = 0; k < n; k++) {
            double d = w[k] - m;
            squares += d * d;
        }
        mean[count] = m;
        sd[count] = Math.sqrt(squares / n);
        min[count] = lo;
        max[count] = hi;
        for (int k = 0; k < synapses.length; k++) {
            listed[count * synapses.length + k] = w[synapses[k]];
        }
        count++;
    }

    /**
     * Writes the samples as CSV: {@code time_ms,mean,sd,min,max,w_<index>...}, a row per sample; the
     * statistics are empty for a projection without synapses.
     *
     * @param out  where the text goes
     * @param grid the time grid of the run
     * @throws IOException if writing fails
     */
    void writeCsv(Writer out, TimeGrid grid) throws IOException {
        StringBuilder line = new StringBuilder("time_ms,mean,sd,min,max");
        for (int s : synapses) {
            line.append(",w_").append(s);
        }
        out.append(line).append('\n');
        boolean none = projection.synapseCount() == 0;
        for (int s = 0; s < count; s++) {
            line.setLength(0);
            TimeGrid.appendDecimalMs(line, 0, steps[s], grid.dtMs());
            if (none) {
                line.append(",,,,");
            } else {
                // As floats, the weights' own precision: then min <= mean <= max holds as read back too.
                line.append(',').append((float) mean[s]).append(',').append((float) sd[s]).append(',').append(min[s])
                        .append(',').append(max[s]);
            }
            for (int k = 0; k < synapses.length; k++) {
                line.append(',').append(listed[s * synapses.length + k]);
            }
            out.append(line).append('\n');
        }
        out.flush();
    }

    /** {@return the samples taken} */
    int count() {
        return count;
    }

    /** {@return the synapses whose own weights are kept, in the order listed} */
    int[] synapses() {
        return synapses.clone();
    }

    /**
     * {@return the step of a sample}
     *
     * @param s the sample, in {@code [0, count())}
     */
    int step(int s) {
        return steps[s];
    }

    /**
     * {@return the mean weight at a sample}
     *
     * @param s the sample
     */
    double mean(int s) {
        return mean[s];
    }

    /**
     * {@return the standard deviation of the weights (over all synapses, divided by their number) at a sample}
     *
     * @param s the sample
     */
    double sd(int s) {
        return sd[s];
    }

    /**
     * {@return the lowest weight at a sample}
     *
     * @param s the sample
     */
    float min(int s) {
        return min[s];
    }

    /**
     * {@return the highest weight at a sample}
     *
     * @param s the sample
     */
    float max(int s) {
        return max[s];
    }

    /**
     * {@return a listed synapse's weight at a sample}
     *
     * @param k the synapse's place in the list
     * @param s the sample
     */
    float weight(int k, int s) {
        return listed[s * synapses.length + k];
    }
}
