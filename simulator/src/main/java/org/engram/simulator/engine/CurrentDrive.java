package org.engram.simulator.engine;

import org.engram.simulator.input.CurrentSource;

/**
 * Writes a {@link CurrentSource}'s piecewise-constant current into the current rows of the
 * steps being advanced (grid mode only).
 */
final class CurrentDrive {
    final int target;
    private final int[] neurons;
    private final int[] changeSteps;
    private final double[] amplitudes;

    CurrentDrive(CurrentSource source, TimeGrid grid) {
        this.target = source.target().index();
        this.neurons = source.neurons();
        this.amplitudes = source.amplitudesPa();
        this.changeSteps = new int[source.timesMs().length];
        for (int k = 0; k < changeSteps.length; k++) {
            changeSteps[k] = grid.wholeSteps("current source into '" + source.target().name() + "'",
                    "times[" + k + "]", source.timesMs()[k]);
        }
    }

    private double amplitudeAt(int step) {
        double a = 0;
        for (int k = 0; k < changeSteps.length && changeSteps[k] <= step; k++) {
            a = amplitudes[k];
        }
        return a;
    }

    void fill(PopulationRuntime rt, int lo, int hi, int from, int to) {
        for (int s = from; s < to; s++) {
            double a = amplitudeAt(s);
            if (a == 0) {
                continue;
            }
            int row = rt.input.row(s);
            if (neurons == null) {
                for (int i = lo; i < hi; i++) {
                    rt.current[row + i] += a;
                }
            } else {
                for (int i : neurons) {
                    if (i >= lo && i < hi) {
                        rt.current[row + i] += a;
                    }
                }
            }
        }
    }
}
