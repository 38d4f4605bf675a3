package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.data.DataOrigin;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume reads the data its run started with: it looks first where the run found it, goes on
 * only with the same data, wherever that lies now, and when it finds other data it names both and
 * says how to find the original again.
 */
class DataRecordTest {
    private static final DataRecord SUBSET_IN_ENV = new DataRecord(DataOrigin.ENVIRONMENT, "/data/subset", 3000, 1000,
            "a".repeat(64), List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte", "t10k-labels.idx1-ubyte"), null, null);
    private static final DataRecord FULL_IN_SYSTEM = new DataRecord(DataOrigin.SYSTEM_FOLDER,
            "/usr/share/datasets/fashion-mnist", 60000, 10000, "b".repeat(64), null, null, null);

    /** The reported case: started with $ENGRAM_DATA, whose folder is gone, the system folder found instead. */
    @Test
    void otherDataIsRefusedWithBothNamedAndTheWayBack(@TempDir Path partial) {
        EngramException e = assertThrows(EngramException.class,
                () -> SUBSET_IN_ENV.requireSame(partial, FULL_IN_SYSTEM));
        String m = e.getMessage();
        assertTrue(m.startsWith(partial.resolve("data.json") + ": data: expected the data the run started with: "
                + "IDX data from /data/subset ($ENGRAM_DATA): 3000 training and 1000 test images (SHA-256 "
                + "aaaaaaaaaaaa...), found Fashion-MNIST from /usr/share/datasets/fashion-mnist"
                + " (the Debian package's folder): 60000 training and 10000 test images (SHA-256 bbbbbbbbbbbb...)"), m);
        assertTrue(m.endsWith("put the data the run started with back into /data/subset, or set ENGRAM_DATA to a"
                + " folder that holds it, or start a new run"), m);
    }

    @Test
    void theSameDataMovedElsewhereIsAccepted(@TempDir Path partial) {
        SUBSET_IN_ENV.requireSame(partial, new DataRecord(DataOrigin.ENVIRONMENT, "/moved/subset", 3000, 1000,
                "a".repeat(64), null, null, null));
    }

    @Test
    void theRecordIsReadBackAsWritten(@TempDir Path partial) throws IOException {
        Files.writeString(partial.resolve(DataRecord.FILE), JsonFiles.write(SUBSET_IN_ENV));
        assertEquals(SUBSET_IN_ENV, DataRecord.read(partial));
    }

    /** Runs started before the record named its files resume as before: their files read as unknown. */
    @Test
    void aRecordWithoutItsFileNamesIsReadWithNone(@TempDir Path partial) throws IOException {
        Files.writeString(partial.resolve(DataRecord.FILE), "{\"origin\": \"ENVIRONMENT\", \"location\": "
                + "\"/data/subset\", \"train_samples\": 3000, \"test_samples\": 1000, \"sha256\": \"" + "a".repeat(64)
                + "\"}");
        assertEquals(new DataRecord(DataOrigin.ENVIRONMENT, "/data/subset", 3000, 1000, "a".repeat(64), null, null,
                null), DataRecord.read(partial));
    }

    /** A SHA-256 that is none, edited or damaged, is named: it had ended the resume with a stack trace (fuzz audit). */
    @Test
    void aDamagedShaIsNamedByKeyAndValue(@TempDir Path partial) throws IOException {
        for (String sha : List.of("x", "2.5", "A".repeat(64), "a".repeat(63))) {
            Files.writeString(partial.resolve(DataRecord.FILE), "{\"origin\": \"ENVIRONMENT\", \"location\": "
                    + "\"/data/subset\", \"train_samples\": 3000, \"test_samples\": 1000, \"sha256\": \"" + sha
                    + "\"}");
            EngramException e = assertThrows(EngramException.class, () -> DataRecord.read(partial));
            assertTrue(e.getMessage().startsWith(partial.resolve(DataRecord.FILE) + ": sha256: expected the SHA-256 of"
                    + " the data the run started with (64 hexadecimal digits), or null for generated patterns, found \""
                    + sha + "\""), e.getMessage());
        }
    }

    @Test
    void aRunWithoutARecordOfItsDataIsNotResumed(@TempDir Path partial) {
        EngramException e = assertThrows(EngramException.class, () -> DataRecord.read(partial));
        assertTrue(e.getMessage().contains("data.json") && e.getMessage().contains("older Engram")
                && e.getMessage().contains("start a new run"), e.getMessage());
    }

    private static ExperimentConfig searchingConfig() {
        String yaml = "name: d\ntasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 10,"
                + " test_per_task: 10}\nstrategies: [{name: naive}]\n";
        return ConfigLayers.resolve(yaml, "d.yaml", List.of(), ConfigLayers.Flags.NONE).config();
    }

    /**
     * A run that fell back to the bundled subset (nothing else was installed) resumes on it, even
     * where a search would now find other data first; it used to be refused once data was installed.
     */
    @Test
    void aResumeReadsTheDataWhereTheRunFoundIt() {
        assumeTrue(Experiment.prepare(searchingConfig()).located().origin() != DataOrigin.BUNDLED_SUBSET,
                "a search finds installed data here (CI installs it), else there is nothing to prefer over");
        DataRecord bundled = new DataRecord(DataOrigin.BUNDLED_SUBSET, "classpath:bundled", 3000, 1000, null, null,
                null, null);
        Experiment e = Experiment.prepare(searchingConfig(), bundled);
        assertEquals(DataOrigin.BUNDLED_SUBSET, e.located().origin());
    }

    /**
     * A run that ends up on the subset without asking for it is told so (a config meant for the full
     * data ran on a tenth of it, said only in its summary); one that asks for it is not.
     */
    @Test
    void aRunOnTheSubsetItDidNotAskForIsToldSo() {
        DataRecord bundled = new DataRecord(DataOrigin.BUNDLED_SUBSET, "classpath:bundled", 3000, 1000, null, null,
                null, null);
        String notice = Experiment.prepare(searchingConfig(), bundled).subsetNotice();
        assertTrue(notice != null && notice.contains("uses the subset bundled in the jar (3000 training and 1000 test"
                + " images)") && notice.contains("apt-get install dataset-fashion-mnist")
                && notice.contains("data: {bundled: true}"), notice);
        ExperimentConfig asked = ConfigLayers.resolve("name: d\ndata: {bundled: true}\nstrategies: [{name: naive}]\n",
                "d.yaml", List.of(), ConfigLayers.Flags.NONE).config();
        assertNull(Experiment.prepare(asked).subsetNotice());
    }

    /** A recorded folder that no longer holds the data is passed over for the usual search. */
    @Test
    void aFolderThatIsGoneIsSearchedForAsANewRunWould(@TempDir Path empty) {
        DataRecord gone = new DataRecord(DataOrigin.ENVIRONMENT, empty.toString(), 3000, 1000, null, null, null,
                null);
        assertEquals(Experiment.prepare(searchingConfig()).located().location(),
                Experiment.prepare(searchingConfig(), gone).located().location());
    }
}
