package org.engram.experiments.plot;

import java.util.Map;

/**
 * {@code captions.md}: what figures laid out for print leave out (their titles and subtitles, which
 * belong in a paper's caption: over how many seeds, what the bars are, which bars the axis cuts),
 * one line per figure, to write the captions from.
 */
public final class Captions {
    /** The file's name, beside the figures. */
    public static final String FILE = "captions.md";

    private Captions() {
    }

    /**
     * The captions of a set of figures.
     *
     * @param figures the figures by base name (file name without extension)
     * @return the Markdown text, or null when no figure is laid out for print (a screen figure shows
     *         its title and subtitles itself)
     */
    public static String markdown(Map<String, Figure> figures) {
        if (figures.values().stream().noneMatch(Figure::printed)) {
            return null;
        }
        StringBuilder sb = new StringBuilder("# Captions\n\nWhat the figures here leave to a paper's caption: each"
                + " one's title, data and subtitles.\n\n");
        figures.forEach((base, figure) -> sb.append("- `").append(base).append("` (.png, .svg, .pdf): ")
                .append(figure.description() == null ? "no title" : figure.description()).append('\n'));
        return sb.toString();
    }
}
