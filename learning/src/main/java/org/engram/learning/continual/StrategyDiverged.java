package org.engram.learning.continual;

import org.engram.simulator.EngramException;

/**
 * A strategy's own learning left the finite numbers, so what it protects is lost. Going on from
 * the run's checkpoints with the same settings would only diverge again; the message names the
 * settings to lower.
 */
public final class StrategyDiverged extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the whole message: strategy, task, what diverged and what to change
     */
    StrategyDiverged(String message) {
        super(message, null);
    }

    /**
     * The same failure named by the run unit it happened in, for a run with several strategies or
     * seeds.
     *
     * @param label the strategy's label in the run
     * @param seed  the seed
     * @return a new exception whose message starts with both
     */
    public StrategyDiverged in(String label, long seed) {
        return new StrategyDiverged(label + ", seed " + seed + ": " + getMessage());
    }
}
