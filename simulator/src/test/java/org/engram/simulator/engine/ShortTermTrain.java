package org.engram.simulator.engine;

/**
 * The factors {@code u_n x_n} of a spike train through Tsodyks-Markram synapses, from the closed
 * recursion of the model's definition, written here apart from the simulator's code:
 * {@code u_1 = U, x_1 = 1}; {@code u_n = U + u_{n-1} (1 - U) exp(-h / tau_fac)} (U when
 * {@code tau_fac = 0}) and {@code x_n = 1 + (x_{n-1} - u_{n-1} x_{n-1} - 1) exp(-h / tau_rec)}.
 */
final class ShortTermTrain {
    private ShortTermTrain() {
    }

    /**
     * @param timesMs the train's spike times, ascending (equal times: interval 0)
     * @return the factor of each spike
     */
    static double[] factors(double[] timesMs, double big, double tauRec, double tauFac) {
        double[] f = new double[timesMs.length];
        double u = 0;
        double x = 0;
        for (int n = 0; n < timesMs.length; n++) {
            if (n == 0) {
                u = big;
                x = 1;
            } else {
                double h = timesMs[n] - timesMs[n - 1];
                double uBefore = u;
                u = tauFac == 0 ? big : big + uBefore * (1 - big) * Math.exp(-h / tauFac);
                x = 1 + (x - uBefore * x - 1) * Math.exp(-h / tauRec);
            }
            f[n] = u * x;
        }
        return f;
    }
}
