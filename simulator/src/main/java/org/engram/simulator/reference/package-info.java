/**
 * Reference networks from the literature (Brunel 2000, Vogels and Abbott 2005), used by tests,
 * benchmarks and as examples of building networks.
 */
package org.engram.simulator.reference;
