package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of another network is told by its type ({@code CheckpointOfAnotherNetwork}, which
 * {@code ResumeTest} sees through a whole resume), not by a key's name: a damaged value of a key named
 * {@code network} asks for its unit to be trained again, not for a new run.
 */
class UnusableCheckpointTest {

    @Test
    void aKeyNamedNetworkIsNoCheckpointOfAnotherNetwork() {
        EngramException damaged = new EngramException("learner-1.state", "network", "a network kind", "junk", null);
        assertFalse(new UnusableCheckpoint(damaged, "checkpoints/naive/seed-1", "naive seed 1").otherNetwork());
    }
}
