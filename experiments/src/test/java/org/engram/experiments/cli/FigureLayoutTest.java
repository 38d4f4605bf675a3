package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --width-in} is checked, by the option's name, before any run is read or any folder made. */
class FigureLayoutTest {
    @Test
    void aWidthBelowTwoInchesIsRefusedByTheOption() {
        ParameterException e = assertThrows(ParameterException.class, () -> FigureLayout.of("engram plot", 1.5));
        assertTrue(e.getMessage().startsWith("engram plot: --width-in: expected a printed width in inches in [2, 100)"),
                e.getMessage());
    }

    /**
     * At 99.9 in and 300 dpi a PNG is 29,970 pixels wide and 3/4 of that high, 4 bytes a pixel: 2.69 GB, more than
     * half of the tests' 4 GB heap. It is refused before the run is read (the run named here does not exist) and
     * before compare makes its folder.
     */
    @Test
    void aWidthWhosePngPassesHalfTheHeapIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        assumeTrue(Runtime.getRuntime().maxMemory() / 2.0 < 2.69e9, "a heap below 5.38 GB, as the tests' -Xmx4g");
        assertThrows(HeapLimitExceeded.class, () -> FigureLayout.of("engram plot", 99.9));
        Path out = dir.resolve("comparisons");
        CliRunner.Result r = CliRunner.run("compare", dir.resolve("no-run").toString(), "--width-in", "99.9", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("engram: error: engram compare: --width-in: expected a printed width whose PNG"
                + " at 300 dpi (4 bytes a pixel) takes at most half the Java heap of "), r.err());
        assertTrue(r.err().contains("found 99.9 in (29970 x 22478 pixels or more, 2695 MB)"), r.err());
        assertFalse(out.toFile().exists(), "nothing written");
    }
}
