package org.engram.simulator.monitor;

import java.io.IOException;
import java.io.Writer;

/**
 * The rows of a monitor's CSV file, gathered and handed to the writer a few kilobytes at a time:
 * a writer call per field took a tenth of the time of writing every neuron's state at every step.
 */
final class CsvRows {
    private static final int CHUNK = 8192;

    private final Writer out;
    private final StringBuilder rows = new StringBuilder(CHUNK + 256);

    CsvRows(Writer out) {
        this.out = out;
    }

    /** {@return where the current row's fields are appended} */
    StringBuilder row() {
        return rows;
    }

    /** Ends the current row, handing the rows to the writer once they fill a chunk. */
    void endRow() throws IOException {
        rows.append('\n');
        if (rows.length() >= CHUNK) {
            out.append(rows);
            rows.setLength(0);
        }
    }

    /** Hands the rows left to the writer and flushes it. */
    void flush() throws IOException {
        out.append(rows);
        rows.setLength(0);
        out.flush();
    }
}
