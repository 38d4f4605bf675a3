package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.SeedSummary;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.ParameterException;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every figure writes a PNG of the promised size, an SVG that is XML and carries the title as text,
 * and a one-page PDF of the figure's size that PDFBox reads and renders.
 */
class FigureFilesTest {
    @TempDir
    Path dir;

    private static final AccuracyMatrix R3 = AccuracyMatrix.of(new double[][] {
        {0.9, 0.1, 0.2}, {0.7, 0.8, 0.3}, {0.6, 0.5, 0.9}});

    static Stream<Arguments> figures() {
        List<String> names = List.of("0,1", "2,3", "4,5");
        double[] times = {1, 2.5, 3, 7, 9.5, 9.9};
        int[] neurons = {0, 3, 1, 2, 0, 3};
        return Stream.of(
                Arguments.of("forgetting", "Forgetting & <test>", ForgettingPlot.of(R3, names, "Forgetting & <test>")),
                Arguments.of("heatmap", "Accuracy matrix", AccuracyHeatMap.of(R3, names, "Accuracy matrix")),
                Arguments.of("average", "Average accuracy", AverageAccuracyPlot.of(List.of(
                        new AverageAccuracyPlot.Strategy("naive", List.of(R3, R3))), "Average accuracy")),
                Arguments.of("strategies", "Strategy comparison", StrategyComparisonPlot.of(List.of(
                        new StrategyComparisonPlot.Entry("naive", SeedSummary.of(new double[] {0.5, 0.55, 0.52}),
                                SeedSummary.of(new double[] {-0.3, -0.35, -0.32})),
                        new StrategyComparisonPlot.Entry("EWC", SeedSummary.of(new double[] {0.7}),
                                SeedSummary.of(new double[] {-0.1}))), "Strategy comparison")),
                Arguments.of("curves", "Learning curves", LearningCurvePlot.of(List.of(
                        new LearningCurvePlot.Curve("loss", new double[] {1, 2, 3, 4},
                                new double[] {2, 1, Double.NaN, 0.5})),
                        "loss (nats)", false, new int[] {3}, "Learning curves")),
                Arguments.of("raster", "Spike raster", SpikeRasterPlot.of(times, neurons, 4, 0, 10, "Spike raster")),
                Arguments.of("rate", "Population rate",
                        PopulationRatePlot.of(new double[] {100, 0, 50, 25, 75}, 4, 10, 2, "Population rate")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void writesPngOfExpectedSizeAndSvgWithTitleAndPdf(String base, String title, Figure figure) throws Exception {
        List<Path> files = figure.write(dir, base);
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        Path pdf = dir.resolve(base + ".pdf");
        assertEquals(List.of(png, svg, pdf), files);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Figure.PNG_SCALE * figure.width(), image.getWidth());
        assertEquals(Figure.PNG_SCALE * figure.height(), image.getHeight());
        assertEquals(192, dotsPerInch(png), "tagged so that it prints at the size it shows on screen");
        // Drawn over the whole image at twice its size: drawn at its own size it would leave 3/4 of it empty.
        assertEquals(0xff, image.getRGB(image.getWidth() - 1, image.getHeight() - 1) >>> 24, "opaque to the corner");
        assertTrue(darkPixels(image) > 1000, "the chart is drawn into the PNG");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        // Its size, and a viewBox over it so that a page embedding the figure can scale it.
        String[] box = doc.getDocumentElement().getAttribute("viewBox").split(" ");
        assertEquals(List.of(0.0, 0.0, (double) figure.width(), (double) figure.height()),
                Stream.of(box).map(Double::parseDouble).toList(), String.join(" ", box));
        assertEquals(figure.width(), Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        assertTrue(doc.getDocumentElement().getTextContent().contains(title), "title missing from " + svg);
        // A subtitle's gaps are no-break spaces, which SVG renderers keep: plain ones they collapse into one.
        String text = doc.getDocumentElement().getTextContent();
        assertFalse(text.contains("  "), "runs of plain spaces in " + svg);
        if (base.equals("forgetting")) {
            assertTrue(text.contains("\u00A0\u00A0\u00A0BWT"), text);
        }
        try (PDDocument read = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, read.getNumberOfPages());
            PDRectangle page = read.getPage(0).getMediaBox();
            assertEquals(List.of(0f, 0f, (float) figure.width(), (float) figure.height()),
                    List.of(page.getLowerLeftX(), page.getLowerLeftY(), page.getWidth(), page.getHeight()));
            // The title, then the subtitle as the chart shows it, its spaced figures separated by semicolons.
            String described = read.getDocumentInformation().getTitle();
            assertTrue((described.equals(title) || described.startsWith(title + ". "))
                    && !described.contains("\u00A0") && !described.contains("  "), described);
            assertTrue(darkPixels(new PDFRenderer(read).renderImage(0)) > 1000, "the chart is drawn on the page");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary files left behind");
        }
    }

    /**
     * Laid out for a paper's column (3.3 in): PDF and SVG pages of 3.3 in, a PNG of 3.3 x 300
     * pixels tagged 300 dpi, tick labels of 7 pt (13 units scaled by 7/13), no title (the caption's
     * job) but the legend kept; the figure it came from keeps its title.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void aFigureForPrintHasThePrintedWidth(String base, String title, Figure figure) throws Exception {
        Figure printed = figure.printedAt(3.3);
        printed.write(dir, base);
        double points = 3.3 * 72;
        try (PDDocument read = Loader.loadPDF(dir.resolve(base + ".pdf").toFile())) {
            PDRectangle page = read.getPage(0).getMediaBox();
            assertEquals(points, page.getWidth(), 1e-3);
            assertEquals(points * 0.75, page.getHeight(), 0.5);
            assertTrue(darkPixels(new PDFRenderer(read).renderImage(0)) > 100, "the chart is drawn on the page");
        }
        BufferedImage image = ImageIO.read(dir.resolve(base + ".png").toFile());
        assertEquals(990, image.getWidth());
        assertEquals(300, dotsPerInch(dir.resolve(base + ".png")));
        String svg = Files.readString(dir.resolve(base + ".svg"));
        java.util.regex.Matcher width = java.util.regex.Pattern.compile("width='([0-9.]+)pt'").matcher(svg);
        assertTrue(width.find(), svg.substring(0, 400));
        assertEquals(237.6, Double.parseDouble(width.group(1)), 1e-9, "3.3 in of 72 pt");
        java.util.regex.Matcher height = java.util.regex.Pattern.compile("height='([0-9.]+)pt'").matcher(svg);
        assertTrue(height.find(), svg.substring(0, 400));
        try (PDDocument read = Loader.loadPDF(dir.resolve(base + ".pdf").toFile())) {
            assertEquals(read.getPage(0).getMediaBox().getHeight(), Double.parseDouble(height.group(1)), 1e-3,
                    "the SVG's page is as high as the PDF's");
        }
        // Not drawn: the title is the caption's (the file's title element still says what it shows).
        String drawn = svg.replaceAll("<title>.*?</title>|<desc>.*?</desc>", "");
        assertTrue(printed.chart().getTitle() == null && !drawn.contains(title), "the title is the caption's");
        assertEquals(figure.chart().getLegend() != null, printed.chart().getLegend() != null);
        assertEquals(title, figure.chart().getTitle().getText(), "the figure it came from is unchanged");
        assertThrows(ParameterException.class, () -> figure.printedAt(0));
    }

    /**
     * Each file of a figure says what it shows and where its data comes from, also printed, where
     * the title is left to the caption: figures of several runs gathered for a paper had been told
     * apart only by their folders.
     */
    @Test
    void everyFileSaysWhatItShowsAndWhereFrom() throws Exception {
        Figure printed = ForgettingPlot.of(R3, List.of("0,1", "2,3", "4,5"), "naive: forgetting")
                .from("Engram run 20261201T000000Z-6eec5a of quickstart").printedAt(3.3);
        // The subtitle, which print leaves to the caption, too.
        String described = "naive: forgetting (Engram run 20261201T000000Z-6eec5a of quickstart). ACC 66.7%;"
                + " BWT -30.0 pp; average forgetting +30.0 pp (3 tasks)";
        assertEquals(described, printed.description());
        assertTrue(pngTexts(printed.png()).contains("Title=naive: forgetting\nDescription=" + described + "\n"),
                pngTexts(printed.png()));
        // Text beyond Latin-1 goes into an iTXt chunk, whole, rather than into tEXt as '?'.
        Figure greek = ForgettingPlot.of(R3, List.of("0,1", "2,3", "4,5"), "\u0394 accuracy").from("run \u03b1");
        assertTrue(pngTexts(greek.png()).contains("Description=\u0394 accuracy (run \u03b1). ACC 66.7%"),
                pngTexts(greek.png()));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(printed.svg()
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("naive: forgetting", svg.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(described, svg.getElementsByTagName("desc").item(0).getTextContent());
        try (PDDocument pdf = Loader.loadPDF(printed.pdf())) {
            assertEquals(described, pdf.getDocumentInformation().getTitle());
        }
    }

    /** The text chunks of a PNG (tEXt and iTXt), one {@code keyword=text} line each. */
    private static String pngTexts(byte[] png) throws Exception {
        StringBuilder texts = new StringBuilder();
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Node tree = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (Node n = tree.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt") || n.getNodeName().equals("iTXt")) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        NamedNodeMap a = e.getAttributes();
                        Node value = a.getNamedItem(n.getNodeName().equals("tEXt") ? "value" : "text");
                        texts.append(a.getNamedItem("keyword").getNodeValue()).append('=')
                                .append(value.getNodeValue()).append('\n');
                    }
                }
            }
        }
        return texts.toString();
    }

    /** The SVG's ids come from its content, not the clock: the same figure gives the same file, another other ids. */
    @Test
    void anSvgIsTheSameEachTimeAndItsIdsAreItsOwn() {
        AccuracyMatrix other = AccuracyMatrix.of(new double[][] {{0.5, 0.1, 0.2}, {0.7, 0.8, 0.3}, {0.6, 0.5, 0.9}});
        List<String> names = List.of("0,1", "2,3", "4,5");
        String first = ForgettingPlot.of(R3, names, "t").svg();
        assertEquals(first, ForgettingPlot.of(R3, names, "t").svg());
        String prefix = first.substring(first.indexOf("clipPath id='") + 13, first.indexOf("clip-0"));
        assertFalse(ForgettingPlot.of(other, names, "t").svg().contains(prefix), prefix);
    }

    /**
     * JFreePDF dates each document from the clock, so the same figure made another second gave
     * another file. The dates are blanked in place: the document keeps its length and byte
     * offsets, and reads as before, title and page included.
     */
    @Test
    void aPdfCarriesNoDateAndReadsWhole() throws Exception {
        Figure figure = ForgettingPlot.of(R3, List.of("0,1", "2,3", "4,5"), "t");
        byte[] dated = new org.jfree.pdf.PDFDocument().getPDFBytes();
        assertTrue(new String(dated, StandardCharsets.ISO_8859_1).contains("/CreationDate (D:"), "JFreePDF dates");
        byte[] undated = Figure.withoutDates(dated);
        assertEquals(dated.length, undated.length);
        assertFalse(new String(undated, StandardCharsets.ISO_8859_1).contains("Date"));

        byte[] pdf = figure.pdf();
        assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains("Date"));
        // Made again in another second of the clock, which dated it: the same bytes.
        Thread.sleep(1100);
        assertArrayEquals(pdf, figure.pdf());
        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertNull(read.getDocumentInformation().getCreationDate());
            assertEquals(1, read.getNumberOfPages());
            assertTrue(read.getDocumentInformation().getTitle().startsWith("t. ACC "),
                    read.getDocumentInformation().getTitle());
        }
    }

    /**
     * JFreePDF writes a document's title as it is given: a parenthesis or backslash in a name
     * broke the document, and a character past ASCII became {@code ?}.
     */
    @Test
    void pdfTitleKeepsParenthesesBackslashesAndUnicode() throws Exception {
        for (String title : List.of("task a) b \\ (c", "λ = 0.5: naïve", "(", "")) {
            Figure figure = new Figure(new JFreeChart(title, new org.jfree.chart.plot.PiePlot<String>()), 200, 100);
            try (PDDocument read = Loader.loadPDF(figure.pdf())) {
                assertEquals(title, read.getDocumentInformation().getTitle());
            }
        }
    }

    /**
     * A title of printable ASCII (space to tilde) goes into the PDF as it is, its backslashes and parentheses
     * escaped; any other character, a control or DEL as well, turns the whole title into UTF-16 with a byte
     * order mark (FE FF, octal 376 377), as PDF 1.7 (7.9.2.2) gives text strings.
     */
    /** A figure at another size draws the same chart into a PNG of that size, at the PNG's pixels per unit. */
    @Test
    void aFigureAtAnotherSizeIsThatManyPixels() throws Exception {
        Figure figure = ForgettingPlot.of(R3, List.of("0,1", "2,3", "4,5"), "t");
        Figure resized = figure.withSize(321, 123);
        assertTrue(resized.chart() == figure.chart(), "the same chart");
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(resized.png()));
        assertEquals(321 * Figure.PNG_SCALE, png.getWidth());
        assertEquals(123 * Figure.PNG_SCALE, png.getHeight());
        assertEquals(figure.description(), resized.description());
    }

    @Test
    void pdfTitlesOfPrintableAsciiStayAsTheyAreAndOthersTurnToUtf16() {
        assertEquals(" a\\\\b\\(c\\)~", Figure.pdfLiteral(" a\\b(c)~"));
        assertEquals("\\376\\377\\000\\177", Figure.pdfLiteral("\u007f"));
        assertEquals("\\376\\377\\000\\011", Figure.pdfLiteral("\t"));
    }

    /** The PDF's text is drawn as outlines, so it needs no font: none is embedded or named. */
    @Test
    void aPdfNeedsNoFont() {
        byte[] pdf = ForgettingPlot.of(R3, List.of("0,1", "2,3", "4,5"), "t").pdf();
        assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains("/Font"));
    }

    /** A figure has a size of at least one unit each way. */
    @Test
    void aFigureOfNoWidthOrHeightIsRefused() {
        JFreeChart chart = new JFreeChart("t", new org.jfree.chart.plot.PiePlot<String>());
        assertThrows(IllegalArgumentException.class, () -> new Figure(chart, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Figure(chart, 100, 0));
        assertEquals(1, new Figure(chart, 1, 1).width());
    }

    /** A printed width is taken in [2, 100) inches, as the option's help says: 2 is, 100 and NaN are not. */
    @Test
    void aPrintedWidthIsTakenFromTwoToBelowAHundredInches() {
        Figure.requirePrintWidth("plot", "--width-in", 2);
        Figure.requirePrintWidth("plot", "--width-in", 99.9);
        for (double refused : new double[] {1.99, 100, Double.NaN}) {
            assertThrows(ParameterException.class, () -> Figure.requirePrintWidth("plot", "--width-in", refused),
                    "width " + refused);
        }
    }

    /** Pixels darker than mid-grey. */
    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void writesIntoRunFolder(String base, String title, Figure figure) throws Exception {
        RunFolder run = RunFolder.create(dir, "e", "r");
        List<Path> files = figure.write(run, "plots/" + base);
        assertEquals(List.of(base + ".png", base + ".svg", base + ".pdf"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        assertTrue(files.stream().allMatch(Files::isRegularFile), files.toString());
        Path done = run.commit();
        assertTrue(ImageIO.read(done.resolve("plots/" + base + ".png").toFile()) != null);
        assertTrue(Files.readString(done.resolve("plots/" + base + ".svg")).startsWith("<?xml"));
        assertTrue(new String(Files.readAllBytes(done.resolve("plots/" + base + ".pdf")), 0, 5,
                java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"));
    }

    /** The resolution in a PNG's pHYs chunk, read back by ImageIO's reader, in dots per inch. */
    private static long dotsPerInch(Path png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                Node tree = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                for (Node n = tree.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n.getNodeName().equals("pHYs")) {
                        NamedNodeMap a = n.getAttributes();
                        assertEquals("meter", a.getNamedItem("unitSpecifier").getNodeValue());
                        double perMetre = Double.parseDouble(a.getNamedItem("pixelsPerUnitXAxis").getNodeValue());
                        assertEquals(perMetre, Double.parseDouble(a.getNamedItem("pixelsPerUnitYAxis").getNodeValue()));
                        return Math.round(perMetre * 0.0254);
                    }
                }
                return 0;
            } finally {
                reader.dispose();
            }
        }
    }
}
