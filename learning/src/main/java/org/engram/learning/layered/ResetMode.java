package org.engram.learning.layered;

/** What a spike does to the membrane potential. */
public enum ResetMode {
    /** {@code u = v - threshold}: the charge above threshold is kept. */
    SUBTRACT,
    /** {@code u = 0}: the membrane returns to rest. */
    ZERO
}
