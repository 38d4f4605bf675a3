package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.engram.experiments.data.IdxBytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@code engram run} on a folder of IDX files, one of them broken by hand, exits with code 2 and one line that
 * names the file, the part of it, what was expected and what was found, before a run folder is made. The good
 * files are 20 images of 2 x 2 (80 bytes after a 16-byte header) and 20 labels, classes 0..9 twice.
 */
class BrokenIdxRunTest {
    private static final String IMAGES = "train-images-idx3-ubyte";
    private static final String LABELS = "train-labels-idx1-ubyte";
    /** A small run of the data folder {@code %s}, which stops before training if the data is refused. */
    private static final String CONFIG = """
            name: broken
            data: {path: %s}
            tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 8, test_per_task: 4}
            network: {hidden: [4]}
            strategies: [{name: naive}]
            """;

    /** The magic number of {@code file} replaced. */
    private static UnaryOperator<byte[]> magic(int magic) {
        return file -> {
            byte[] changed = file.clone();
            ByteBuffer.wrap(changed).putInt(0, magic);
            return changed;
        };
    }

    static Stream<Arguments> brokenFiles() {
        byte[] labels = new byte[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = (byte) (i % 10);
        }
        byte[] labelFile = IdxBytes.labels(labels);
        String of20 = " bytes after the 16-byte header (20 images of 2 x 2)";
        return Stream.of(
                Arguments.of("a wrong data type", IMAGES, magic(0x00000903), IMAGES + ": magic number: expected"
                        + " magic number 0x00000803 (images: unsigned bytes, 3 dimensions), found 0x00000903 (data type"
                        + " 0x09, 3 dimensions)"),
                Arguments.of("two dimensions for three", IMAGES,
                        (UnaryOperator<byte[]>) f -> IdxBytes.idx(0x00000802, new int[] {20, 4}, new byte[80]),
                        IMAGES + ": magic number: expected magic number 0x00000803 (images: unsigned bytes, 3"
                        + " dimensions), found 0x00000802 (unsigned bytes, 2 dimensions)"),
                Arguments.of("the label file as images", IMAGES, (UnaryOperator<byte[]>) f -> labelFile,
                        IMAGES + ": magic number: expected magic number 0x00000803 (images: unsigned bytes, 3"
                        + " dimensions), found 0x00000801 (unsigned bytes, 1 dimension); this is a label file; are the"
                        + " two files swapped?"),
                Arguments.of("a truncated file", IMAGES, (UnaryOperator<byte[]>) f -> Arrays.copyOf(f, f.length - 5),
                        IMAGES + ": data: expected 80" + of20 + ", found 75 bytes (file is truncated)"),
                Arguments.of("trailing bytes", IMAGES, (UnaryOperator<byte[]>) f -> Arrays.copyOf(f, f.length + 3),
                        IMAGES + ": data: expected exactly 80" + of20 + ", found 83 bytes (3 extra)"),
                Arguments.of("a gzip file cut before its trailer", IMAGES + ".gz", (UnaryOperator<byte[]>) f -> {
                    byte[] gz = IdxBytes.gzip(f);
                    return Arrays.copyOf(gz, gz.length - 8);   // the trailer is CRC-32 and ISIZE, 4 bytes each
                }, IMAGES + ".gz: gzip trailer: expected a complete gzip stream, found a stream that ends before its"
                        + " checksum (file is truncated)"),
                Arguments.of("a label past the classes", LABELS, (UnaryOperator<byte[]>) f -> {
                    byte[] changed = f.clone();
                    changed[8 + 3] = 12;   // item 3, after the 8-byte header
                    return changed;
                }, LABELS + ": label of item 3: expected a class in [0, 10), found 12; the labels reach 12: data of 13"
                        + " classes says so, with data: {classes: 13} in a config or --classes 13 to engram bench"),
                Arguments.of("fewer labels than images", LABELS,
                        (UnaryOperator<byte[]>) f -> IdxBytes.labels(Arrays.copyOf(labels, 19)),
                        IMAGES + " and {dir}/" + LABELS + ": item counts: expected as many labels as images, found 20"
                        + " images and 19 labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileStopsTheRunBeforeItsFolderWithAMessageNamingIt(String what, String name,
            UnaryOperator<byte[]> breaking, String message, @TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        IdxBytes.tinyDataset(data, 20, IMAGES, LABELS, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", false);
        String plain = name.replace(".gz", "");
        byte[] good = Files.readAllBytes(data.resolve(plain));
        Files.delete(data.resolve(plain));
        Files.write(data.resolve(name), breaking.apply(good));
        Path config = Files.writeString(dir.resolve("broken.yaml"), CONFIG.formatted(data));
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        String folder = data.toAbsolutePath().toString();
        assertEquals("engram: error: " + folder + "/" + message.replace("{dir}", folder), r.err().strip());
        assertFalse(Files.exists(out), "no run folder");
    }
}
