/**
 * Spike encoders: turn one sample (a float vector in [0, 1]) into input spikes or currents over
 * a fixed number of time steps. Rate ({@link org.engram.learning.encode.RateEncoder}), latency
 * ({@link org.engram.learning.encode.LatencyEncoder}) and direct-current
 * ({@link org.engram.learning.encode.DirectCurrentEncoder}) coding; random draws come from a
 * per-(seed, sample, epoch) stream, so an encoding never depends on threads or batch order.
 */
package org.engram.learning.encode;
