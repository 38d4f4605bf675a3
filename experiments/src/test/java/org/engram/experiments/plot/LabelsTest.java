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
}
