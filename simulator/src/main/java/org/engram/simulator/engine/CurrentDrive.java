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
        this.changeSteps = source.changeSteps(grid);
    }

    /** The amplitude in force at a step: that of the last change at or before it, 0 before the first. */
    private double amplitudeAt(int step) {
        int k = Segments.at(changeSteps, step);
        return k < 0 ? 0 : amplitudes[k];
    }

    void fill(WorkerInput in, int lo, int hi, int from, int to) {
        for (int s = from; s < to; s++) {
            double a = amplitudeAt(s);
            if (a == 0) {
                continue;
            }
            double[] row = in.current[in.view.row(s)];
            if (neurons == null) {
                for (int i = lo; i < hi; i++) {
                    row[i] += a;
                }
            } else {
                for (int i : neurons) {
                    if (i >= lo && i < hi) {
                        row[i] += a;
                    }
                }
            }
        }
    }
}
