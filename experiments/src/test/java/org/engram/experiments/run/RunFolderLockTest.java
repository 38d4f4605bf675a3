package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock of a partial folder as another process sees it ({@link RunFolder#holder}), and what taking it
 * clears: the temporary files a killed process left. A lock is per process, so this process's own open
 * folder reads as held, as a second process's would.
 */
class RunFolderLockTest {
    @TempDir
    Path results;

    /** No lock file: an older Engram's folder, whose process cannot be told. Once made and let go: free. */
    @Test
    void aFolderReadsAsHeldOnlyWhileItsLockIsTaken() {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        assertEquals(RunFolder.Holder.UNKNOWN, RunFolder.holder(run.directory()));
        assertFalse(Files.exists(run.directory().resolve(RunFolder.LOCK)), "a reader makes no lock file");
        run.lock(new PrintWriter(Writer.nullWriter()));
        assertEquals(RunFolder.Holder.HELD, RunFolder.holder(run.directory()));
        assertEquals(RunFolder.Holder.HELD, RunFolder.holder(run.directory()), "looking leaves the lock held");
        run.release();
        assertEquals(RunFolder.Holder.FREE, RunFolder.holder(run.directory()));
        assertEquals(RunFolder.Holder.FREE, RunFolder.holder(run.directory()), "looking takes no lock for good");
    }

    /**
     * A look at a folder this process holds leaves it held for other processes too: on Linux a process loses its
     * lock on a file when it closes any descriptor of that file, so the look must not open the lock file. A second
     * open folder of the same run here is refused, and its refusal does not drop the lock either.
     */
    @Test
    void lookingAtItsOwnFolderKeepsItHeldForOtherProcesses() throws IOException, InterruptedException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        run.lock(new PrintWriter(Writer.nullWriter()));
        assertEquals(RunFolder.Holder.HELD, RunFolder.holder(run.directory()));
        RunFolder again = RunFolder.resume(results, "exp", "run-1");
        EngramException refused = assertThrows(EngramException.class,
                () -> again.lock(new PrintWriter(Writer.nullWriter())));
        assertTrue(refused.getMessage().contains("a folder another process holds"), refused.getMessage());
        assertEquals(RunFolder.Holder.HELD, LockProbe.fromAnotherProcess(run.directory()));
        run.release();
        assertEquals(RunFolder.Holder.FREE, LockProbe.fromAnotherProcess(run.directory()));
    }

    /**
     * Two processes cannot both write one run folder: while another process holds its lock, taking the folder is
     * refused with a message that names it; once that process ends, the folder can be taken.
     */
    @Test
    void aFolderAnotherProcessHoldsIsRefusedNamingTheFolder() throws IOException, InterruptedException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        Process other = LockProbe.holdInAnotherProcess(run.directory());
        try {
            EngramException refused = assertThrows(EngramException.class,
                    () -> run.lock(new PrintWriter(Writer.nullWriter())));
            assertTrue(refused.getMessage().startsWith(run.directory().toString()) && refused.getMessage().contains(
                    "found a folder another process holds"), refused.getMessage());
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        run.lock(new PrintWriter(Writer.nullWriter()));
        assertEquals(RunFolder.Holder.HELD, LockProbe.fromAnotherProcess(run.directory()));
        run.release();
    }

    /** One process may work on two run folders at once: the lock of one does not stand for the other's. */
    @Test
    void oneProcessHoldsTwoFoldersEachByItsOwnLock() throws IOException, InterruptedException {
        RunFolder first = RunFolder.create(results, "exp", "run-1");
        RunFolder second = RunFolder.create(results, "exp", "run-2");
        second.lock(new PrintWriter(Writer.nullWriter()));
        second.release();
        first.lock(new PrintWriter(Writer.nullWriter()));
        assertEquals(RunFolder.Holder.FREE, RunFolder.holder(second.directory()), "the first folder's lock only");
        second.lock(new PrintWriter(Writer.nullWriter()));
        first.release();
        assertEquals(RunFolder.Holder.FREE, LockProbe.fromAnotherProcess(first.directory()));
        assertEquals(RunFolder.Holder.HELD, LockProbe.fromAnotherProcess(second.directory()));
        second.release();
    }

    /**
     * The files a process killed while it wrote them left ({@code .<file>.<pid>-<n>.tmp}, in any folder of the
     * run) go when the folder is taken; the files of the same names without that form stay.
     */
    @Test
    void takingTheFolderRemovesTheFilesAKillLeftHalfWritten() throws IOException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        Path unit = Files.createDirectories(run.directory().resolve("checkpoints/naive/seed-1"));
        Path[] halfWritten = {run.directory().resolve(".status.json.4242-1.tmp"),
            unit.resolve(".learner-2.state.4242-7.tmp")};
        Path[] kept = {run.directory().resolve("status.json"), unit.resolve("learner-1.state"),
            unit.resolve(".notes.tmp")};
        for (Path p : halfWritten) {
            Files.writeString(p, "half");
        }
        for (Path p : kept) {
            Files.writeString(p, "whole");
        }
        run.lock(new PrintWriter(Writer.nullWriter()));
        for (Path p : halfWritten) {
            assertFalse(Files.exists(p), p.toString());
        }
        for (Path p : kept) {
            assertEquals("whole", Files.readString(p), p.toString());
        }
    }
}
