package org.engram.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of run folders, for tests that edit a run's files without touching the run others read. */
final class RunCopies {
    private RunCopies() {
    }

    /**
     * Copies a run folder, every file and subfolder.
     *
     * @param run  the run folder
     * @param copy where the copy goes (created)
     * @return {@code copy}
     */
    static Path copy(Path run, Path copy) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }
}
