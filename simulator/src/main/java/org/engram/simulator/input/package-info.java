/**
 * Inputs: independent Poisson drive ({@link org.engram.simulator.input.PoissonInput}), current
 * injection ({@link org.engram.simulator.input.CurrentSource}), constant currents of one amplitude
 * per neuron ({@link org.engram.simulator.input.ConstantCurrents}), Gaussian white-noise current
 * ({@link org.engram.simulator.input.NoiseCurrent}), sinusoidal current
 * ({@link org.engram.simulator.input.SinusoidalCurrent}), and spike-source populations
 * ({@link org.engram.simulator.input.SpikeTimes}, {@link org.engram.simulator.input.PoissonSource},
 * {@link org.engram.simulator.input.RatePoissonSource} with per-neuron rates that change between runs).
 */
package org.engram.simulator.input;
