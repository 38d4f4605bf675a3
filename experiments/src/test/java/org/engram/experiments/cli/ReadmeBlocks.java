package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The code blocks and inline code of the project's README, for tests that run them as written. */
final class ReadmeBlocks {
    private ReadmeBlocks() {
    }

    /**
     * The text of the README's code block that holds a marker, from the marker's line's block start.
     *
     * @param language the block's language, e.g. {@code yaml}
     * @param marker   text the block holds, e.g. {@code name: syntax-tour}
     * @return the block's text, without its fences
     */
    static String block(String language, String marker) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf(marker);
        assertTrue(at > 0, "the README shows " + marker);
        String fence = "```" + language + "\n";
        int start = readme.lastIndexOf(fence, at) + fence.length();
        return readme.substring(start, readme.indexOf("```", at));
    }

    /**
     * The README's inline code spans (text between single backticks) that follow a marker in its prose,
     * such as the lines of a config the prose spells out; a line break of the prose inside a span reads as
     * a space.
     *
     * @param marker text just before the spans, e.g. {@code a whole `qif.yaml` of three lines:}
     * @param count  how many spans to take
     * @return their texts, in the README's order
     */
    static List<String> spansAfter(String marker, int count) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf(marker);
        assertTrue(at > 0, "the README shows " + marker);
        List<String> spans = new ArrayList<>();
        int from = at + marker.length();
        while (spans.size() < count) {
            int open = readme.indexOf('`', from);
            int close = readme.indexOf('`', open + 1);
            spans.add(readme.substring(open + 1, close).replace('\n', ' '));
            from = close + 1;
        }
        return spans;
    }
}
