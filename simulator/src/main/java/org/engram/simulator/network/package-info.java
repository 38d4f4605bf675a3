/**
 * Networks: populations of neurons, projections of synapses in compressed sparse rows, and the
 * builder that draws them. Build with {@link org.engram.simulator.network.NetworkBuilder}.
 */
package org.engram.simulator.network;
