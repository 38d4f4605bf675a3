package org.engram.experiments.run;

import org.engram.simulator.EngramException;

/**
 * A run that stopped before its end (asked to, or because something failed); its partial folder
 * keeps the checkpoints of every finished task and {@code engram run --resume} continues it.
 */
public final class RunStopped extends EngramException {
    private static final long serialVersionUID = 1L;

    RunStopped(String message, Throwable cause) {
        super(message, cause);
    }
}
