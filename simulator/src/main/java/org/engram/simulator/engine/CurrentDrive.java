package org.engram.simulator.engine;

import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.SinusoidalCurrent;

/**
 * Adds a current into the neurons' current of a step (grid mode: the step's input row; precise
 * mode: the current the neurons are injected with from the step's start): a
 * {@link CurrentSource}'s piecewise-constant amplitude or a {@link SinusoidalCurrent}'s mean over
 * the step, the same for every chosen neuron, or {@link ConstantCurrents}, each neuron its own
 * amplitude from time 0 on. The current of the
 * {@code k}-th chosen neuron at a step is the schedule's amplitude times the neuron's gain, and a
 * constant current is a schedule of 1 from step 0 times gains that are its amplitudes, which the
 * product leaves exact.
 */
final class CurrentDrive {
    final int target;
    /** The chosen neurons in ascending order ({@link ChosenInOrder}), or null for all. */
    private final int[] neurons;
    private final int[] changeSteps;
    private final double[] amplitudes;
    /** Each chosen neuron's gain, at its place in {@link #neurons} (neuron {@code i}'s when all are), or null for 1. */
    private final double[] gains;
    /** The sinusoid's means over the steps, each step's amplitude, or null for the schedule. */
    private final SinusoidalCurrent.StepMeans wave;

    CurrentDrive(CurrentSource source, TimeGrid grid) {
        this.target = source.target().index();
        this.neurons = ChosenInOrder.sorted(source.neurons());
        this.amplitudes = source.amplitudesPa();
        this.changeSteps = source.changeSteps(grid);
        this.gains = null;
        this.wave = null;
    }

    CurrentDrive(SinusoidalCurrent wave, TimeGrid grid) {
        this.target = wave.target().index();
        this.neurons = ChosenInOrder.sorted(wave.neurons());
        this.amplitudes = null;
        this.changeSteps = null;
        this.gains = null;
        this.wave = wave.stepMeans(grid.dtMs());
    }

    CurrentDrive(ConstantCurrents currents) {
        this.target = currents.target().index();
        int[] chosen = currents.neurons();
        this.neurons = ChosenInOrder.sorted(currents.neurons());
        this.amplitudes = new double[] {1};
        this.changeSteps = new int[] {0};
        this.gains = chosen == null ? currents.amplitudesPa()
                : ChosenInOrder.permuted(currents.amplitudesPa(), ChosenInOrder.order(chosen));
        this.wave = null;
    }

    /**
     * The amplitude in force at a step: the sinusoid's mean over the step, or the schedule's last
     * change at or before it, 0 before the first.
     */
    private double amplitudeAt(int step) {
        if (wave != null) {
            return wave.at(step);
        }
        int k = Segments.at(changeSteps, step);
        return k < 0 ? 0 : amplitudes[k];
    }

    /** Adds the current of step {@code step} into {@code currentPa} for neurons {@code [lo, hi)}. */
    void add(double[] currentPa, int lo, int hi, int step) {
        double a = amplitudeAt(step);
        if (a == 0) {
            return;
        }
        if (neurons == null) {
            for (int i = lo; i < hi; i++) {
                currentPa[i] += gains == null ? a : a * gains[i];
            }
        } else {
            for (int k = ChosenInOrder.firstFrom(neurons, lo); k < neurons.length && neurons[k] < hi; k++) {
                currentPa[neurons[k]] += gains == null ? a : a * gains[k];
            }
        }
    }
}
