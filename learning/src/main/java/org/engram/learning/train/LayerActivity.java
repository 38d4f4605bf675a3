package org.engram.learning.train;

/**
 * The presynaptic activity of one weight matrix over the samples of a batch: for each sample and
 * presynaptic neuron, the mean over the steps of its exponentially weighted firing rate
 *
 * <pre>
 *   r_t = lambda r_(t-1) + (1 - lambda) x_t,   r_(-1) = 0,   lambda = exp(-dt / tau_activity)
 *   rate = (1/T) sum_t r_t                      (spikes per step; a current input counts its value)
 * </pre>
 * where {@code x_t} is what reaches the matrix in step t (spikes of the layer below, one step
 * late, or the encoder's input). Row-major {@code [sample][pre]} in the first {@code samples * pre}
 * entries of {@code rates}. Valid only during the hook call.
 *
 * @param samples number of samples (rows)
 * @param pre     number of presynaptic neurons (columns)
 * @param rates   the rates, at least {@code samples * pre} entries; live, do not keep
 */
public record LayerActivity(int samples, int pre, float[] rates) {
    /**
     * {@return its rate in spikes per step}
     *
     * @param sample the sample
     * @param neuron the presynaptic neuron
     */
    public float rate(int sample, int neuron) {
        return rates[sample * pre + neuron];
    }
}
