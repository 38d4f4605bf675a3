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
 * The example {@code hh-fi-curve.yaml} shows the Hodgkin-Huxley neuron's class II onset its comment
 * names: silent after the onset of 600 pA and below, tonic from 640 pA on (the periodic orbit appears
 * at 6.26 uA/cm^2, 626 pA on its 100 pF; Rinzel and Miller 1980), at a rate that starts well above
 * zero and grows with the current.
 */
class HhFiCurveConfigTest {
    /** The currents of the config's neurons, in order (pA). */
    private static final double[] CURRENTS_PA = {0, 200, 400, 600, 640, 700, 800, 1000, 1500, 2000};
    @TempDir
    static Path dir;
    private static double[][] spikes;

    @BeforeAll
    static void simulate() throws IOException {
        CliRunner.Result r = CliRunner.run("simulate", "configs/hh-fi-curve.yaml", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(Path.of(r.lastLine()).resolve("spikes_cells.csv"));
        spikes = new double[CURRENTS_PA.length][];
        for (int n = 0; n < CURRENTS_PA.length; n++) {
            String neuron = "," + n;
            spikes[n] = rows.stream().skip(1).filter(row -> row.endsWith(neuron))
                    .mapToDouble(row -> Double.parseDouble(row.split(",")[0])).toArray();
        }
    }

    @Test
    void belowTheOnsetOnlyTheCurrentsStartDrawsSpikes() {
        for (int n = 0; CURRENTS_PA[n] <= 600; n++) {
            assertTrue(spikes[n].length <= 3 && Arrays.stream(spikes[n]).allMatch(t -> t < 50),
                    CURRENTS_PA[n] + " pA: " + Arrays.toString(spikes[n]));
        }
    }

    @Test
    void aboveTheOnsetTheNeuronFiresTonicallyFromARateWellAboveZero() {
        int previous = 0;
        for (int n = 0; n < CURRENTS_PA.length; n++) {
            if (CURRENTS_PA[n] < 640) {
                continue;
            }
            double[] t = spikes[n];
            // 1 s of firing: the count is the rate in Hz; the last spike shows it goes on to the end.
            assertTrue(t.length >= 45 && t[t.length - 1] > 950, CURRENTS_PA[n] + " pA: " + t.length + " spikes");
            assertTrue(t.length > previous, CURRENTS_PA[n] + " pA: " + t.length + " after " + previous);
            previous = t.length;
        }
    }
}
