package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.ErrorMeasure;
import org.junit.jupiter.api.Test;

/** What a comparison is asked for besides its runs is checked and kept as given. */
class ComparisonChoicesTest {
    /**
     * A comparison's error bars and ± need a measure; names stay in the order given (the files list
     * them so) and the caller's map may change afterwards without changing the choices.
     */
    @Test
    void aMeasureIsNeededAndNamesKeepTheirOrder() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Choices(Map.of(), null, false, null));
        Map<String, String> names = new LinkedHashMap<>();
        names.put("si", "SI");
        names.put("B", "lambda 100");
        names.put("naive", "Fine-tuning");
        Comparison.Choices choices = new Comparison.Choices(names, ErrorMeasure.SD, true, "naive [A]");
        names.put("ewc", "EWC");
        assertEquals(List.of("si", "B", "naive"), List.copyOf(choices.names().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> choices.names().put("x", "y"));
    }
}
