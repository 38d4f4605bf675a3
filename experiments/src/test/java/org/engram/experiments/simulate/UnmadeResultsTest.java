package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The message of a folder kept without some of its results: the folder, what it keeps, what is missing and why. */
class UnmadeResultsTest {
    /**
     * The heap's size is given in MB (10^6 bytes) of this JVM's maximum heap, rounded: within half a MB of the
     * bytes {@link Runtime#maxMemory()} gives.
     */
    @Test
    void namesTheFolderWhatItKeepsAndTheHeapInMegabytes() {
        String message = new UnmadeResults(Path.of("res", "run"), List.of("config.yaml", "spikes_a.csv"),
                List.of("the plots")).getMessage();
        String start = Path.of("res", "run") + ": the simulation ran to its end and its folder keeps config.yaml,"
                + " spikes_a.csv, but the plots could not be made: the Java heap (";
        assertTrue(message.startsWith(start), message);
        Matcher mb = Pattern.compile("\\((\\d+) MB in all\\) ran out beside the run's recordings; record less")
                .matcher(message);
        assertTrue(mb.find(), message);
        double bytes = Runtime.getRuntime().maxMemory();
        assertEquals(bytes / 1e6, Long.parseLong(mb.group(1)), 0.5, "MB of " + bytes + " bytes");
    }
}
