/**
 * Monitors that record a run: spikes, sampled state variables and population rates, with CSV export.
 * Create them through the engine so they see every step.
 */
package org.engram.simulator.monitor;
