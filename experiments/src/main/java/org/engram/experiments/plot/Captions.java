package org.engram.experiments.plot;

import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code captions.md}: what figures laid out for print leave out (their titles and subtitles, which
 * belong in a paper's caption: over how many seeds, what the bars are, which bars the axis cuts),
 * one line per figure, to write the captions from.
 */
public final class Captions {
    /** The file's name, beside the figures. */
    public static final String FILE = "captions.md";
    /** The file's opening, before the entries. */
    private static final String HEADER = "# Captions\n\nWhat the figures here leave to a paper's caption: each one's"
            + " title, data and subtitles.\n\n";
    /** How an entry begins: the figure's base name follows, up to the next backquote. */
    private static final String ENTRY = "- `";

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
        return markdown(figures, null, base -> false);
    }

    /**
     * The captions of a set of figures drawn into a folder that may hold others, whose entries in the
     * folder's captions file stay (figures of several runs gathered for a paper, with {@code --replace}).
     * The entries of the figures drawn are replaced: by theirs when they are laid out for print, and by
     * none when for a screen, whose figures show their titles themselves.
     *
     * @param figures the figures drawn, by base name
     * @param before  the folder's captions file as it was, or null
     * @param present whether a figure of a base name is still in the folder
     * @return the Markdown text, or null when no figure in the folder is left with an entry (a captions
     *         file there is then stale)
     */
    public static String markdown(Map<String, Figure> figures, String before, Predicate<String> present) {
        StringBuilder entries = new StringBuilder();
        if (before != null) {
            before.lines().filter(line -> line.startsWith(ENTRY)).forEach(line -> {
                int end = line.indexOf('`', ENTRY.length());
                String base = end < 0 ? null : line.substring(ENTRY.length(), end);
                if (base != null && !figures.containsKey(base) && present.test(base)) {
                    entries.append(line).append('\n');
                }
            });
        }
        if (figures.values().stream().anyMatch(Figure::printed)) {
            figures.forEach((base, figure) -> entries.append(ENTRY).append(base).append("` (.png, .svg, .pdf): ")
                    .append(figure.description() == null ? "no title" : figure.description()).append('\n'));
        }
        return entries.isEmpty() ? null : HEADER + entries;
    }
}
