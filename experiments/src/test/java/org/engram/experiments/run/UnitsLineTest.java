package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsLineTest {
    /** One unit at a time, as without --jobs: each report in full, the unit before gone once it finished. */
    @Test
    void aUnitTrainingAloneIsShownInFull() {
        UnitsLine line = new UnitsLine();
        assertEquals("naive seed 1 task 1/2 epoch 1/1",
                line.show("naive seed 1", "task 1/2 epoch 1/1", "task 1/2", false));
        assertEquals("naive seed 1 after task 2/2: 50.0 75.0",
                line.show("naive seed 1", "after task 2/2: 50.0 75.0", "after task 2/2", true));
        assertEquals("ewc seed 1 task 1/2 epoch 1/1 loss 0.500",
                line.show("ewc seed 1", "task 1/2 epoch 1/1 loss 0.500", "task 1/2", false));
    }

    /**
     * Units side by side each keep a place, in the order they started, with their brief state; one
     * past its last task keeps its place until another reports; a unit left alone is shown in full.
     */
    @Test
    void unitsSideBySideShareTheLineBriefly() {
        UnitsLine line = new UnitsLine();
        line.show("naive seed 1", "task 1/2 epoch 1/3", "task 1/2 epoch 1/3", false);
        line.show("ewc seed 1", "task 1/2 epoch 1/3", "task 1/2 epoch 1/3", false);
        assertEquals("naive seed 1 task 1/2 epoch 1/3 | ewc seed 1 task 1/2 epoch 1/3 | si seed 1 task 1/2 epoch 1/3",
                line.show("si seed 1", "task 1/2 epoch 1/3", "task 1/2 epoch 1/3", false));
        assertEquals("naive seed 1 task 1/2 epoch 2/3 | ewc seed 1 task 1/2 epoch 1/3 | si seed 1 task 1/2 epoch 1/3",
                line.show("naive seed 1", "task 1/2 epoch 2/3 loss 0.412", "task 1/2 epoch 2/3", false));
        assertEquals("naive seed 1 after task 2/2 | ewc seed 1 task 1/2 epoch 1/3 | si seed 1 task 1/2 epoch 1/3",
                line.show("naive seed 1", "after task 2/2: 50.0 75.0", "after task 2/2", true));
        assertEquals("ewc seed 1 task 1/2 epoch 2/3 | si seed 1 task 1/2 epoch 1/3",
                line.show("ewc seed 1", "task 1/2 epoch 2/3 loss 0.3", "task 1/2 epoch 2/3", false));
        assertEquals("ewc seed 1 task 1/2 epoch 2/3 | si seed 1 after task 2/2",
                line.show("si seed 1", "after task 2/2: 60.0 70.0", "after task 2/2", true));
        // A unit that starts takes the last place; one left alone is shown in full again.
        assertEquals("ewc seed 1 task 1/2 epoch 2/3 | naive seed 2 task 1/2 epoch 1/3",
                line.show("naive seed 2", "task 1/2 epoch 1/3", "task 1/2 epoch 1/3", false));
        assertEquals("ewc seed 1 after task 2/2 | naive seed 2 task 1/2 epoch 1/3",
                line.show("ewc seed 1", "after task 2/2: 80.0 90.0", "after task 2/2", true));
        assertEquals("naive seed 2 task 1/2 epoch 2/3 loss 0.200",
                line.show("naive seed 2", "task 1/2 epoch 2/3 loss 0.200", "task 1/2 epoch 2/3", false));
    }
}
