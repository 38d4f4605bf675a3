package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.simulator.EngramException;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set of figures goes into its folder all or none: a failure while drawing (a full disk, a
 * figure that cannot be drawn) left part of the set, and a second attempt was refused for it.
 */
class FigureFolderTest {
    private static Figure drawable(String title) {
        return new Figure(new JFreeChart(title, new PiePlot<String>()), 200, 100);
    }

    /** A chart whose drawing fails, as a full disk fails the writing of a drawn one. */
    private static Figure failing() {
        JFreeChart chart = new JFreeChart("broken", new PiePlot<String>()) {
            @Override
            public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, ChartRenderingInfo info) {
                throw new IllegalStateException("cannot draw");
            }
        };
        return new Figure(chart, 200, 100);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSetThatCannotBeDrawnWholeLeavesTheFolderAsItWas(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        byte[] before = {1, 2, 3};
        Files.write(figures.resolve("first.png"), before);
        Map<String, Figure> set = new LinkedHashMap<>();
        set.put("first", drawable("first"));
        set.put("second", failing());
        assertThrows(IllegalStateException.class, () -> FigureFolder.writeAll(set, figures));
        assertEquals(List.of("first.png"), names(figures));
        assertArrayEquals(before, Files.readAllBytes(figures.resolve("first.png")));
        assertEquals(List.of("figs"), names(dir), "no drawing folder left beside it");
    }

    @Test
    void aWholeSetReplacesItsNamesAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        Files.write(figures.resolve("first.png"), new byte[] {1, 2, 3});
        Files.writeString(figures.resolve("notes.txt"), "mine");
        Map<String, Figure> set = new LinkedHashMap<>();
        set.put("first", drawable("first"));
        set.put("second", drawable("second"));
        List<Path> written = FigureFolder.writeAll(set, figures);
        assertEquals(6, written.size());
        assertEquals(List.of("first.pdf", "first.png", "first.svg", "notes.txt", "second.pdf", "second.png",
                "second.svg"), names(figures));
        assertFalse(Files.readAllBytes(figures.resolve("first.png")).length == 3, "first.png was redrawn");
        assertEquals(List.of("figs"), names(dir));
    }

    /**
     * Figures laid out for print leave their titles and subtitles out: captions.md beside them gives
     * each figure's, to write the paper's captions from; figures for a screen show theirs and get none.
     */
    @Test
    void printedFiguresComeWithTheirCaptions(@TempDir Path dir) throws Exception {
        JFreeChart chart = new JFreeChart("naive: forgetting", new PiePlot<String>());
        chart.addSubtitle(0, new TextTitle("ACC 90.0%\u00A0\u00A0 BWT -5.0 pp;\u00A0\u00A0 bars: 95% interval"));
        Map<String, Figure> set = new LinkedHashMap<>();
        set.put("forgetting_naive", new Figure(chart, 200, 100).from("Engram run r of e").printedAt(3.3));
        List<Path> written = FigureFolder.writeAll(set, dir.resolve("figs"));
        assertEquals(dir.resolve("figs/captions.md"), written.get(written.size() - 1));
        String captions = Files.readString(dir.resolve("figs/captions.md"));
        assertTrue(captions.contains("\n- `forgetting_naive` (.png, .svg, .pdf): naive: forgetting (Engram run r of e)."
                + " ACC 90.0%; BWT -5.0 pp; bars: 95% interval\n"), captions);
        FigureFolder.writeAll(Map.of("screen", drawable("screen")), dir.resolve("screen"));
        assertFalse(Files.exists(dir.resolve("screen/captions.md")));
        // Another run's figures drawn into the same folder: its entries join those of figures still there.
        Files.delete(dir.resolve("figs/forgetting_naive.png"));
        Files.writeString(dir.resolve("figs/other.png"), "x");
        Files.writeString(dir.resolve("figs/captions.md"), captions + "- `other` (.png, .svg, .pdf): kept\n");
        JFreeChart second = new JFreeChart("hlop: forgetting", new PiePlot<String>());
        FigureFolder.writeAll(Map.of("forgetting_hlop", new Figure(second, 200, 100).printedAt(3.3)),
                dir.resolve("figs"));
        String gathered = Files.readString(dir.resolve("figs/captions.md"));
        assertTrue(gathered.contains("\n- `other` (.png, .svg, .pdf): kept\n- `forgetting_hlop` (.png, .svg, .pdf):"
                + " hlop: forgetting\n") && !gathered.contains("forgetting_naive"), gathered);
    }

    /**
     * Figures drawn again for a screen over figures for print take their entries out of captions.md,
     * which would describe them as they were; a file left with no entry goes.
     */
    @Test
    void figuresDrawnOverForAScreenLeaveNoCaptionsOfTheirOwn(@TempDir Path dir) throws Exception {
        Path figs = dir.resolve("figs");
        Map<String, Figure> printed = new LinkedHashMap<>();
        printed.put("first", new Figure(new JFreeChart("first", new PiePlot<String>()), 200, 100).printedAt(3.3));
        printed.put("second", new Figure(new JFreeChart("second", new PiePlot<String>()), 200, 100).printedAt(3.3));
        FigureFolder.writeAll(printed, figs);
        List<Path> written = FigureFolder.writeAll(Map.of("first", drawable("first")), figs);
        String captions = Files.readString(figs.resolve("captions.md"));
        assertTrue(captions.contains("\n- `second` (.png, .svg, .pdf): second\n") && !captions.contains("`first`"),
                captions);
        assertEquals(figs.resolve("captions.md"), written.get(written.size() - 1));
        written = FigureFolder.writeAll(Map.of("second", drawable("second")), figs);
        assertFalse(Files.exists(figs.resolve("captions.md")), "no figure left to describe");
        assertEquals(3, written.size());
        assertEquals(List.of("first.pdf", "first.png", "first.svg", "second.pdf", "second.png", "second.svg"),
                names(figs));
        // A captions file that cannot be read (not UTF-8) may hold other figures' entries: it is left alone.
        byte[] unreadable = {'-', ' ', '`', 'o', 't', 'h', 'e', 'r', '`', ' ', (byte) 0xE9, '\n'};
        Files.write(figs.resolve("captions.md"), unreadable);
        FigureFolder.writeAll(Map.of("first", drawable("first")), figs);
        assertArrayEquals(unreadable, Files.readAllBytes(figs.resolve("captions.md")));
    }

    /** A drawing folder that a killed process left is removed by the next drawing into the same folder. */
    @Test
    void aDrawingFolderLeftByAKilledProcessIsRemoved(@TempDir Path dir) throws Exception {
        Path left = Files.createDirectories(dir.resolve(".figs.drawing-" + goneProcessPid()));
        Files.writeString(left.resolve("half.svg"), "<svg");
        ageBeyondQuiet(left);
        FigureFolder.writeAll(Map.of("only", drawable("only")), dir.resolve("figs"));
        assertEquals(List.of("figs"), names(dir));
    }

    /**
     * A process on another machine that shares the folder does not run here, whatever its pid: its
     * drawing folder, which changes as it draws, is left alone until nothing in it has changed for
     * the quiet time, as a process that was killed would leave it.
     */
    @Test
    void aRecentDrawingFolderOfAPidNotRunningHereIsLeftAlone(@TempDir Path dir) throws Exception {
        Path drawing = Files.createDirectories(dir.resolve(".figs.drawing-" + goneProcessPid() + "-1"));
        Files.writeString(drawing.resolve("theirs.svg"), "<svg/>");
        drawIntoNew(dir.resolve("figs"));
        assertEquals(List.of("theirs.svg"), names(drawing));

        Files.setLastModifiedTime(drawing, FileTime.from(Instant.now().minus(AbandonedSimulations.QUIET)
                .minusSeconds(60)));   // the folder old, the file in it still recent
        drawIntoNew(dir.resolve("figs"));
        assertEquals(List.of("theirs.svg"), names(drawing));

        ageBeyondQuiet(drawing);
        drawIntoNew(dir.resolve("figs"));
        assertEquals(List.of("figs"), names(dir));
    }

    /** Draws one figure into a folder made anew, so that drawing folders beside it are cleared. */
    private static void drawIntoNew(Path figures) throws Exception {
        if (Files.exists(figures)) {
            try (Stream<Path> walk = Files.walk(figures)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        FigureFolder.writeAll(Map.of("only", drawable("only")), figures);
    }

    /** {@return the pid of a process that has ended} */
    private static long goneProcessPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    /** Dates a folder and everything in it from before the quiet time, as if left long ago. */
    private static void ageBeyondQuiet(Path folder) throws Exception {
        FileTime old = FileTime.from(Instant.now().minus(AbandonedSimulations.QUIET).minusSeconds(60));
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    /**
     * A process of another container on the same shared folder can have this process's pid (each may
     * be pid 1): its drawing folder, named from the pid, was deleted as this drawing began, and the
     * two drew into one folder. A drawing folder of a live pid is left alone.
     */
    @Test
    void aDrawingFolderOfAnotherProcessWithThisPidIsLeftAlone(@TempDir Path dir) throws Exception {
        Path other = Files.createDirectories(dir.resolve(".figs.drawing-" + ProcessHandle.current().pid()));
        Files.writeString(other.resolve("theirs.svg"), "<svg/>");
        ageBeyondQuiet(other);   // quiet, as the other's may be while it draws one figure: its pid alone keeps it
        FigureFolder.writeAll(Map.of("only", drawable("only")), dir.resolve("figs"));
        assertEquals(List.of("only.pdf", "only.png", "only.svg"), names(dir.resolve("figs")));
        assertEquals(List.of("theirs.svg"), names(other));
        assertEquals(List.of(".figs.drawing-" + ProcessHandle.current().pid(), "figs"), names(dir));
    }

    /**
     * A drawing folder removed while the set is drawn (by a clean-up, or by a drawing on another
     * machine that took it for a dead process's) while its first figure is drawn, before any is
     * written: the first file makes it again, and the whole set goes into place.
     */
    @Test
    void aDrawingFolderRemovedWhileFiguresAreDrawnTakesThemAllWhenWritten(@TempDir Path dir) throws Exception {
        JFreeChart chart = chartThatRemovesTheDrawingFolder(dir, ".figs.drawing-", "first", 0);
        Map<String, Figure> set = new LinkedHashMap<>();
        set.put("first", new Figure(chart, 200, 100));
        set.put("second", drawable("second"));
        // The first figure is drawn before any is written: the folder is made again by the first file.
        FigureFolder.writeAll(set, dir.resolve("figs"));
        assertEquals(List.of("figs"), names(dir), "no drawing folder left");
        assertEquals(List.of("first.pdf", "first.png", "first.svg", "second.pdf", "second.png", "second.svg"),
                names(dir.resolve("figs")));
    }

    /**
     * A chart whose drawing removes the drawing folders named {@code prefix...} in a folder, with their files,
     * once they hold {@code pdfs} PDFs: figures drawn at once with this one are written by then.
     */
    private static JFreeChart chartThatRemovesTheDrawingFolder(Path home, String prefix, String title, int pdfs) {
        return new JFreeChart(title, new PiePlot<String>()) {
            /** Whether the folders were removed: the chart is drawn thrice, for the PNG, SVG and PDF. */
            private boolean removed;

            @Override
            public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, ChartRenderingInfo info) {
                try {
                    for (int wait = 0; !removed && wait < 1000 && pdfsIn(home, prefix) < pdfs; wait++) {
                        Thread.sleep(10);
                    }
                    for (Path p : removed ? List.<Path>of() : drawingFolders(home, prefix)) {
                        try (Stream<Path> files = Files.list(p)) {
                            for (Path f : (Iterable<Path>) files::iterator) {
                                Files.delete(f);
                            }
                        }
                        Files.delete(p);
                    }
                    removed = true;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                super.draw(g2, area, anchor, info);
            }
        };
    }

    private static List<Path> drawingFolders(Path home, String prefix) throws java.io.IOException {
        try (Stream<Path> entries = Files.list(home)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static long pdfsIn(Path home, String prefix) throws java.io.IOException {
        long pdfs = 0;
        for (Path folder : drawingFolders(home, prefix)) {
            try (Stream<Path> files = Files.list(folder)) {
                pdfs += files.filter(f -> f.getFileName().toString().endsWith(".pdf")).count();
            }
        }
        return pdfs;
    }

    /**
     * The drawing folder removed once the first figure is written into it: the next file makes it again, and
     * the set, which lacks the first figure, is refused through {@code writeAll} as well, the folder unchanged.
     * The figure that removes it comes after as many as there are cores, and waits until they are written.
     */
    @Test
    void aSetThatLostAFigureWhileDrawnIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        Files.writeString(figures.resolve("f0.png"), "mine");
        Map<String, Figure> set = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            set.put("f" + i, drawable("f" + i));
        }
        set.put("last", new Figure(chartThatRemovesTheDrawingFolder(figures, ".drawing-", "last", cores), 200, 100));
        EngramException e = assertThrows(EngramException.class, () -> FigureFolder.writeAll(set, figures));
        assertTrue(e.getMessage().startsWith(figures + ": expected the figures drawn for it, found that f0.png is"
                + " gone from the hidden folder "), e.getMessage());
        assertEquals(List.of("f0.png"), names(figures));
        assertEquals("mine", Files.readString(figures.resolve("f0.png")));
    }

    /** A new folder whose parents are missing is made with them. */
    @Test
    void aNewFolderIsMadeWithItsMissingParents(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("a/b/figs");
        FigureFolder.writeAll(Map.of("only", drawable("only")), figures);
        assertEquals(List.of("only.pdf", "only.png", "only.svg"), names(figures));
        assertEquals(List.of("figs"), names(dir.resolve("a/b")), "no drawing folder left beside it");
    }

    /**
     * Figures that the data no longer gives leave the folder once the new set is in, all three files of
     * each; a set that cannot be drawn leaves them, as it leaves everything.
     */
    @Test
    void withdrawnFiguresLeaveOnlyOnceTheNewSetIsIn(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        for (Path file : Figure.files(figures, "old")) {
            Files.writeString(file, "old");
        }
        Files.writeString(figures.resolve("notes.txt"), "mine");
        Map<String, Figure> broken = new LinkedHashMap<>();
        broken.put("new", drawable("new"));
        broken.put("broken", failing());
        assertThrows(IllegalStateException.class, () -> FigureFolder.writeAll(broken, figures, true, Set.of("old"),
                FigureFolder.SignalAt.NONE));
        assertEquals(List.of("notes.txt", "old.pdf", "old.png", "old.svg"), names(figures));
        FigureFolder.writeAll(Map.of("new", drawable("new")), figures, true, Set.of("old"), FigureFolder.SignalAt.NONE);
        assertEquals(List.of("new.pdf", "new.png", "new.svg", "notes.txt"), names(figures));
    }

    /** A drawing folder removed while its figures are written, made again by the next file, misses the first ones. */
    @Test
    void aDrawingFolderThatLostAFileWrittenIsRefused(@TempDir Path dir) throws Exception {
        Path staging = Files.createDirectories(dir.resolve(".figs.drawing-1"));
        Path second = Files.writeString(staging.resolve("second.png"), "drawn after the removal");
        EngramException e = assertThrows(EngramException.class, () -> FigureFolder.requireAllDrawn(
                List.of(staging.resolve("first.png"), second), staging, dir.resolve("figs")));
        assertEquals(dir.resolve("figs") + ": expected the figures drawn for it, found that first.png is gone from"
                + " the hidden folder " + staging + " they were drawn in: it was removed meanwhile by another process;"
                + " no figure was changed there; draw again", e.getMessage());
    }

    /**
     * Into a folder that exists the set is drawn inside it, so a mount point or a folder whose
     * parent is not writable takes figures too (drawn beside it, the move crossed file systems);
     * what a killed process left there is removed.
     */
    @Test
    void anExistingFolderIsDrawnIntoFromWithin(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        long gone = goneProcessPid();
        ageBeyondQuiet(Files.createDirectories(figures.resolve(".drawing-" + gone)));
        Path beside = Files.createDirectories(dir.resolve(".figs.drawing-" + gone));
        ageBeyondQuiet(beside);
        FigureFolder.writeAll(Map.of("only", drawable("only")), figures);
        assertEquals(List.of("only.pdf", "only.png", "only.svg"), names(figures));
        assertTrue(Files.exists(beside), "a drawing into an existing folder leaves its parent alone");
    }

    @Test
    void aFileInThePlaceOfTheFolderIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("figs"), "mine");
        EngramException e = assertThrows(EngramException.class,
                () -> FigureFolder.writeAll(Map.of("only", drawable("only")), file));
        assertTrue(e.getMessage().contains("a file"), e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    /**
     * A chart whose drawing does what a second {@code engram plot} into the same new folder does
     * meanwhile: it makes the folder and puts a figure of the same name there.
     */
    private static Figure drawnWhileAnotherProcessFills(Path folder) {
        return new Figure(chartWhileAnotherProcessMakes(folder, "only", Map.of("only.png", "the other process's")),
                200, 100);
    }

    /** A chart whose drawing first makes the folder, if absent, with files of another process's. */
    private static JFreeChart chartWhileAnotherProcessMakes(Path folder, String title, Map<String, String> files) {
        return new JFreeChart(title, new PiePlot<String>()) {
            @Override
            public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, ChartRenderingInfo info) {
                try {
                    if (!Files.exists(folder)) {
                        Files.createDirectories(folder);
                        for (Map.Entry<String, String> file : files.entrySet()) {
                            Files.writeString(folder.resolve(file.getKey()), file.getValue());
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                super.draw(g2, area, anchor, info);
            }
        };
    }

    /**
     * Two plots into one new folder: the second to finish found the folder made by the first and
     * failed with "cannot write file: directory not empty", exit 2, its figures lost. Allowed to
     * replace, it draws over the other's figures of the same names.
     */
    @Test
    void aNewFolderMadeByAnotherProcessWhileDrawingIsDrawnInto(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figs");
        List<Path> written = FigureFolder.writeAll(Map.of("only", drawnWhileAnotherProcessFills(figures)), figures);
        assertEquals(List.of(figures.resolve("only.png"), figures.resolve("only.svg"), figures.resolve("only.pdf")),
                written);
        assertEquals(List.of("only.pdf", "only.png", "only.svg"), names(figures));
        assertFalse(Files.readString(figures.resolve("only.png"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("the other process's"), "only.png is this drawing's");
        assertEquals(List.of("figs"), names(dir), "no drawing folder left beside it");
    }

    /**
     * The captions of figures drawn into a new folder that another process made and filled meanwhile
     * join that process's captions, as in a folder that existed: its other figures keep their
     * entries, and a figure drawn over for a screen loses its own.
     */
    @Test
    void captionsDrawnIntoAFolderMadeMeanwhileJoinTheOtherProcesss(@TempDir Path dir) throws Exception {
        for (boolean printed : new boolean[] {false, true}) {
            Path figures = dir.resolve("figs-" + printed);
            JFreeChart chart = chartWhileAnotherProcessMakes(figures, "only", Map.of("other.png", "the other process's",
                    "only.png", "the other process's", "captions.md", "# Captions\n\n- `other` (.png, .svg, .pdf):"
                    + " other\n- `only` (.png, .svg, .pdf): the other's only\n"));
            Figure only = printed ? new Figure(chart, 200, 100).printedAt(3.3) : new Figure(chart, 200, 100);
            FigureFolder.writeAll(Map.of("only", only), figures);
            String captions = Files.readString(figures.resolve("captions.md"));
            assertTrue(captions.contains("\n- `other` (.png, .svg, .pdf): other\n")
                    && !captions.contains("the other's only")
                    && captions.contains("- `only` (.png, .svg, .pdf): only") == printed, captions);
        }
    }

    /**
     * Not allowed to replace, figures whose names the other process's do not share go in all the
     * same: the captions file the two share is no figure of theirs.
     */
    @Test
    void figuresOfOtherNamesGoIntoAFolderMadeMeanwhileWithoutReplace(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figs");
        JFreeChart chart = chartWhileAnotherProcessMakes(figures, "mine", Map.of("other.png", "the other process's",
                "captions.md", "# Captions\n\n- `other` (.png, .svg, .pdf): other\n"));
        FigureFolder.writeAll(Map.of("mine", new Figure(chart, 200, 100).printedAt(3.3)), figures, false);
        assertEquals(List.of("captions.md", "mine.pdf", "mine.png", "mine.svg", "other.png"), names(figures));
        assertTrue(Files.readString(figures.resolve("captions.md")).endsWith("- `other` (.png, .svg, .pdf): other\n"
                + "- `mine` (.png, .svg, .pdf): mine\n"), Files.readString(figures.resolve("captions.md")));
    }

    /** Not allowed to replace, the drawing is refused by name and leaves the other process's figures as they are. */
    @Test
    void aNewFolderFilledByAnotherProcessWhileDrawingIsRefusedWithoutReplace(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figs");
        EngramException e = assertThrows(EngramException.class, () -> FigureFolder.writeAll(
                Map.of("only", drawnWhileAnotherProcessFills(figures)), figures, false));
        assertEquals(figures.toAbsolutePath() + ": expected a new folder for the figures, found one that another"
                + " process made while these were drawn, holding files of their names (1, e.g. only.png); no figure"
                + " was changed there; draw again with --replace to draw over them, or into another folder",
                e.getMessage());
        assertEquals(List.of("only.png"), names(figures));
        assertEquals("the other process's", Files.readString(figures.resolve("only.png")));
        assertEquals(List.of("figs"), names(dir), "no drawing folder left beside it");
    }

    /**
     * A folder the user may not write into is named as the folder asked for: the message named the
     * hidden drawing folder inside it, which the user never gave. Root writes everywhere: skipped.
     */
    @Test
    void aFolderThatMayNotBeWrittenIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path figures = Files.createDirectories(dir.resolve("figs"));
        assumeTrue(Files.getFileStore(figures).supportsFileAttributeView("posix"), "POSIX permissions");
        try {
            Files.setPosixFilePermissions(figures, PosixFilePermissions.fromString("r-x------"));
            assumeFalse(Files.isWritable(figures), "a user who may write anywhere");
            EngramException e = assertThrows(EngramException.class,
                    () -> FigureFolder.writeAll(Map.of("only", drawable("only")), figures));
            assertEquals(figures.toAbsolutePath() + ": cannot make the folder: permission denied (no figure was"
                    + " changed there)", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(figures, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
