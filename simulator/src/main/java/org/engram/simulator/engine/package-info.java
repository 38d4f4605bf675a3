/**
 * The simulation engine: time grid, slices of the minimum delay, parallel per-neuron updates,
 * canonical spike exchange and ring buffers, in grid or precise-time mode.
 */
package org.engram.simulator.engine;
