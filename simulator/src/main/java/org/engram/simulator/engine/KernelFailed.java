package org.engram.simulator.engine;

/**
 * Advancing a population threw: its model's code (a kernel of one's own) failed. Not a mistake in
 * parameters but in code, so it is no {@link org.engram.simulator.EngramException}: the message
 * names the population, its model, the neurons and the time span, and the cause, with its stack
 * trace, points into the kernel. Errors a kernel reports itself as {@code EngramException}s, and
 * the engine's checks of the kernel contract, pass unwrapped.
 */
public final class KernelFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KernelFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
