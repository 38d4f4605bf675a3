package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.experiments.data.DataOrigin;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume goes on only with the data its run started with, wherever that data lies now; when it
 * finds other data it names both and says how to find the original again.
 */
class DataRecordTest {
    private static final DataRecord SUBSET_IN_ENV = new DataRecord(DataOrigin.ENVIRONMENT, "/data/subset", 3000, 1000,
            "a".repeat(64));
    private static final DataRecord FULL_IN_SYSTEM = new DataRecord(DataOrigin.SYSTEM_FOLDER,
            "/usr/share/datasets/fashion-mnist", 60000, 10000, "b".repeat(64));

    /** The reported case: started with $ENGRAM_DATA, resumed without it, the system folder found instead. */
    @Test
    void otherDataIsRefusedWithBothNamedAndTheWayBack(@TempDir Path partial) throws IOException {
        Files.writeString(partial.resolve(DataRecord.FILE), JsonFiles.write(SUBSET_IN_ENV));
        EngramException e = assertThrows(EngramException.class, () -> DataRecord.requireSame(partial, FULL_IN_SYSTEM));
        String m = e.getMessage();
        assertTrue(m.startsWith(partial.resolve("data.json") + ": data: expected the data the run started with: "
                + "Fashion-MNIST from /data/subset (ENVIRONMENT): 3000 training and 1000 test images (SHA-256 "
                + "aaaaaaaaaaaa...), found Fashion-MNIST from /usr/share/datasets/fashion-mnist (SYSTEM_FOLDER): "
                + "60000 training and 10000 test images (SHA-256 bbbbbbbbbbbb...)"), m);
        assertTrue(m.endsWith("set ENGRAM_DATA to a folder that holds the data the run started with (/data/subset),"
                + " or start a new run"), m);
    }

    @Test
    void theSameDataMovedElsewhereIsAccepted(@TempDir Path partial) throws IOException {
        Files.writeString(partial.resolve(DataRecord.FILE), JsonFiles.write(SUBSET_IN_ENV));
        DataRecord.requireSame(partial, new DataRecord(DataOrigin.ENVIRONMENT, "/moved/subset", 3000, 1000,
                "a".repeat(64)));
    }

    /** The bundled subset is read only when nothing else is found: the way back is to find nothing else. */
    @Test
    void aRunOnTheBundledSubsetSaysWhenAResumeReadsItAgain(@TempDir Path partial) throws IOException {
        Files.writeString(partial.resolve(DataRecord.FILE), JsonFiles.write(new DataRecord(DataOrigin.BUNDLED_SUBSET,
                "classpath:org/engram/experiments/data/fashion-mnist-subset/", 3000, 1000, "a".repeat(64))));
        EngramException e = assertThrows(EngramException.class, () -> DataRecord.requireSame(partial, FULL_IN_SYSTEM));
        assertTrue(e.getMessage().contains("resume where a run reads the bundled subset again: with ENGRAM_DATA unset"
                + " and no data in /usr/share/datasets/fashion-mnist"), e.getMessage());
    }

    @Test
    void aRunWithoutARecordOfItsDataIsNotResumed(@TempDir Path partial) {
        EngramException e = assertThrows(EngramException.class, () -> DataRecord.requireSame(partial, SUBSET_IN_ENV));
        assertTrue(e.getMessage().contains("data.json") && e.getMessage().contains("older Engram")
                && e.getMessage().contains("start a new run"), e.getMessage());
    }
}
