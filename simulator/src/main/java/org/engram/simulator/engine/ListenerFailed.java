package org.engram.simulator.engine;

import org.engram.simulator.event.SpikeListener;

/**
 * A listener or observer threw during a run: a mistake in code rather than in parameters, so, as
 * {@link KernelFailed}, it is no {@link org.engram.simulator.EngramException}. The message names
 * the listener, the spike or instant it was shown and what it threw (the cause), and says that the
 * network is spent: the run stopped mid-slice, with the slice's spikes half delivered. Errors a
 * listener reports itself as {@code EngramException}s pass unwrapped. One thrown from
 * {@link SpikeListener#beforeRun} says instead that the run did not start: nothing is spent.
 */
public final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SpikeListener listener;

    private ListenerFailed(String message, SpikeListener listener, Throwable cause) {
        super(message, cause);
        this.listener = listener;
    }

    /** {@return the listener or observer that threw, whose code may be a user's} */
    public SpikeListener listener() {
        return listener;
    }

    /**
     * Names what failed.
     *
     * @param role     "listener" or "observer"
     * @param listener the one that threw
     * @param shown    what it was shown, e.g. "the spike of neuron 3 of population 'e' at 1.5 ms"
     * @param thrown   what it threw
     * @return the exception to throw
     */
    static ListenerFailed of(String role, SpikeListener listener, String shown, Exception thrown) {
        return new ListenerFailed(role + " " + nameOf(listener) + " threw when shown " + shown + ": "
                + thrown + "; the run stopped mid-slice, so the network must be built again for another run (the "
                + "same seed builds the same network)", listener, thrown);
    }

    /**
     * Names a listener or observer that threw from {@link SpikeListener#beforeRun}: the run had not
     * started, so the engine and the network are as they were.
     *
     * @param role     "listener" or "observer"
     * @param listener the one that threw
     * @param timeMs   the engine's time (ms)
     * @param thrown   what it threw
     * @return the exception to throw
     */
    static ListenerFailed beforeRun(String role, SpikeListener listener, double timeMs, Exception thrown) {
        return new ListenerFailed(role + " " + nameOf(listener) + " threw before the run from "
                + TimeGrid.shownMs(timeMs) + " ms (beforeRun): " + thrown + "; the run did not start, so the engine"
                + " can run once the cause is mended", listener, thrown);
    }

    /** The listener's class, or for a lambda (a hidden class named with a number) the class that wrote it. */
    private static String nameOf(SpikeListener listener) {
        Class<?> type = listener.getClass();
        int lambda = type.getName().indexOf("$$Lambda");
        return type.isHidden() && lambda > 0 ? "(a lambda in " + type.getName().substring(0, lambda) + ")"
                : type.getName();
    }
}
