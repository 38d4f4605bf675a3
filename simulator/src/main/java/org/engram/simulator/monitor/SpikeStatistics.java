package org.engram.simulator.monitor;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;

/**
 * Summary statistics of a recorded population: mean rate and irregularity.
 *
 * @param neurons       number of neurons recorded (the population's size, unless the recorder
 *                      records chosen neurons)
 * @param spikes        number of spikes in the window
 * @param meanRateHz    spikes per neuron per second over the window
 * @param meanCv        mean over neurons (with at least two intervals, not all of length 0) of the
 *                      coefficient of variation of the inter-spike intervals, or NaN if no neuron
 *                      qualifies
 * @param cvNeurons     how many neurons entered {@code meanCv}
 */
public record SpikeStatistics(int neurons, long spikes, double meanRateHz, double meanCv, int cvNeurons) {

    /**
     * Computes the statistics of the spikes in the window {@code (fromMs, toMs]}. A grid step's
     * spikes carry the time at the step's end, so a window on the grid holds the spikes of the
     * steps from {@code fromMs / dt} to {@code toMs / dt - 1}, and the window {@code (0, T]} all
     * spikes of a run of {@code T} ms. A window from 0 also takes spikes at time 0 (precise mode:
     * a neuron that starts at threshold). The edges are compared as the grid compares times, with
     * a tolerance of a few ulps ({@link TimeGrid#atOrBefore}). The rate divides by the window's length,
     * to 1e-9 ms as the monitors write times, so the window should lie within the time the recorder
     * watched: a recorder keeps its spikes, not the span it watched, and a window past the end of the
     * run reads as silence there.
     *
     * @param recorder the recorder
     * @param fromMs   window start in ms (e.g. after a transient)
     * @param toMs     window end in ms, {@code > fromMs}
     * @return the statistics
     * @throws ParameterException if the recorder is null, or the window is not finite and of positive length
     */
    public static SpikeStatistics of(SpikeRecorder recorder, double fromMs, double toMs) {
        ParameterException.requireNonNull("spike statistics", "recorder", recorder, "a spike recorder");
        ParameterException.requireFinite("spike statistics", "from", fromMs, "ms");
        if (!(toMs > fromMs) || !Double.isFinite(toMs)) {
            throw new ParameterException("spike statistics", "to", "a finite time > from = " + fromMs + " (ms)", toMs);
        }
        int n = recorder.population().size();
        // Read in place: a copy of the train, 12 bytes a spike, failed after runs whose spikes filled half the heap.
        int recordedSpikes = recorder.count();
        int[] count = new int[n];
        double[] last = new double[n];
        double[] sum = new double[n];
        double[] sumSquares = new double[n];
        long spikes = 0;
        for (int k = 0; k < recordedSpikes; k++) {
            double t = recorder.timeMs(k);
            // Compared as the grid compares times: the last step of a 203.7 ms run ends at
            // 2037 x 0.1 = 203.70000000000002 ms, whose spikes a plain t > toMs left out.
            boolean afterStart = !TimeGrid.atOrBefore(t, fromMs) || t == 0 && fromMs == 0;
            if (!afterStart || !TimeGrid.atOrBefore(t, toMs)) {
                continue;
            }
            int i = recorder.neuron(k);
            if (count[i] > 0) {
                double isi = t - last[i];
                sum[i] += isi;
                sumSquares[i] += isi * isi;
            }
            last[i] = t;
            count[i]++;
            spikes++;
        }
        double cvSum = 0;
        int cvNeurons = 0;
        for (int i = 0; i < n; i++) {
            int intervals = count[i] - 1;
            // Intervals all of length 0 (spikes at one time: spike times given twice, a Poisson source's spikes
            // of one step) have no coefficient of variation; 0 / 0 would make the mean NaN.
            if (intervals >= 2 && sum[i] > 0) {
                double mean = sum[i] / intervals;
                double variance = Math.max(0, (sumSquares[i] - intervals * mean * mean) / (intervals - 1));
                cvSum += Math.sqrt(variance) / mean;
                cvNeurons++;
            }
        }
        int recorded = recorder.recordedNeuronCount();
        // The window as wide as the times the files write, to 1e-9 ms, as a rate monitor's last bin:
        // 123.4 - 123.3 computes as 0.10000000000000853, which made a spike among 80 neurons 124.99999999998934 Hz.
        double windowMs = TimeGrid.shownMs(toMs - fromMs);
        double rate = spikes / (recorded * (windowMs > 0 ? windowMs : toMs - fromMs) / 1000.0);
        return new SpikeStatistics(recorded, spikes, rate, cvNeurons == 0 ? Double.NaN : cvSum / cvNeurons,
                cvNeurons);
    }
}
