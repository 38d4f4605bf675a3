package org.engram.learning.continual;

/**
 * A strategy's code threw while the learner called one of its hooks. Not a mistake in a config
 * but in code: the message says which strategy, hook, task, epoch and batch, and the cause, with
 * its stack trace, points into the strategy. Errors a strategy reports itself
 * ({@link org.engram.simulator.EngramException}, such as {@link StrategyDiverged}) pass unwrapped.
 */
public final class StrategyFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StrategyFailed(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The same failure named by the run unit it happened in, for a run with several strategies or
     * seeds.
     *
     * @param label the strategy's label in the run
     * @param seed  the seed
     * @return a new exception whose message starts with both, with the same cause
     */
    public StrategyFailed in(String label, long seed) {
        return new StrategyFailed(label + ", seed " + seed + ": " + getMessage(), getCause());
    }
}
