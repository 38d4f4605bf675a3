package org.engram.learning.io;

import org.engram.simulator.EngramException;

/**
 * A checkpoint that holds another network than the one it is read into (other layer sizes, neuron
 * kinds or readout): no state of it can be continued, so a caller can tell it apart from a damaged
 * file by its type, not by the words of its message.
 */
public final class CheckpointOfAnotherNetwork extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param source   the file or container name
     * @param expected the network the reader builds, e.g. {@code hidden layer sizes [16]}
     * @param found    the network the checkpoint holds, e.g. {@code hidden layer sizes [12]}
     */
    CheckpointOfAnotherNetwork(String source, String expected, String found) {
        super(source, "network", "a checkpoint of a network with " + expected, found,
                "the checkpoint belongs to another network");
    }
}
