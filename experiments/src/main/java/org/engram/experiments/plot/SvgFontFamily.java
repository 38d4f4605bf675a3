package org.engram.experiments.plot;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.PathIterator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jfree.svg.StandardFontFunction;

/**
 * The CSS {@code font-family} an SVG figure gives its text: for the figures' logical font
 * ({@link ChartStyle#FAMILY}), the family that draws it on this machine (DejaVu Sans on Debian), then
 * the generic {@code sans-serif}. Text is laid out in the font Java draws, as the PNG and PDF show
 * it; a viewer shown only {@code sans-serif} may pick another, whose other widths overrun the
 * layout. A family is named only when its glyphs are those of the logical font, outline for
 * outline; otherwise, and for other families, the list is JFreeSVG's generic one.
 */
final class SvgFontFamily implements Function<String, String> {
    /**
     * Families that a JVM's logical sans-serif font is drawn with on common systems, tried in order
     * (the JDK's fontconfig on Linux, Windows, macOS). Names without quotes or markup, as they go
     * into an attribute unescaped.
     */
    private static final List<String> CANDIDATES = List.of("DejaVu Sans", "Liberation Sans", "Noto Sans",
            "Nimbus Sans", "FreeSans", "Arial", "Helvetica", "Lucida Grande");
    /** Text whose outlines tell fonts apart: the letters type designers test with, and digits. */
    private static final String PROBE = "Hamburgefonstiv 0123456789";

    private final Function<String, String> generic = new StandardFontFunction();

    @Override
    public String apply(String javaFamily) {
        String physical = javaFamily.equals(ChartStyle.FAMILY) ? Physical.FAMILY : null;
        return physical == null ? generic.apply(javaFamily) : "\"" + physical + "\", " + generic.apply(javaFamily);
    }

    /** Found once, when the first SVG is written: looking loads the candidate fonts. */
    private static final class Physical {
        static final String FAMILY = find();

        /** The candidate whose glyphs are the logical font's, or null. */
        private static String find() {
            Set<String> installed = Set.copyOf(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames(Locale.ROOT)));
            Shape logical = outline(ChartStyle.FAMILY);
            for (String family : CANDIDATES) {
                // A family not installed would be drawn with the logical font itself and so match it.
                if (installed.contains(family) && sameOutline(logical, outline(family))) {
                    return family;
                }
            }
            return null;
        }

        private static Shape outline(String family) {
            return new Font(family, Font.PLAIN, 100).createGlyphVector(new FontRenderContext(null, false, false),
                    PROBE).getOutline();
        }

        /** Whether two outlines have the same segments at the same points. */
        private static boolean sameOutline(Shape a, Shape b) {
            PathIterator i = a.getPathIterator(null);
            PathIterator j = b.getPathIterator(null);
            double[] p = new double[6];
            double[] q = new double[6];
            for (; !i.isDone() && !j.isDone(); i.next(), j.next()) {
                if (i.currentSegment(p) != j.currentSegment(q) || !Arrays.equals(p, q)) {
                    return false;
                }
            }
            return i.isDone() && j.isDone();
        }
    }
}
