package org.engram.simulator.engine;

import org.engram.simulator.ParameterException;

/**
 * How an {@link Engine} runs a network.
 *
 * @param threads number of worker threads, {@code >= 1}; results do not depend on it
 * @param mode    grid or precise-time mode
 */
public record EngineOptions(int threads, Mode mode) {
    /** Validates the thread count. */
    public EngineOptions {
        if (threads < 1 || threads > 1024) {
            throw new ParameterException("engine", "threads", "an integer in [1, 1024]", threads);
        }
        if (mode == null) {
            throw new ParameterException("engine", "mode", "grid or precise", "null");
        }
    }

    /**
     * Grid mode.
     *
     * @param threads number of worker threads
     * @return the options
     */
    public static EngineOptions grid(int threads) {
        return new EngineOptions(threads, Mode.GRID);
    }

    /**
     * Precise-time mode.
     *
     * @param threads number of worker threads
     * @return the options
     */
    public static EngineOptions precise(int threads) {
        return new EngineOptions(threads, Mode.PRECISE);
    }
}
