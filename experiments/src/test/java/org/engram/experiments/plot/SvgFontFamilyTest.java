package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.junit.jupiter.api.Test;

/**
 * An SVG figure's text names the font family its layout was measured in, the one the PNG and PDF
 * show, before the generic {@code sans-serif} a viewer falls back to.
 */
class SvgFontFamilyTest {
    /** Text long enough that a font of other widths differs in its advance by many units. */
    private static final String TEXT = "average accuracy as tasks are learned, ACC 86.2% BWT -15.4 pp";

    @Test
    void svgTextNamesTheFamilyThatDrawsItThenSansSerif() {
        String svg = ForgettingPlot.of(AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}}),
                List.of("0,1", "2,3"), "Forgetting").svg();
        Matcher m = Pattern.compile("font-family: ([^;']+);").matcher(svg);
        Set<String> lists = new HashSet<>();
        while (m.find()) {
            lists.add(m.group(1));
        }
        assertEquals(1, lists.size(), "one font for all text: " + lists);
        List<String> families = Arrays.stream(lists.iterator().next().split(", ")).toList();
        assertEquals("sans-serif", families.get(families.size() - 1), "the generic family last: " + families);
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(Locale.ROOT));
        if (families.size() > 1) {
            String named = families.get(0);
            assertTrue(named.startsWith("\"") && named.endsWith("\""), named);
            String family = named.substring(1, named.length() - 1);
            assertTrue(installed.contains(family), family + " is installed");
            assertEquals(width(ChartStyle.FAMILY), width(family), family + " draws the text as wide as "
                    + ChartStyle.FAMILY);
        }
        // Debian's JDK draws its logical sans-serif font with DejaVu Sans, and so does this test's machine when it
        // has DejaVu Sans of the same widths.
        if (installed.contains("DejaVu Sans") && width("DejaVu Sans") == width(ChartStyle.FAMILY)) {
            assertEquals(List.of("\"DejaVu Sans\"", "sans-serif"), families);
        }
    }

    /** The advance of the text in a font of the family, by the font's metrics rather than its glyph outlines. */
    private static int width(String family) {
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics()
                .getFontMetrics(new Font(family, Font.PLAIN, 1000));
        return metrics.stringWidth(TEXT);
    }
}
