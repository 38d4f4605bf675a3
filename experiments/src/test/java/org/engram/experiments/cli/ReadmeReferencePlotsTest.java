package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * today: the same size and the same title and description in each PNG (which name what is drawn, with the
 * run's metrics), so the README shows what a user gets. Pixels are not compared: the text in them is drawn in
 * whatever sans-serif font the machine has.
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
            assertEquals(header(drawn), header(ROOT.resolve(image)), image + " differs from what engram plot draws:"
                    + " redraw it with engram plot results/reference/quickstart");
        }
    }

    /**
     * A PNG's size and text chunks, read by the PNG layout (an 8-byte signature, then chunks of a 4-byte
     * length, a 4-byte type, the data and a 4-byte CRC).
     */
    private static List<String> header(Path png) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(png));
        List<String> header = new ArrayList<>();
        for (int at = 8; at < b.limit(); ) {
            int length = b.getInt(at);
            String type = new String(b.array(), at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IHDR")) {
                header.add(b.getInt(at + 8) + " x " + b.getInt(at + 12));
            } else if (type.equals("tEXt")) {
                header.add(new String(b.array(), at + 8, length, StandardCharsets.ISO_8859_1));
            }
            at += 12 + length;
        }
        return header;
    }
}
