package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Markdown table of the documentation has, on each of its lines, the cells of its header: a row
 * wrapped onto a second line renders as two rows, the second's text in the wrong column (as the README's
 * {@code inputs[]} row of the simulate keys did).
 */
class ReadmeTablesTest {
    /** A pipe that separates cells: GitHub splits on every pipe not escaped by a backslash, inside code too. */
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");
    private static final Pattern DELIMITER_ROW = Pattern.compile("\\s*\\|[-| :]+\\|\\s*");

    @ParameterizedTest
    @ValueSource(strings = {
        "../README.md", "../results/README.md", "configs/README.md", "../simulator/PERFORMANCE.md"})
    void everyRowHasTheHeadersCells(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(file));
        List<String> misshapen = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("|") || !DELIMITER_ROW.matcher(lines.get(i + 1)).matches()) {
                continue;
            }
            int cells = cells(lines.get(i));
            int row = i + 2;
            // A table ends at a blank line or an HTML block such as the generated tables' end markers.
            for (; row < lines.size() && !lines.get(row).isBlank() && !lines.get(row).startsWith("<!--"); row++) {
                String line = lines.get(row).strip();
                if (!line.startsWith("|") || cells(line) != cells) {
                    misshapen.add(file + ":" + (row + 1) + ": " + line.substring(0, Math.min(60, line.length())));
                }
            }
            i = row;
        }
        assertEquals(List.of(), misshapen, "rows whose cells differ from their header's");
    }

    private static int cells(String row) {
        return CELL_SEPARATOR.split(row.strip(), -1).length - 2;
    }
}
