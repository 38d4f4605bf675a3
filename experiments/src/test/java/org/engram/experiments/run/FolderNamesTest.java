package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FolderNames} against names worked out by hand. */
class FolderNamesTest {
    /** Folders of names of their own keep them; namesakes get the fewest last names that differ. */
    @Test
    void namesakesAreNamedByTheShortestEndThatDiffers() {
        Path a = Path.of("/r/x/a/best");
        Path b = Path.of("/r/y/a/best");
        Path c = Path.of("/r/z/b/best");
        Path d = Path.of("/r/z/b/other");
        assertEquals(Map.of(a, "x/a/best", b, "y/a/best", c, "b/best", d, "other"),
                FolderNames.of(List.of(a, b, c, d)));
    }

    /** A path that is the end of another's has no end of its own that differs: its full path does. */
    @Test
    void aPathThatEndsAnotherIsNamedInFull() {
        Path inner = Path.of("/x/run");
        Path outer = Path.of("/a/x/run");
        assertEquals(Map.of(inner, "/x/run", outer, "a/x/run"), FolderNames.of(List.of(inner, outer)));
    }
}
