package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonCsvTest {
    /**
     * A row's numbers are written out in full, as a spreadsheet reads them (Java's toString gave
     * 4.166666666666578E-4), each metric's mean, half-width and sd in their columns, and an
     * undefined metric's cells empty.
     */
    @Test
    void numbersAreWrittenOutAndUndefinedMetricsLeftEmpty() {
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("mean", 4.166666666666578E-4);
        acc.put("sd", 2.0E-5);
        acc.put("ci95_low", 0.0);
        acc.put("ci95_high", 1.0);
        Map<String, Object> over = new LinkedHashMap<>();
        over.put("acc", acc);
        ComparisonCsv csv = new ComparisonCsv(true);
        csv.add("replay", List.of("r1", "r2"), List.of(3L, 4L), over, "A", List.of("task_incremental", "split", "d"),
                List.of("abc1234"), null);
        List<String> lines = csv.text().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.size(), row.length, lines.get(1));
        assertEquals("0.0004166666666666578", row[header.indexOf("acc_mean")]);
        assertEquals("0.5", row[header.indexOf("acc_ci95_half_width")]);
        assertEquals("0.00002", row[header.indexOf("acc_sd")]);
        assertEquals("", row[header.indexOf("bwt_mean")], "bwt undefined");
        assertEquals("", row[header.indexOf("bwt_sd")]);
        assertEquals("r1+r2", row[header.indexOf("run")]);
        assertEquals("3 4", row[header.indexOf("seed_list")]);
        assertEquals("abc1234", row[header.indexOf("engram_commits")]);
        assertEquals("", row[header.indexOf("val_acc_mean")], "a row of runs without validation beside others");
        assertEquals(List.of("seed_list", "val_acc_mean", "val_acc_ci95_half_width", "val_acc_sd"),
                header.subList(header.size() - 4, header.size()), "added after every earlier column");
    }

    /** Without a run that validates, the file ends with seed_list, as before the validation columns existed. */
    @Test
    void withoutValidationTheLastColumnIsTheSeedList() {
        ComparisonCsv csv = new ComparisonCsv(false);
        csv.add("naive", List.of("r1"), List.of(1L), new LinkedHashMap<>(), "", List.of("s", "q", "d"),
                List.of("abc1234"), null);
        List<String> lines = csv.text().lines().toList();
        assertTrue(lines.get(0).endsWith(",samples_per_second_sd,seed_list"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",abc1234,,,,,,,,1"), lines.get(1));
    }

    /**
     * The half-width is half the interval's width, whatever its ends: [0.7, 0.9] gives 0.1 (its
     * midpoint, 0.8, is the mean and no half-width), and a row of one seed, without ends, an empty cell.
     */
    @Test
    void theHalfWidthIsHalfTheIntervalsWidth() {
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("mean", 0.8);
        acc.put("sd", 0.05);
        acc.put("ci95_low", 0.7);
        acc.put("ci95_high", 0.9);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("mean", -0.1);
        one.put("sd", null);
        one.put("ci95_low", null);
        one.put("ci95_high", null);
        Map<String, Object> over = new LinkedHashMap<>();
        over.put("acc", acc);
        over.put("bwt", one);
        ComparisonCsv csv = new ComparisonCsv(true);
        csv.add("naive", List.of("r1"), List.of(1L, 2L, 3L), over, "", List.of("s", "q", "d"), List.of("abc1234"),
                acc);
        List<String> lines = csv.text().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        // (0.9 - 0.7) / 2 in double is 0.10000000000000003: within 2 ulps of 0.1.
        assertEquals(0.1, Double.parseDouble(row[header.indexOf("acc_ci95_half_width")]), 1e-15);
        assertEquals("-0.1", row[header.indexOf("bwt_mean")]);
        assertEquals("", row[header.indexOf("bwt_ci95_half_width")]);
        assertEquals("", row[header.indexOf("bwt_sd")]);
        // The validation ACC's spread, here the same as acc's, fills the last three columns alike.
        assertEquals("0.8", row[header.indexOf("val_acc_mean")]);
        assertEquals(0.1, Double.parseDouble(row[header.indexOf("val_acc_ci95_half_width")]), 1e-15);
        assertEquals("0.05", row[header.indexOf("val_acc_sd")]);
    }
}
