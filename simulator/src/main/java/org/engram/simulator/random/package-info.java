/**
 * Random streams keyed by (seed, purpose, index): every consumer of randomness draws from its own
 * SplitMix64 stream, so results depend on the seed alone, never on threads or call order.
 */
package org.engram.simulator.random;
