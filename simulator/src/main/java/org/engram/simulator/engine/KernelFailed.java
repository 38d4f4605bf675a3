package org.engram.simulator.engine;

import org.engram.simulator.model.NeuronModel;

/**
 * Advancing a population threw, as a kernel of one's own may: not a mistake in parameters but in
 * code, so it is no {@link org.engram.simulator.EngramException}. The message names the population,
 * its model, the neurons and the time span; the cause's stack trace tells where it failed (the
 * kernel, or the engine's drives and recorders that advance with it). Errors a kernel reports
 * itself as {@code EngramException}s, and the engine's refusals of calls outside the kernel
 * contract, which are {@code EngramException}s too, pass unwrapped. Listeners, which run apart from
 * the advance, fail with a {@link ListenerFailed}; delivery, the engine's own code, is not wrapped.
 */
public final class KernelFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient NeuronModel<?, ?> model;

    KernelFailed(String message, NeuronModel<?, ?> model, Throwable cause) {
        super(message, cause);
        this.model = model;
    }

    /** {@return the model of the population whose advance failed, whose code may be a user's} */
    public NeuronModel<?, ?> model() {
        return model;
    }

    /**
     * The same failure made again on the calling thread, whose stack trace then leads to the call
     * of {@code run}; the cause keeps the trace of the kernel's thread.
     */
    KernelFailed rethrownOnCaller() {
        KernelFailed here = new KernelFailed(getMessage(), model, getCause());
        for (Throwable other : getSuppressed()) {
            here.addSuppressed(other);
        }
        return here;
    }
}
