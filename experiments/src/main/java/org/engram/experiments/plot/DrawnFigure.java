package org.engram.experiments.plot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.engram.experiments.run.RunFolder;

/**
 * A figure drawn into the bytes of its three files, PNG, SVG and PDF, to be written. Drawing is most
 * of the time plots take, and figures are drawn several at once by {@link #drawEach}: each figure by
 * one thread, as a chart must not be drawn by two at once.
 */
public final class DrawnFigure {
    private final byte[] png;
    private final byte[] svg;
    private final byte[] pdf;

    /**
     * Draws a figure.
     *
     * @param figure the figure
     */
    public DrawnFigure(Figure figure) {
        png = figure.png();
        svg = figure.svg().getBytes(StandardCharsets.UTF_8);
        pdf = figure.pdf();
    }

    /**
     * Draws figures as {@link #drawEach(Map, int, BiConsumer)} does, as many at once as there are cores.
     *
     * @param figures the figures by name, in the order they are to be written
     * @param write   what to do with each drawn figure, called on this thread
     * @param <K>     the names' type
     */
    public static <K> void drawEach(Map<K, Figure> figures, BiConsumer<K, DrawnFigure> write) {
        drawEach(figures, Runtime.getRuntime().availableProcessors(), write);
    }

    /**
     * Draws figures, up to {@code threads} at once, and hands each to {@code write} in the figures'
     * order as soon as it and those before it are drawn. At most {@code threads} figures are drawn
     * ahead of the one being written, so that a run of many figures does not hold them all, and no more
     * at once than {@link #atOnce} lets the heap hold.
     *
     * @param figures the figures by name, in the order they are to be written
     * @param threads how many figures may be drawn at once (from 1)
     * @param write   what to do with each drawn figure, e.g. write its files; called on this thread
     * @param <K>     the names' type
     * @throws RuntimeException the first failure, in the figures' order, of drawing a figure (as the
     *                          drawing threw it; an {@link Error} as well) or of {@code write}: the
     *                          figures before it were handed to {@code write}, none after
     */
    public static <K> void drawEach(Map<K, Figure> figures, int threads, BiConsumer<K, DrawnFigure> write) {
        drawEach(figures, threads, Runtime.getRuntime().maxMemory(), write);
    }

    /**
     * Draws figures as {@link #drawEach(Map, int, BiConsumer)} does, in a heap of {@code heapBytes}.
     *
     * @param heapBytes the heap's limit, which {@link #atOnce} shares among the figures drawn at once
     */
    static <K> void drawEach(Map<K, Figure> figures, int threads, long heapBytes, BiConsumer<K, DrawnFigure> write) {
        List<K> names = new ArrayList<>(figures.keySet());
        int workers = Math.min(Math.min(Math.max(threads, 1), names.size()), atOnce(figures.values(), heapBytes));
        if (workers <= 1) {
            names.forEach(name -> write.accept(name, new DrawnFigure(figures.get(name))));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "engram-figure");
            t.setDaemon(true);   // a run stopped by Ctrl-C does not wait for its figures
            return t;
        });
        try {
            List<Future<DrawnFigure>> drawing = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                while (drawing.size() < Math.min(names.size(), i + workers)) {
                    Figure next = figures.get(names.get(drawing.size()));
                    drawing.add(pool.submit(() -> new DrawnFigure(next)));
                }
                write.accept(names.get(i), drawing.get(i).get());
                drawing.set(i, null);   // written: its bytes may go
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("drawing a figure failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while figures were drawn", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * How many of the figures may be drawn at once with their PNGs' rasters in half the heap, as
     * {@link Figure#requirePngFits} lets one printed figure take it: two figures of 59 in drawn at once,
     * on 2 cores, ran out of memory in a 2 GB heap that draws them one at a time.
     *
     * @param figures   the figures
     * @param heapBytes the heap's limit
     * @return how many at once, at least 1
     */
    static int atOnce(Collection<Figure> figures, long heapBytes) {
        long largest = figures.stream().mapToLong(Figure::pngRasterBytes).max().orElse(0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, heapBytes / 2 / Math.max(1, largest)));
    }

    /**
     * Writes {@code <baseName>.png}, {@code .svg} and {@code .pdf} into a folder, each atomically.
     *
     * @param folder   the folder; created if absent
     * @param baseName file name without extension, e.g. {@code "forgetting"}
     * @return the three paths: PNG, SVG, PDF
     */
    public List<Path> write(Path folder, String baseName) {
        List<Path> files = Figure.files(folder, baseName);
        RunFolder.writeAtomically(files.get(0), out -> out.write(png));
        RunFolder.writeAtomically(files.get(1), out -> out.write(svg));
        RunFolder.writeAtomically(files.get(2), out -> out.write(pdf));
        return files;
    }

    /**
     * Writes {@code <relativeBase>.png}, {@code .svg} and {@code .pdf} into a run folder.
     *
     * @param run          the open run folder
     * @param relativeBase path inside the run folder without extension, e.g. {@code "plots/forgetting"}
     * @return the three paths: PNG, SVG, PDF
     */
    public List<Path> write(RunFolder run, String relativeBase) {
        return List.of(run.writeBytes(relativeBase + ".png", png), run.writeBytes(relativeBase + ".svg", svg),
                run.writeBytes(relativeBase + ".pdf", pdf));
    }
}
