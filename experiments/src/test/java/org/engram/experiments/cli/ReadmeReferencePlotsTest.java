package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the reference run that the README shows are what {@code engram plot} draws from that run
 * today, byte for byte (pixels and the description in each PNG), so the README shows what a user gets.
 */
class ReadmeReferencePlotsTest {
    /** Tests run in the experiments module's folder. */
    private static final Path ROOT = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void theReadmesReferenceFiguresAreWhatPlotDrawsToday() throws IOException {
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("\\]\\((results/reference/quickstart/plots/[^)]+\\.png)\\)")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertFalse(shown.isEmpty(), "the README shows the reference run's figures");
        CliRunner.Result r = CliRunner.run("plot", ROOT.resolve("results/reference/quickstart").toString(), "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String image : shown) {
            Path drawn = dir.resolve(Path.of(image).getFileName());
            assertArrayEquals(Files.readAllBytes(drawn), Files.readAllBytes(ROOT.resolve(image)), image + " differs "
                    + "from what engram plot draws: redraw it with engram plot results/reference/quickstart");
        }
    }
}
