package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PiePlot;
import org.junit.jupiter.api.Test;

class CaptionsTest {
    private static Figure figure(String title) {
        return new Figure(new JFreeChart(title, new PiePlot<String>()), 200, 100);
    }

    /** Figures for a screen show their titles and need no captions; one for print gets its entry. */
    @Test
    void onlyFiguresForPrintGetCaptions() {
        assertNull(Captions.markdown(Map.of("screen", figure("screen"))));
        String captions = Captions.markdown(Map.of("printed", figure("printed").printedAt(3.3)));
        assertTrue(captions.startsWith("# Captions\n"), captions);
        assertTrue(captions.endsWith("\n- `printed` (.png, .svg, .pdf): printed\n"), captions);
    }

    /**
     * Of the captions file before, the entries of figures still there stay, and nothing else: its header is
     * written anew and a line in another form (a bullet by hand) is not carried over as an entry.
     */
    @Test
    void onlyTheEntriesOfFiguresStillThereStay() {
        String before = "# Captions\n\nold header\n\n- `other` (.png, .svg, .pdf): kept\n"
                + "* `other` (.png, .svg, .pdf): by hand\n- `gone` (.png, .svg, .pdf): removed\n";
        String captions = Captions.markdown(Map.of("new", figure("new").printedAt(3.3)), before,
                Set.of("other")::contains);
        assertEquals(1, captions.split("# Captions", -1).length - 1, captions);
        assertTrue(captions.endsWith("\n\n- `other` (.png, .svg, .pdf): kept\n- `new` (.png, .svg, .pdf): new\n"),
                captions);
        assertTrue(!captions.contains("by hand") && !captions.contains("old header") && !captions.contains("gone"),
                captions);
    }
}
