package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest of a strategy's jar or folder: the same classes give the same digest whether they lie
 * in a folder or a jar and whenever the jar was built, and a change to any class changes it.
 */
class StrategyCodeTest {
    private static final Map<String, byte[]> CLASSES = new TreeMap<>(Map.of(
            "my/Strategy.class", new byte[] {1, 2, 3},
            "my/util/Helper.class", new byte[] {4, 5},
            "my/Strategy$Params.class", new byte[] {6}));

    private static Path folder(Path dir, Map<String, byte[]> classes) throws IOException {
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Path file = dir.resolve(c.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
        }
        Files.writeString(dir.resolve("README.txt"), "not code");
        return dir;
    }

    /** A jar of the classes, in reverse order, its entries stamped with {@code time}, plus a resource. */
    private static Path jar(Path file, Map<String, byte[]> classes, long time) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : ((TreeMap<String, byte[]>) classes).descendingKeySet()) {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(FileTime.fromMillis(time));
                zip.putNextEntry(e);
                zip.write(classes.get(name));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("META-INF/services/x"));
            zip.write(String.valueOf(time).getBytes());
            zip.closeEntry();
        }
        return file;
    }

    private static String digest(Path p) throws IOException {
        return StrategyCode.codeSha256(p.toUri().toURL());
    }

    @Test
    void theSameClassesDigestAlikeInAFolderAndInJarsOfAnyBuildTime(@TempDir Path dir) throws IOException {
        String inFolder = digest(folder(Files.createDirectory(dir.resolve("classes")), CLASSES));
        assertEquals(64, inFolder.length());
        assertEquals(inFolder, digest(jar(dir.resolve("a.jar"), CLASSES, 1_000_000L)));
        assertEquals(inFolder, digest(jar(dir.resolve("b.jar"), CLASSES, 2_000_000_000L)));
    }

    @Test
    void aChangedHelperClassChangesTheDigest(@TempDir Path dir) throws IOException {
        Map<String, byte[]> changed = new TreeMap<>(CLASSES);
        changed.put("my/util/Helper.class", new byte[] {4, 6});
        assertNotEquals(digest(jar(dir.resolve("a.jar"), CLASSES, 0)), digest(jar(dir.resolve("b.jar"), changed, 0)));
        // A class moved to another name is other code too, though the bytes are the same.
        Map<String, byte[]> moved = new TreeMap<>(CLASSES);
        moved.put("my/util/Helper2.class", moved.remove("my/util/Helper.class"));
        assertNotEquals(digest(jar(dir.resolve("c.jar"), CLASSES, 0)), digest(jar(dir.resolve("d.jar"), moved, 0)));
    }

    @Test
    void anUnreadableSourceHasNoDigest(@TempDir Path dir) throws IOException {
        assertNull(digest(dir.resolve("missing.jar")));
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertNull(digest(notAJar));
    }

    /**
     * Each class file's length is part of the digest, so that where one file ends and the next name begins is
     * not lost: a class whose bytes are another's name and bytes ("A.class" holding "B.class" + "xyz") digests
     * otherwise than the two classes, though their names and bytes run on alike.
     */
    @Test
    void whereOneClassEndsAndTheNextBeginsIsPartOfTheDigest(@TempDir Path dir) throws IOException {
        Map<String, byte[]> two = new TreeMap<>(Map.of("A.class", new byte[0], "B.class", "xyz".getBytes()));
        Map<String, byte[]> one = new TreeMap<>(Map.of("A.class", "B.classxyz".getBytes()));
        assertNotEquals(digest(jar(dir.resolve("two.jar"), two, 0)), digest(jar(dir.resolve("one.jar"), one, 0)));
    }
}
