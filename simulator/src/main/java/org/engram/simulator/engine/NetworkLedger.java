package org.engram.simulator.engine;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import org.engram.simulator.network.Network;

/**
 * Which engine simulates each network, and what earlier engines left: the rules of
 * {@link Network}'s class comment (one open engine at a time; a later grid-mode engine continues
 * the Poisson trains; none after a precise-mode or failed run). Kept on the engine side, so the
 * network's public API has no hooks that only engines may call. Networks and engines are held
 * weakly (an engine refers to its network, so a strong reference would keep both alive): a
 * network no longer used is forgotten with its entry, and an engine dropped without being closed
 * can still be collected: its network is then spent, since the steps the engine ran went with it.
 */
final class NetworkLedger {
    /** The state of one network. */
    private static final class Entry {
        /** The open engine, or null. */
        WeakReference<Engine> engine;
        /** Why no further engine may take the network, or null. */
        String spent;
        /** Grid steps simulated by the engines that have closed. */
        long stepsSimulated;
    }

    private static final Map<Network, Entry> ENTRIES = new WeakHashMap<>();

    private NetworkLedger() {
    }

    /**
     * Lets an engine take a network.
     *
     * @param network the network
     * @param engine  the engine starting on it
     * @return the steps earlier engines simulated, after which its Poisson inputs go on drawing
     * @throws IllegalStateException if another engine is open on the network, or it is spent (a
     *                               precise-mode or failed run, or an engine dropped unclosed)
     */
    static synchronized long attach(Network network, Engine engine) {
        Entry e = ENTRIES.computeIfAbsent(network, n -> new Entry());
        if (e.engine != null && e.engine.get() != null) {
            throw new IllegalStateException("this network is simulated by an open engine; close it before "
                    + "starting another");
        }
        if (e.engine != null) {
            // Dropped unclosed and collected: the steps it ran, which Poisson inputs go on from, went with it.
            e.engine = null;
            e.spent = "the engine that simulated this network was dropped without close() and has been garbage "
                    + "collected, so the state it left cannot be continued (close engines, e.g. with "
                    + "try-with-resources)";
        }
        if (e.spent != null) {
            throw new IllegalStateException(e.spent + "; build the network again for a new engine (the same seed "
                    + "builds the same network)");
        }
        e.engine = new WeakReference<>(engine);
        return e.stepsSimulated;
    }

    /**
     * Releases a network when its engine closes.
     *
     * @param network the network
     * @param engine  the engine, as attached
     * @param spent   why another engine may not continue the state (a precise-mode run, a failed
     *                run), or null if it may
     * @param steps   the grid steps the engine simulated
     */
    static synchronized void detach(Network network, Engine engine, String spent, long steps) {
        Entry e = ENTRIES.get(network);
        if (e != null && e.engine != null && e.engine.get() == engine) {
            e.engine = null;
            e.stepsSimulated += steps;
            if (spent != null) {
                e.spent = spent;
            }
        }
    }
}
