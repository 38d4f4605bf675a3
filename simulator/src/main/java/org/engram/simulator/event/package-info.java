/**
 * Events a run emits to code outside the simulator: the {@link org.engram.simulator.event.SpikeListener}
 * through which plasticity rules and monitors follow the spikes.
 */
package org.engram.simulator.event;
