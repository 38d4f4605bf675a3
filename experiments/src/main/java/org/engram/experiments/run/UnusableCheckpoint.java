package org.engram.experiments.run;

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
        // ModelFile.read, reading the trainer's part of the state, names the network when the checkpoint
        // holds another one than the config builds; Checkpoints.restore keeps that location.
        this.otherNetwork = "network".equals(cause.location());
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
