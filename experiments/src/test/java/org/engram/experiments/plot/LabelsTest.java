package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

/** The figures' subtitles write a BWT that cancels over seeds (mean -1.85e-17) as zero. */
class LabelsTest {
    @Test
    void cancellingMeanIsWrittenAsZero() {
        double bwt = (0.09999999999999998 + -0.2 + 0.09999999999999998) / 3;
        assertEquals("0.0 pp", Labels.points(bwt));
        assertEquals("0.0%", Labels.percent(-0.0));
        assertEquals("-1.0 pp", Labels.points(-0.01));
    }

    /** Against the axis as drawn, its margin included, where a bar is cut (0 or 100% had been said). */
    @Test
    void barsCutAreCountedInWordsWithTheAxis() {
        assertEquals("", Labels.barsCut(0, new Range(-4, 104), "%"));
        assertEquals("; 1 bar runs past the axis (0 to 104%) and is cut",
                Labels.barsCut(1, new Range(-0.3, 103.6), "%"));
        assertEquals("; 2 bars run past the axis (-41 to 105) and are cut", Labels.barsCut(2, new Range(-41, 105), ""));
    }
}
