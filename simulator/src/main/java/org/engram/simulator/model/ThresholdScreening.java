package org.engram.simulator.model;

/**
 * Whether the LIF grid kernels with a threshold shared by their neurons ({@code lif_delta}, {@code lif_exp},
 * {@code lif_alpha}) screen the potentials for the threshold a vector at a time, where the engine lists their
 * input: the JVM has Java's Vector API ({@code --add-modules jdk.incubator.vector}) and vectors of 4 doubles or
 * more, which its JIT compiles to vector instructions. The spikes and state are the same either way; a benchmark
 * reports it beside its figures.
 */
public final class ThresholdScreening {
    private ThresholdScreening() {
    }

    /** {@return whether the kernels screen the potentials with the Vector API} */
    public static boolean available() {
        return ThresholdPass.SCREENS;
    }
}
