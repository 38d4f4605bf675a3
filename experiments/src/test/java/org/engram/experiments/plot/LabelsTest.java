package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void barsCutAreCountedInWords() {
        assertEquals("", Labels.barsCut(0, "0 or 100%"));
        assertEquals("; 1 bar runs past 0 or 100% and is cut", Labels.barsCut(1, "0 or 100%"));
        assertEquals("; 2 bars run past the axis and are cut", Labels.barsCut(2, "the axis"));
    }
}
