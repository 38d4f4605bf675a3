/**
 * Inputs: independent Poisson drive ({@link org.engram.simulator.input.PoissonInput}), current
 * injection ({@link org.engram.simulator.input.CurrentSource}), and spike-source populations
 * ({@link org.engram.simulator.input.SpikeTimes}, {@link org.engram.simulator.input.PoissonSource}).
 */
package org.engram.simulator.input;
