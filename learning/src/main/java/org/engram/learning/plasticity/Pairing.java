package org.engram.learning.plasticity;

/** Which spike pairs a pair-based rule counts (Morrison, Diesmann and Gerstner 2008). */
public enum Pairing {
    /** Every presynaptic spike pairs with every postsynaptic spike: a trace adds 1 per spike. */
    ALL_TO_ALL,
    /**
     * Each spike pairs only with the nearest earlier spike of the other side, which may already have paired
     * (Morrison et al.'s symmetric nearest-spike scheme): a trace is reset to 1 per spike.
     */
    NEAREST
}
