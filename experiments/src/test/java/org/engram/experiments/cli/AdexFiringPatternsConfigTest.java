package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code adex-firing-patterns.yaml} shows the four patterns its comment names (Naud et al.
 * 2008), each told by the intervals between its cell's spikes.
 */
class AdexFiringPatternsConfigTest {
    /** Spike times fall on the 0.1 ms grid, so constant intervals read within two steps of each other. */
    private static final double TWO_STEPS = 0.2 + 1e-9;
    @TempDir
    static Path dir;
    private static Path folder;

    @BeforeAll
    static void simulate() {
        CliRunner.Result r = CliRunner.run("simulate", "configs/adex-firing-patterns.yaml", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        folder = Path.of(r.lastLine());
    }

    /** The intervals between a cell's spikes (ms), from its spike file. */
    private static double[] intervals(String cell) throws IOException {
        List<String> rows = Files.readAllLines(folder.resolve("spikes_" + cell + ".csv"));
        double[] t = rows.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[0])).toArray();
        double[] isi = new double[t.length - 1];
        for (int k = 0; k < isi.length; k++) {
            isi[k] = t[k + 1] - t[k];
        }
        return isi;
    }

    @Test
    void theTonicCellFiresAtConstantIntervalsOnceItsAdaptationSettles() throws IOException {
        double[] late = Arrays.copyOfRange(intervals("tonic"), 20, intervals("tonic").length);
        assertTrue(late.length > 50 && max(late) - min(late) <= TWO_STEPS, Arrays.toString(late));
    }

    @Test
    void theAdaptingCellsIntervalsGrow() throws IOException {
        double[] isi = intervals("adapting");
        for (int k = 1; k < 6; k++) {
            assertTrue(isi[k] > isi[k - 1], Arrays.toString(isi));
        }
        assertTrue(isi[isi.length - 1] > 5 * isi[0], Arrays.toString(isi));
    }

    @Test
    void theInitialBurstIsFollowedByRegularSpikes() throws IOException {
        double[] isi = intervals("initial_burst");
        double[] after = Arrays.copyOfRange(isi, 3, isi.length);
        assertTrue(isi[0] < 10 && isi[1] < 10 && min(after) > 50 && max(after) - min(after) <= TWO_STEPS,
                Arrays.toString(isi));
    }

    @Test
    void theBurstingCellsBurstsRepeat() throws IOException {
        double[] isi = intervals("bursting");
        int between = 0;
        for (double d : isi) {
            assertTrue(d < 10 || d > 100, "within a burst or between two: " + Arrays.toString(isi));
            between += d > 100 ? 1 : 0;
        }
        assertTrue(between >= 5, Arrays.toString(isi));
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }
}
