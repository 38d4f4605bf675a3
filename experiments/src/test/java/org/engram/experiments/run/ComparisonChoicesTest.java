package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.ErrorMeasure;
import org.junit.jupiter.api.Test;

/** What a comparison is asked for besides its runs is checked and kept as given. */
class ComparisonChoicesTest {
    /**
     * A comparison's error bars and ± need a measure; names and rows stay in the order given (the files
     * list them so) and the caller's map and list may change afterwards without changing the choices.
     */
    @Test
    void aMeasureIsNeededAndNamesKeepTheirOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> new Comparison.Choices(Map.of(), null, false, null, null));
        Map<String, String> names = new LinkedHashMap<>();
        names.put("si", "SI");
        names.put("B", "lambda 100");
        names.put("naive", "Fine-tuning");
        List<String> rows = new ArrayList<>(List.of("si [B]", "naive [A]"));
        Comparison.Choices choices = new Comparison.Choices(names, ErrorMeasure.SD, true, "naive [A]", rows);
        names.put("ewc", "EWC");
        rows.add("ewc [A]");
        assertEquals(List.of("si", "B", "naive"), List.copyOf(choices.names().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> choices.names().put("x", "y"));
        assertEquals(List.of("si [B]", "naive [A]"), choices.rows());
        assertThrows(UnsupportedOperationException.class, () -> choices.rows().add("x"));
    }
}
