package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {
    /** One of a noun in the singular, every other count (none included) in the plural. */
    @Test
    void aCountOfOneTakesTheSingular() {
        assertEquals("1 task", Plural.count(1, "task"));
        assertEquals("0 tasks", Plural.count(0, "task"));
        assertEquals("2 tasks", Plural.count(2, "task"));
        assertEquals("11 neurons", Plural.count(11, "neuron"));
    }

    @Test
    void eachOfOneNamesTheOneThing() {
        assertEquals("the 1 epoch", Plural.eachOf(1, "epoch"));
        assertEquals("each of the 2 epochs", Plural.eachOf(2, "epoch"));
        assertEquals("each of the 0 finished tasks", Plural.eachOf(0, "finished task"));
    }
}
