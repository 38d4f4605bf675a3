package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An option that takes one of a few words names them, and the value found: quoted when it is a word of
 * none, and told as an empty text when it is empty, as an unset shell variable gives and as the number, seed
 * and path options tell it (it read {@code found ''}).
 */
class WordOptionTest {
    private static final String EMPTY = "found an empty text (a shell variable that is not set gives one)\n";

    @Test
    void anEmptyWordIsAnEmptyTextAndAnUnknownOneIsQuoted() {
        String[][] options = {
            {"bench", "cuba", "--mode", "'--mode': expected grid or precise, "},
            {"compare", "run-a", "--error", "'--error': expected one of ci95, sd, se, none, "},
            {"bench", "train", "--encoding",
                "'--encoding': expected rate, latency or current (also direct or direct_current), "},
            {"bench", "train", "--readout",
                "'--readout': expected count or membrane (also spike_count or mean_membrane), "}};
        for (String[] o : options) {
            for (String value : new String[] {"", "Grid x"}) {
                CliRunner.Result r = CliRunner.run(o[0], o[1], o[2], value);
                assertEquals(2, r.exitCode(), r.err());
                String found = value.isEmpty() ? EMPTY : "found 'Grid x'\n";
                assertTrue(r.err().startsWith("engram: error: Invalid value for option " + o[3] + found), r.err());
            }
        }
    }
}
