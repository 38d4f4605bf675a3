package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The last line of {@code engram run}, {@code simulate} and {@code compare}: the folder their results
 * went to, which scripts read. Written where standard output fails (a full disk, a pipe closed), the
 * line is lost with the rest, so the error that reports it names the folder, where the results are kept.
 */
final class ResultFolderLine {
    private ResultFolderLine() {
    }

    /**
     * Prints the folder as the last line of standard output.
     *
     * @param out    standard output
     * @param err    standard error
     * @param folder the results' folder
     * @return the command's exit code: 0, or 1 when standard output could not be written
     */
    static int print(PrintWriter out, PrintWriter err, Path folder) {
        out.println(folder);
        out.flush();
        // Picocli's writer wraps System.out in a writer of its own, whose errors only System.out records.
        if (out.checkError() || System.out.checkError()) {
            err.println("engram: error: standard output could not be written (a full disk, or a pipe closed before the"
                    + " end): what the command printed is incomplete; its results are kept in " + folder);
            err.flush();
            return 1;
        }
        return 0;
    }
}
