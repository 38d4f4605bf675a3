package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path dir;

    private Path tiny(String name, boolean gzip, boolean dotted) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        String sep = dotted ? "." : "-";
        String ext = gzip ? ".gz" : "";
        IdxBytes.tinyDataset(d, 20,
                "train-images" + sep + "idx3-ubyte" + ext, "train-labels" + sep + "idx1-ubyte" + ext,
                "t10k-images" + sep + "idx3-ubyte" + ext, "t10k-labels" + sep + "idx1-ubyte" + ext, gzip);
        return d;
    }

    /** The README's line that reads the data as the command line does, from wherever it is found here. */
    @Test
    void theReadmesLineReadsTheTrainingSet() {
        Dataset d = new DataLocator().locate(null, "data.path").train(FashionMnist.CLASSES);
        assertEquals(784, d.features(0).length);
        assertEquals(d.size(), d.labels().length);
        assertEquals(FashionMnist.CLASSES, d.classCounts().length);
    }

    @Test
    void explicitFolderWinsOverEnvironmentAndSystem() throws Exception {
        Path explicit = tiny("explicit", false, false);
        Path env = tiny("env", true, false);
        Path sys = tiny("sys", true, true);
        LocatedData found = new DataLocator(env.toString(), sys).locate(explicit, "data.path");
        assertEquals(DataOrigin.CONFIG_PATH, found.origin());
        assertEquals(20, found.train(FashionMnist.CLASSES).size());
        assertEquals(DataOrigin.ENVIRONMENT, new DataLocator(env.toString(), sys).locate(null, "data.path").origin());
        LocatedData system = new DataLocator(null, sys).locate(null, "data.path");
        assertEquals(DataOrigin.SYSTEM_FOLDER, system.origin());
        // dotted + gzip names are accepted: the tiny test split has labels 0..9 cycled.
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(system.test(FashionMnist.CLASSES).labels(), 3));
    }

    /**
     * Data is described by the setting that named its folder, which a run's config and a benchmark's
     * option call differently, and otherwise by the rule of the search that found it; a resumed run's
     * folder is its config's data.path again.
     */
    @Test
    void dataIsDescribedByTheSettingThatNamedItsFolder() throws Exception {
        Path folder = tiny("named", false, false);
        String abs = folder.toAbsolutePath().toString();
        LocatedData option = new DataLocator(null, null).locate(folder, "--data");
        assertEquals("IDX data from " + abs + " (--data)", option.toString());
        assertEquals("--data", option.source());
        assertEquals("IDX data from " + abs + " (data.path)",
                new DataLocator(null, null).locate(folder, "data.path").toString());
        LocatedData env = new DataLocator(abs, null).locate(null, "--data");
        assertEquals("IDX data from " + abs + " ($ENGRAM_DATA)", env.toString());
        assertEquals("environment", env.source());
        assertEquals("IDX data from " + abs + " (data.path)",
                DataLocator.again(DataOrigin.CONFIG_PATH, "data.path", abs).toString());
        assertEquals("environment", DataLocator.again(DataOrigin.ENVIRONMENT, "data.path", abs).source());
    }

    /** Without its path, a folder is named by its last name; the bundled subset, which has no path, as always. */
    @Test
    void dataIsDescribedWithoutItsPathByItsFolderName() throws Exception {
        Path folder = tiny("named", false, false);
        assertEquals("IDX data from folder named (data.path)",
                new DataLocator(null, null).locate(folder, "data.path").describedWithoutPath());
        LocatedData bundled = DataLocator.bundledSubset();
        assertEquals("Fashion-MNIST from classpath:org/engram/experiments/data/fashion-mnist-subset/ (the bundled"
                + " subset)", bundled.describedWithoutPath());
    }

    /** What a run records of its data does not depend on the files' format or names. */
    @Test
    void plainAndGzipFilesOfTheSameDataHashAlike() throws Exception {
        LocatedData plain = new DataLocator(null, null).locate(tiny("plain", false, false), "data.path");
        LocatedData gzip = new DataLocator(null, null).locate(tiny("gzip", true, true), "data.path");
        assertEquals(Dataset.sha256(List.of(plain.train(FashionMnist.CLASSES), plain.test(FashionMnist.CLASSES))),
                Dataset.sha256(List.of(gzip.train(FashionMnist.CLASSES), gzip.test(FashionMnist.CLASSES))));
        assertNotEquals(Dataset.sha256(List.of(plain.train(FashionMnist.CLASSES), plain.test(FashionMnist.CLASSES))),
                Dataset.sha256(List.of(plain.test(FashionMnist.CLASSES).limit(19), plain.test(FashionMnist.CLASSES))));
    }

    /** Of several names for one file, the search reads the first of its order, and says which it read. */
    @Test
    void theFileNamesAreThoseTheSearchChose() throws Exception {
        Path both = tiny("both", true, true);
        IdxBytes.tinyDataset(both, 20, "train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz",
                "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte", false);
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz", "t10k-images.idx3-ubyte",
                "t10k-labels.idx1-ubyte"), new DataLocator(null, null).locate(both, "data.path").fileNames());
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), DataLocator.bundledSubset().fileNames());
    }

    @Test
    void fallsBackToBundledSubsetWhenNothingIsNamedOrInstalled() {
        LocatedData found = new DataLocator(null, dir.resolve("absent")).locate(null, "data.path");
        assertEquals(DataOrigin.BUNDLED_SUBSET, found.origin());
        assertTrue(found.isBundledSubset());
    }

    /**
     * A folder named in the config is not searched past, so the way on is that folder or the
     * setting: the message had advised setting ENGRAM_DATA, which a data.path overrides.
     */
    @Test
    void missingExplicitFolderSaysWhatWasLookedForAndHowToGoOn() {
        Path absent = dir.resolve("absent");
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(absent, "data.path"));
        assertEquals(absent.toAbsolutePath().toString(), e.source());
        assertEquals("no such folder", e.found());
        assertTrue(e.expected().contains("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte"), e.getMessage());
        assertEquals("data.path", e.location());
        assertEquals("put the files into that folder ('apt-get install dataset-fashion-mnist' puts them into"
                + " /usr/share/datasets/fashion-mnist), or change data.path (without it, $ENGRAM_DATA, then"
                + " /usr/share/datasets/fashion-mnist, then the subset bundled in the jar are searched)", e.hint());
    }

    /** A ~ that no shell expanded (a config's data.path, --set) read as a folder named ~ without a word on it. */
    @Test
    void aFolderUnderAnUnexpandedTildeSaysSo() {
        Path tilde = dir.resolve("~").resolve("raw");
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(tilde, "data.path"));
        assertEquals("no such folder", e.found());
        assertTrue(e.hint().startsWith("~ is not expanded (only a shell does that); write the full path, e.g. "
                + Path.of(System.getProperty("user.home"), "raw") + "; put the files"), e.hint());
        // A name of its own that starts with ~, or a ~ with nothing after it, is no unexpanded home.
        for (Path other : List.of(dir.resolve("~old").resolve("raw"), dir.resolve("x").resolve("~"))) {
            DataFileException o = assertThrows(DataFileException.class,
                    () -> new DataLocator(null, null).locate(other, "data.path"));
            assertFalse(o.hint().contains("~ is not expanded"), o.hint());
        }
    }

    /** A link to itself was said to be a link to a file "which does not exist". */
    @Test
    void aLinkToItselfIsSaidToLoop() throws Exception {
        Path d = tiny("looping", false, false);
        Files.delete(d.resolve("t10k-labels-idx1-ubyte"));
        Files.createSymbolicLink(d.resolve("t10k-labels-idx1-ubyte"), Path.of("t10k-labels-idx1-ubyte"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        assertTrue(e.found().endsWith("(t10k-labels-idx1-ubyte is a link that loops (to t10k-labels-idx1-ubyte,"
                + " which leads back to it))"), e.getMessage());
    }

    /**
     * A link into a loop of other links (a -> b -> c -> b) was said to lead "back to it", which it does not: the
     * loop is named, by file name in the data folder and by full path outside it.
     */
    @Test
    void aLinkIntoALoopNamesTheLoop() throws Exception {
        Path d = tiny("into-loop", false, false);
        Path elsewhere = Files.createDirectories(d.resolveSibling("elsewhere"));
        Files.delete(d.resolve("t10k-labels-idx1-ubyte"));
        Files.createSymbolicLink(d.resolve("t10k-labels-idx1-ubyte"), Path.of("b"));
        Files.createSymbolicLink(d.resolve("b"), elsewhere.resolve("c"));
        Files.createSymbolicLink(elsewhere.resolve("c"), d.resolve("b"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        Path c = elsewhere.resolve("c").toAbsolutePath().normalize();
        assertTrue(e.found().endsWith("(t10k-labels-idx1-ubyte is a link into a loop of links (to b, then round b -> "
                + c + " -> b))"), e.getMessage());
    }

    @Test
    void incompleteFolderListsTheMissingFileNames() throws Exception {
        Path d = tiny("partial", true, false);
        Files.delete(d.resolve("t10k-labels-idx1-ubyte.gz"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        assertTrue(e.found().contains("t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz or "
                + "t10k-labels.idx1-ubyte or t10k-labels.idx1-ubyte.gz"), e.getMessage());
        assertFalse(e.found().contains("train-images"), e.getMessage());
        assertFalse(e.found().contains("is a folder"), e.getMessage());
        // A folder of the file's name is said to be one (it had read as if nothing were there).
        Files.createDirectory(d.resolve("t10k-labels-idx1-ubyte.gz"));
        DataFileException folder = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        assertTrue(folder.found().endsWith("(t10k-labels-idx1-ubyte.gz is a folder)"), folder.getMessage());
        // A link to a file moved away names where it points (it had read as if nothing were there).
        Files.createSymbolicLink(d.resolve("t10k-labels-idx1-ubyte"), dir.resolve("moved-away"));
        DataFileException link = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        assertTrue(link.found().endsWith("(t10k-labels-idx1-ubyte is a link to " + dir.resolve("moved-away")
                + ", which does not exist; t10k-labels-idx1-ubyte.gz is a folder)"), link.getMessage());
        // A named pipe of the file's name is said to be no regular file (it had read as if nothing were there).
        Path pipe = d.resolve("t10k-labels.idx1-ubyte");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo");
        DataFileException fifo = assertThrows(DataFileException.class,
                () -> new DataLocator(null, null).locate(d, "data.path"));
        assertTrue(fifo.found().endsWith("t10k-labels-idx1-ubyte.gz is a folder; t10k-labels.idx1-ubyte is not a"
                + " regular file (a pipe or device))"), fifo.getMessage());
    }

    /**
     * A folder the user may not enter had each of its files reported absent; one it may enter but
     * not list is read, as its files are opened by name. Root enters every folder.
     */
    @Test
    void aFolderThatMayNotBeEnteredIsSaidToBeOne() throws Exception {
        Path d = tiny("locked", false, false);
        assumeTrue(Files.getFileStore(d).supportsFileAttributeView("posix"), "POSIX permissions");
        try {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("-wx------"));
            assertEquals(20, new DataLocator(null, null).locate(d, "data.path").train(FashionMnist.CLASSES).size());
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rw-------"));
            assumeFalse(Files.isExecutable(d), "a user who may enter every folder (root)");
            DataFileException e = assertThrows(DataFileException.class,
                    () -> new DataLocator(null, null).locate(d, "data.path"));
            assertTrue(e.found().contains("a folder this user may not enter (permission denied)")
                    && e.getMessage().contains("chmod a+x " + d), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void environmentFolderThatIsEmptyIsAnErrorNotASilentFallback() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> new DataLocator(empty.toString(), null).locate(null, "data.path"));
        assertEquals("$ENGRAM_DATA", e.location());
    }
}
