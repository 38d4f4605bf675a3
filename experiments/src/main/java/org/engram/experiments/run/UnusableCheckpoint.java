package org.engram.experiments.run;

import org.engram.learning.io.CheckpointOfAnotherNetwork;
import org.engram.simulator.EngramException;

/**
 * A checkpoint of one (strategy, seed) unit that a resume cannot read: damaged, missing, or made
 * for another network. Resuming again would stop at the same file, so the run says how to go on
 * instead: train that unit again from its first task, or, when the checkpoints were made for
 * another network (by an older Engram), start the run anew.
 */
final class UnusableCheckpoint extends EngramException {
    private static final long serialVersionUID = 1L;

    private final String unitFolder;
    private final String unit;
    private final boolean otherNetwork;

    /**
     * @param cause        what is wrong with the checkpoint, naming its file
     * @param unitFolder   the unit's checkpoint folder, relative to the run folder
     * @param unit         the unit for messages, e.g. {@code naive seed 4}
     */
    UnusableCheckpoint(EngramException cause, String unitFolder, String unit) {
        super(cause.getMessage(), cause);
        this.unitFolder = unitFolder;
        this.unit = unit;
        this.otherNetwork = ofAnotherNetwork(cause);
    }

    /**
     * Whether the problem is, or was caused by, a checkpoint of another network (thrown by the trainer's part
     * of the state and wrapped with the file's name on the way): told by its type, as a key named
     * {@code network} may also stand for a damaged value.
     */
    private static boolean ofAnotherNetwork(Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause()) {
            if (t instanceof CheckpointOfAnotherNetwork) {
                return true;
            }
        }
        return false;
    }

    /** @return the unit's checkpoint folder, relative to the run folder, e.g. {@code checkpoints/naive/seed-4} */
    String unitFolder() {
        return unitFolder;
    }

    /** @return the unit, e.g. {@code naive seed 4} */
    String unit() {
        return unit;
    }

    /**
     * @return whether the checkpoint holds another network than the run's config builds now: then
     *         every unit's checkpoint does, and only a new run helps
     */
    boolean otherNetwork() {
        return otherNetwork;
    }
}
