package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's folder moves into place only with a status that says "complete": one whose final status
 * could not be written (a full disk) had been committed saying "running", and the command exited 0.
 */
class RunCompletionTest {

    @Test
    void aWrittenCompleteStatusMovesTheFolderIntoPlace(@TempDir Path results) throws IOException {
        RunLoop loop = loop(results);
        loop.begin();
        Path done = loop.complete();
        assertEquals(results.resolve("e").resolve("r1"), done);
        assertEquals("complete", JsonFiles.MAPPER.readTree(done.resolve(RunStatus.FILE).toFile())
                .get("state").asText());
    }

    @Test
    void aCompleteStatusThatCannotBeWrittenKeepsTheFolderPartial(@TempDir Path results) throws IOException {
        RunLoop loop = loop(results);
        loop.begin();
        Path partial = results.resolve("e").resolve(".r1.partial");
        Files.delete(partial.resolve(RunStatus.FILE));
        Files.createDirectories(partial.resolve(RunStatus.FILE).resolve("in-the-way"));
        RunStopped stopped = assertThrows(RunStopped.class, loop::complete);
        assertTrue(stopped.getMessage().contains("could not be marked complete"), stopped.getMessage());
        assertTrue(loop.unsavedStatusNote().contains("could not be updated to say so"), loop.unsavedStatusNote());
        assertTrue(Files.isDirectory(partial));
        assertFalse(Files.exists(results.resolve("e").resolve("r1")));
    }

    /**
     * A run folder removed before its complete status (by hand, a clean-up of the file system): the
     * stop said the status could not be written and so the folder was kept partial, which is gone.
     */
    @Test
    void aFolderRemovedBeforeTheCompleteStatusIsSaidToBeGone(@TempDir Path results) throws IOException {
        RunLoop loop = loop(results);
        loop.begin();
        Path partial = results.resolve("e").resolve(".r1.partial");
        try (java.util.stream.Stream<Path> walk = Files.walk(partial)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
        RunFolderGone gone = assertThrows(RunFolderGone.class, loop::complete);
        assertTrue(gone.getMessage().startsWith(partial + ": expected the folder this process writes its results"
                + " into, found none"), gone.getMessage());
        loop.abandon();
        assertEquals("", loop.unsavedStatusNote(), "no note of a status that had no folder to go in");
        assertEquals(List.of(), Files.list(results.resolve("e")).toList());
    }

    /** The loop with only what its status and its folder need: no config, experiment or checkpoints. */
    private static RunLoop loop(Path results) {
        RunFolder folder = RunFolder.create(results, "e", "r1");
        RunStatus status = RunStatus.start("e", "r1", 1, null, List.of(), List.of(), List.of("abc"));
        return new RunLoop(null, null, null, folder, status, Runner.TestHooks.NONE,
                new PrintWriter(new StringWriter()));
    }
}
