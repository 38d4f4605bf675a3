/**
 * Connectivity rules: which synapses a projection has. Built-in rules come from
 * {@link org.engram.simulator.network.connect.Rules}; each draws from per-neuron random streams (or
 * one per projection) so the network depends on the seed and its declarations (in their order) alone.
 */
package org.engram.simulator.network.connect;
