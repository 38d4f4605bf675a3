package org.engram.experiments.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * A finished chart with its size, renderable as PNG, SVG and PDF. A figure may say what it shows
 * and where its data comes from ({@link #from}), which each file then carries (the PNG's
 * {@code Title} and {@code Description} text chunks, the SVG's {@code <title>} and
 * {@code <desc>}, the PDF's title), so that figures of several runs gathered for a paper, whose
 * printed forms have no title, can still be told apart.
 */
public final class Figure {
    /** Pixels per unit of the figure's size in its PNG. */
    public static final int PNG_SCALE = 2;
    /** The resolution the PNG is tagged with: twice a screen's customary 96 dots per inch. */
    public static final int PNG_DPI = 96 * PNG_SCALE;

    /** The resolution of a figure laid out for print ({@link #printedAt}): what journals ask of line art and text. */
    public static final int PRINT_DPI = 300;
    /** The size, in points, of the smallest text (tick labels) of a figure laid out for print. */
    public static final double PRINT_TICK_POINTS = 7;

    private final JFreeChart chart;
    private final int width;
    private final int height;
    /** Points per unit of the size: 1 on screen, where the PDF's page is as many points as the figure has units. */
    private final double pointsPerUnit;
    /** What the figure shows, from its title, or null. */
    private final String title;
    /** Where its data comes from, e.g. {@code Engram run 20261201T000000Z-6eec5a of quickstart}, or null. */
    private final String source;
    /**
     * The chart whose subtitles the description gives: this figure's own, or, laid out for print, the
     * one it came from, since print leaves the subtitles (seeds, what the bars are, bars cut) to the caption.
     */
    private final JFreeChart captioned;

    /**
     * Wraps a chart.
     *
     * @param chart  the chart
     * @param width  width (pixels), {@code > 0}
     * @param height height (pixels), {@code > 0}
     */
    Figure(JFreeChart chart, int width, int height) {
        this(chart, width, height, 1, chart.getTitle() == null ? null : chart.getTitle().getText(), null, chart);
    }

    private Figure(JFreeChart chart, int width, int height, double pointsPerUnit, String title, String source,
                   JFreeChart captioned) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("figure size must be positive, found " + width + " x " + height);
        }
        this.chart = chart;
        this.width = width;
        this.height = height;
        this.pointsPerUnit = pointsPerUnit;
        this.title = title;
        this.source = source;
        this.captioned = captioned;
    }

    /**
     * The same figure, saying where its data comes from in the files it writes.
     *
     * @param dataSource e.g. {@code Engram run 20261201T000000Z-6eec5a of quickstart}
     * @return a figure sharing the chart
     */
    public Figure from(String dataSource) {
        return new Figure(chart, width, height, pointsPerUnit, title, dataSource, captioned);
    }

    /**
     * What the figure shows, where its data comes from and what its subtitles say (e.g. over how
     * many seeds, what the bars are), as its files carry it and a caption would give it.
     *
     * @return the description, e.g. {@code naive: forgetting (Engram run ... of quickstart). mean of
     *         3 seeds; ...}; null if nothing is known
     */
    public String description() {
        String shows = title == null ? source : source == null ? title : title + " (" + source + ")";
        String notes = subtitles(captioned);
        return notes == null ? shows : shows == null ? notes : shows + ". " + notes;
    }

    /**
     * A chart's text subtitles, top to bottom, as a caption writes them (figures that a subtitle
     * spaces apart, such as {@code ACC 96.0%   BWT -2.1 pp}, separated by semicolons, and a
     * parenthesis spaced apart, such as {@code   (5 tasks)}, kept with the figure before it), or null.
     */
    private static String subtitles(JFreeChart chart) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                texts.add(t.getText().replace('\u00A0', ' ').replaceAll(" {2,}\\(", " (")
                        .replaceAll(";? {2,}", "; "));
            }
        }
        return texts.isEmpty() ? null : String.join("; ", texts);
    }

    /** {@return whether the figure is laid out for print ({@link #printedAt}), without its title and subtitles} */
    public boolean printed() {
        return pointsPerUnit != 1;
    }

    /** {@return the underlying chart, for callers that want to adjust it before writing} */
    public JFreeChart chart() {
        return chart;
    }

    /**
     * The same chart at another size.
     *
     * @param newWidth  width (pixels)
     * @param newHeight height (pixels)
     * @return a figure sharing the chart
     */
    public Figure withSize(int newWidth, int newHeight) {
        return new Figure(chart, newWidth, newHeight, pointsPerUnit, title, source, captioned);
    }

    /**
     * The same chart laid out for a printed width, such as a paper's column (3.3 in) or page
     * (7 in): tick and axis labels come out at {@value #PRINT_TICK_POINTS} pt, the legend too, the
     * title and text subtitles are left to the paper's caption, the height is 3/4 of the width,
     * the PDF's and SVG's page is that wide, and the PNG has {@value #PRINT_DPI} dots per inch.
     * Scaled down to a column instead, a figure laid out for a screen has text of 3 to 5 pt.
     *
     * @param widthInches the printed width in inches, in [2, 100)
     * @return a figure sharing the chart
     * @throws ParameterException if the width is outside [2, 100) inches
     */
    public Figure printedAt(double widthInches) {
        requirePrintWidth("figure", "printed width", widthInches);
        int w = Math.max(1, (int) Math.round(widthInches * 72 / (PRINT_TICK_POINTS / ChartStyle.TICK.getSize2D())));
        // From the whole width in chart units, so the page is the width asked and the PNG its exact
        // pixel count (3.3 in: 990); the text comes out within 0.2% of its size.
        double perUnit = widthInches * 72 / w;
        JFreeChart printed = ChartStyle.forPrint(chart, w);
        // A legend of many series, or slanted labels of many strategies, below the plot must not take the
        // plot's place: the figure grows instead, keeping the plot 1/2 as high as wide besides the axes' text.
        double below = ChartStyle.legendHeight(printed, w) + ChartStyle.slantedLabelHeight(printed);
        double height = below == 0 ? w * PRINT_ASPECT
                : Math.max(w * PRINT_ASPECT, PRINT_AXES_HEIGHT + w * PRINT_PLOT_ASPECT + below);
        return new Figure(printed, w, Math.max(1, (int) Math.round(height)), perUnit, title, source, captioned);
    }

    /**
     * Checks a printed width as {@link #printedAt} does, so that a command can refuse it before it
     * draws anything.
     *
     * @param owner       who asks, for the message, e.g. {@code engram plot}
     * @param name        how the message names the width, e.g. {@code --width-in}
     * @param widthInches the width in inches
     * @throws ParameterException unless it is in [2, 100) inches
     */
    public static void requirePrintWidth(String owner, String name, double widthInches) {
        if (!(widthInches >= MIN_PRINT_WIDTH_INCHES && widthInches < 100)) {
            throw new ParameterException(owner, name, "a printed width in inches in [2, 100), e.g. 3.3 for a "
                    + "paper's column (narrower, the figures' 7-pt text does not fit)", widthInches);
        }
    }

    /**
     * Checks that the PNG of a figure printed at a width fits the heap: {@value #PRINT_DPI} dots per inch, 4 bytes
     * a pixel, at least 3/4 as high as wide, in at most half the heap (the rest for taller figures and for drawing).
     * A width of 99.9 in asked for 2.7 GB a figure and ran out of memory in a 2 GB heap once plot had begun.
     *
     * @param owner       who asks, for the message, e.g. {@code engram plot}
     * @param name        how the message names the width, e.g. {@code --width-in}
     * @param widthInches the width in inches, in [2, 100)
     * @param heapBytes   the heap's limit
     * @throws ParameterException naming the width when the PNG would take more than half the heap
     */
    public static void requirePngFits(String owner, String name, double widthInches, long heapBytes) {
        double wide = widthInches * PRINT_DPI;
        double bytes = wide * wide * PRINT_ASPECT * Integer.BYTES;
        if (bytes > heapBytes / 2.0) {
            throw new HeapLimitExceeded(owner, name, String.format(Locale.ROOT, "a printed width whose PNG at %d dpi"
                    + " (4 bytes a pixel) takes at most half the Java heap of %.0f MB", PRINT_DPI, heapBytes / 1e6),
                    String.format(Locale.ROOT, "%s in (%.0f x %.0f pixels or more, %.0f MB)",
                            MetricFormat.asWritten(widthInches), wide, wide * PRINT_ASPECT, bytes / 1e6),
                    "a narrower width, or " + HeapLimitExceeded.MORE_HEAP);
        }
    }

    /** Height over width of a figure laid out for print: taller than on screen, for the plot between the text. */
    private static final double PRINT_ASPECT = 0.75;
    /** Height over width of a printed figure's plot, when its legend makes the figure grow. */
    private static final double PRINT_PLOT_ASPECT = 0.5;
    /** About the height, in chart units, that a printed figure's axes, their text and padding take. */
    private static final double PRINT_AXES_HEIGHT = 80;
    /** The narrowest printed figure (inches): narrower, axis labels and legends of 7-pt text do not fit. */
    public static final double MIN_PRINT_WIDTH_INCHES = 2;

    /** {@return width (pixels)} */
    public int width() {
        return width;
    }

    /** {@return height (pixels)} */
    public int height() {
        return height;
    }

    /**
     * The figure as PNG bytes: {@value #PNG_SCALE} pixels per unit of the figure's size, tagged
     * {@value #PNG_DPI} dots per inch, so that it prints sharp at the size it shows on a screen
     * (a paper's column takes it as it is). Encoded in memory, not through
     * {@code ImageIO.write(image, "png", OutputStream)}: that buffers in a temporary file which
     * ImageIO's own shutdown hook closes, so a Ctrl-C while plots are drawn would fail the run with
     * "closed" instead of stopping it.
     *
     * @return the PNG bytes
     */
    public byte[] png() {
        BufferedImage image = new BufferedImage(pngPixels(width), pngPixels(height), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.scale(pngScale(), pngScale());
        chart.draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata(writer, image, printed() ? PRINT_DPI : PNG_DPI)));
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding into memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** {@return the bytes of the raster {@link #png} draws into, 4 a pixel: what drawing it holds of the heap} */
    long pngRasterBytes() {
        return (long) pngPixels(width) * pngPixels(height) * Integer.BYTES;
    }

    /** {@return pixels of the PNG per unit of the figure's size} */
    private double pngScale() {
        return printed() ? PRINT_DPI * pointsPerUnit / 72 : PNG_SCALE;
    }

    /** {@return the pixels of the PNG that a length of the figure (units) takes} */
    private int pngPixels(double units) {
        return (int) Math.round(units * pngScale());
    }

    /**
     * PNG metadata: the pHYs chunk says the resolution, in the chunk's unit, pixels per metre; text
     * chunks say what the figure shows and where from: tEXt where the text is Latin-1, which every
     * reader shows, else iTXt, which holds UTF-8.
     */
    private IIOMetadata metadata(ImageWriter writer, BufferedImage image, int dpi) throws IIOInvalidTreeException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                writer.getDefaultWriteParam());
        String perMetre = String.valueOf(Math.round(dpi / 0.0254));
        IIOMetadataNode physical = new IIOMetadataNode("pHYs");
        physical.setAttribute("pixelsPerUnitXAxis", perMetre);
        physical.setAttribute("pixelsPerUnitYAxis", perMetre);
        physical.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(physical);
        IIOMetadataNode latin1 = new IIOMetadataNode("tEXt");
        IIOMetadataNode utf8 = new IIOMetadataNode("iTXt");
        addText(latin1, utf8, "Software", "Engram");
        addText(latin1, utf8, "Title", title);
        addText(latin1, utf8, "Description", description());
        root.appendChild(latin1);
        root.appendChild(utf8);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        return metadata;
    }

    private static void addText(IIOMetadataNode latin1, IIOMetadataNode utf8, String keyword, String value) {
        if (value == null) {
            return;
        }
        boolean plain = StandardCharsets.ISO_8859_1.newEncoder().canEncode(value);
        IIOMetadataNode entry = new IIOMetadataNode(plain ? "tEXtEntry" : "iTXtEntry");
        entry.setAttribute("keyword", keyword);
        if (plain) {
            entry.setAttribute("value", value);
            latin1.appendChild(entry);
        } else {
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", value);
            utf8.appendChild(entry);
        }
    }

    /**
     * The figure as a standalone SVG document (upright text kept as text, naming the font it was
     * laid out in before {@code sans-serif}: {@code SvgFontFamily}), with a {@code viewBox} besides
     * its size, so that a page embedding it can scale it.
     *
     * @return the document
     */
    public String svg() {
        // In points rounded to a thousandth: 3.3 in is 237.6 pt, where the product wrote 237.60000000000002.
        SVGGraphics2D g = printed() ? new SVGGraphics2D(Math.round(width * pointsPerUnit * 1000) / 1000.0,
                Math.round(height * pointsPerUnit * 1000) / 1000.0, SVGUnits.PT)
                : new SVGGraphics2D(width, height);
        // Ids of the figure's own, not of the clock (JFreeSVG's default): the same figure gives the same file.
        g.setDefsKeyPrefix(DEFS_PLACEHOLDER);
        g.setFontFunction(SVG_FONT_FAMILY);
        chart.draw(g, new Rectangle(0, 0, width, height));
        String document = g.getSVGDocument();
        String element = g.getSVGElement();
        String sized = g.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null);
        // The title and description go first inside the root element, where SVG viewers look for them.
        int opened = sized.indexOf('>') + 1;
        String described = (title == null ? "" : "<title>" + xmlText(title) + "</title>")
                + (description() == null ? "" : "<desc>" + xmlText(description()) + "</desc>");
        document = document.replace(element, sized.substring(0, opened) + described + sized.substring(opened));
        // From the document's digest: two figures put in one web page still have ids of their own.
        return document.replace(DEFS_PLACEHOLDER, "f" + HexFormat.of().formatHex(sha256(document), 0, 6) + "-");
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The font the SVG's text names: the one the text was laid out in, then a generic fallback. */
    private static final SvgFontFamily SVG_FONT_FAMILY = new SvgFontFamily();

    /** Stands for the SVG's id prefix until the document, whose digest names it, is complete. */
    private static final String DEFS_PLACEHOLDER = "engram-defs-";

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The figure as a one-page PDF document of its size in points, the form a LaTeX paper
     * includes. Text is drawn as outlines: the PDF's standard fonts have no glyphs beyond Latin-1,
     * and outlines show every character the chart's font has, in any viewer. The document carries
     * no creation or modification date, so the same figure gives the same file, as its PNG and SVG do.
     *
     * @return the PDF bytes
     */
    public byte[] pdf() {
        PDFDocument document = new PDFDocument();
        if (description() != null) {
            document.setTitle(pdfLiteral(description()));
        }
        PDFGraphics2D g = document.createPage(new Rectangle2D.Double(0, 0, width * pointsPerUnit,
                height * pointsPerUnit)).getGraphics2D();
        g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        g.scale(pointsPerUnit, pointsPerUnit);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return withoutDates(document.getPDFBytes());
    }

    /** A date entry of a document's information dictionary, which JFreePDF fills from the clock. */
    private static final Pattern PDF_DATE = Pattern.compile("/(CreationDate|ModDate) \\(D:[^)]*\\)");

    /**
     * Blanks the dates JFreePDF writes into the information dictionary (it has no way to leave them
     * out). Blanks, not deletions: the cross-reference table gives every object's byte offset, and
     * whitespace between a dictionary's entries is allowed (PDF 1.7, 7.2.2). Latin-1 maps each byte
     * to one character and back, so the rest of the document is kept byte for byte.
     */
    static byte[] withoutDates(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher date = PDF_DATE.matcher(text);
        StringBuilder blanked = new StringBuilder(text.length());
        while (date.find()) {
            date.appendReplacement(blanked, " ".repeat(date.end() - date.start()));
        }
        date.appendTail(blanked);
        return blanked.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A text as the inside of a PDF literal string, which JFreePDF writes out as it is given:
     * printable ASCII with its backslashes and parentheses escaped, anything else as UTF-16 with
     * a byte order mark in octal escapes (PDF 1.7, 7.3.4.2 and 7.9.2.2), so that a name such as
     * {@code a)} or {@code λ} in a title neither breaks the document nor turns into {@code ?}.
     */
    static String pdfLiteral(String text) {
        StringBuilder literal = new StringBuilder();
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            for (char c : text.toCharArray()) {
                if (c == '\\' || c == '(' || c == ')') {
                    literal.append('\\');
                }
                literal.append(c);
            }
        } else {
            for (byte b : ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE)) {
                literal.append(String.format("\\%03o", b & 0xff));
            }
        }
        return literal.toString();
    }

    /**
     * Writes {@code <baseName>.png}, {@code .svg} and {@code .pdf} into a folder, each atomically.
     *
     * @param folder   the folder; created if absent
     * @param baseName file name without extension, e.g. {@code "forgetting"}
     * @return the three paths: PNG, SVG, PDF
     */
    public List<Path> write(Path folder, String baseName) {
        return new DrawnFigure(this).write(folder, baseName);
    }

    /**
     * The files {@link #write(Path, String)} writes.
     *
     * @param folder   the folder
     * @param baseName file name without extension
     * @return the three paths: PNG, SVG, PDF
     */
    public static List<Path> files(Path folder, String baseName) {
        return List.of(folder.resolve(baseName + ".png"), folder.resolve(baseName + ".svg"),
                folder.resolve(baseName + ".pdf"));
    }

    /**
     * Writes {@code <relativeBase>.png}, {@code .svg} and {@code .pdf} into a run folder.
     *
     * @param run          the open run folder
     * @param relativeBase path inside the run folder without extension, e.g. {@code "plots/forgetting"}
     * @return the three paths: PNG, SVG, PDF
     */
    public List<Path> write(RunFolder run, String relativeBase) {
        return new DrawnFigure(this).write(run, relativeBase);
    }
}
