package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The code blocks of the project's README, for tests that run them as written. */
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
}
