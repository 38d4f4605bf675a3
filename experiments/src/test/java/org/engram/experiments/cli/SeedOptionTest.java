package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An empty seed, as an unset shell variable gives: {@code --seed} takes one seed and is told so; only
 * {@code --seeds}, a list, speaks of an empty list or item (--seed '' had been told of lists).
 */
class SeedOptionTest {

    @Test
    void anEmptySeedIsAnEmptyTextNotAnEmptyList() {
        for (String[] command : new String[][] {{"simulate", "any.yaml", "--seed", ""}, {"bench", "cuba", "--seed", ""},
                {"bench", "stdp", "--seed", ""}, {"bench", "train", "--seed", ""}}) {
            CliRunner.Result r = CliRunner.run(command);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("engram: error: Invalid value for option '--seed': expected a seed, found an"
                    + " empty text (a shell variable that is not set gives one)\n"), r.err());
        }
        CliRunner.Result list = CliRunner.run("run", "any.yaml", "--seeds", "");
        assertEquals(2, list.exitCode(), list.err());
        assertTrue(list.err().contains("--seeds' (S): expected a seed, found nothing (an empty list, or an empty item"
                + " between commas)"), list.err());
    }
}
