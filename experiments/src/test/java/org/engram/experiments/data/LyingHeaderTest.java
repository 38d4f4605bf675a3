package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A header that claims far more images than the file holds is reported as a truncated file, even
 * in a small heap: the reader does not first allocate what the header claims (2.1 GB here).
 */
class LyingHeaderTest {

    /** Reads a 1,016-byte file whose header claims 2,700,000 images of 28 x 28; prints the error. */
    public static void main(String[] args) throws IOException {
        ByteBuffer file = ByteBuffer.allocate(16 + 1000).putInt(0x803).putInt(2_700_000).putInt(28).putInt(28);
        try {
            IdxReader.readImages("lying-images", new ByteArrayInputStream(file.array()));
            System.out.println("read");
        } catch (DataFileException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void aLyingHeaderIsATruncatedFileInA64MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LyingHeaderTest.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("file is truncated") && out.contains("2700000 images"), out);
    }
}
