package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The names of a simulation's result files. */
class ResultFileNamesTest {
    /** A projection's file is named by the projection, its arrow in words. */
    @Test
    void synapseFilesAreNamedByTheirProjection() {
        assertEquals("synapses_exc_to_inh.csv", ResultFileNames.synapsesFile("exc->inh"));
        assertEquals("synapses_a_b_c.csv", ResultFileNames.synapsesFile("a b/c"));
    }
}
