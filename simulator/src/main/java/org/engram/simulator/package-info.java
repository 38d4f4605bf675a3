/**
 * Engram's event-driven spiking network simulator.
 *
 * <p>Build a {@link org.engram.simulator.network.Network} with a
 * {@link org.engram.simulator.network.NetworkBuilder}, then run it with an
 * {@link org.engram.simulator.engine.Engine}. User errors are {@link org.engram.simulator.EngramException}s.
 */
package org.engram.simulator;
