package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/**
 * Paired differences against values worked out by hand: differences seed by seed, their mean, sample
 * standard deviation and 95% Student-t half-width with {@code t_{0.975, 2} = 4.302652729749464}
 * (from a table of the t distribution, not from the code under test), rows over other seeds left
 * unpaired, and the files' lines.
 */
class PairedDifferencesTest {
    /** t_{0.975, 2}, the 97.5% quantile of Student's t with 2 degrees of freedom. */
    private static final double T_2 = 4.302652729749464;
    /** The sums of three fractions such as 0.85 - 0.80 are off by a few ulps of 0.1: far below this. */
    private static final double TOLERANCE = 1e-12;
    /**
     * Half-widths: the code solves the t quantile numerically to 1e-9 absolute, times sd / sqrt(n) below 1
     * here, so off by less than 1e-9.
     */
    private static final double HALF_WIDTH_TOLERANCE = 1e-9;

    /** A row over seeds 1, 2, 3 with the given ACC, BWT, forgetting and learning accuracy per seed; FWT undefined. */
    private static PairedDifferences.Row row(String name, double[] acc, double[] bwt, double[] forgetting,
                                             double[] learning) {
        TreeMap<Long, Map<?, ?>> seeds = new TreeMap<>();
        for (int i = 0; i < acc.length; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("acc", acc[i]);
            m.put("bwt", bwt[i]);
            m.put("fwt", null);
            m.put("forgetting", forgetting[i]);
            m.put("learning_accuracy", learning[i]);
            seeds.put(i + 1L, m);
        }
        return new PairedDifferences.Row(name, name, "", seeds, "");
    }

    /** A row with the given ACC per seed (seed to value, in pairs) and 0 for its other metrics. */
    private static PairedDifferences.Row acc(String name, double... seedAndAcc) {
        TreeMap<Long, Map<?, ?>> bySeed = new TreeMap<>();
        for (int i = 0; i < seedAndAcc.length; i += 2) {
            bySeed.put((long) seedAndAcc[i], Map.of("acc", seedAndAcc[i + 1], "bwt", 0.0, "fwt", 0.0, "forgetting", 0.0,
                    "learning_accuracy", 0.0));
        }
        return new PairedDifferences.Row(name, name, "", bySeed, "");
    }

    /** A row over the seeds with the same metrics for each: its differences with another such row are all 0. */
    static PairedDifferences.Row over(String name, long... seeds) {
        TreeMap<Long, Map<?, ?>> bySeed = new TreeMap<>();
        for (long s : seeds) {
            bySeed.put(s, Map.of("acc", 0.5, "bwt", 0.0, "fwt", 0.0, "forgetting", 0.0, "learning_accuracy", 0.9));
        }
        return new PairedDifferences.Row(name, name, "", bySeed, "");
    }

    /** naive and ewc over seeds 1, 2, 3, worked by hand in {@link #differencesMatchTheHandWorkedStudentTInterval}. */
    static PairedDifferences handWorked() {
        return PairedDifferences.of(List.of(
                row("naive", new double[] {0.80, 0.70, 0.90}, new double[] {-0.10, -0.20, -0.15},
                        new double[] {0.12, 0.22, 0.16}, new double[] {0.95, 0.96, 0.96}),
                row("ewc", new double[] {0.85, 0.78, 0.93}, new double[] {-0.05, -0.14, -0.10},
                        new double[] {0.06, 0.15, 0.11}, new double[] {0.94, 0.97, 0.94})), null);
    }

    /**
     * ACC: differences 5, 8, 3 pp; mean 16/3; deviations -1/3, 8/3, -7/3, squares summing to 114/9,
     * so s^2 = 57/9 and s = 2.5166...; half-width t s / sqrt(3). BWT: 5, 6, 5 pp; mean 16/3; squares
     * 6/9, s = sqrt(1/3), half-width t / 3. Forgetting: -6, -7, -5 pp; mean -6, s = 1, half-width t / sqrt(3).
     * Learning accuracy: -1, +1, -2 pp; mean -2/3; deviations -1/3, 5/3, -4/3, squares summing to 42/9, so
     * s^2 = 7/3 and half-width t sqrt(7/3) / sqrt(3) = 3.79 pp.
     */
    @Test
    void differencesMatchTheHandWorkedStudentTInterval() {
        PairedDifferences p = handWorked();
        assertEquals(1, p.pairs().size());
        PairedDifferences.Pair pair = p.pairs().get(0);
        assertEquals("ewc", pair.row().shown());
        assertEquals("naive", pair.baseline().shown());
        assertEquals(List.of(1L, 2L, 3L), pair.seeds());
        SeedSummary acc = pair.differences().get(0);
        assertEquals(3, acc.n());
        assertEquals(0.16 / 3, acc.mean(), TOLERANCE);
        assertEquals(Math.sqrt(0.00114 / 1.8), acc.sd(), TOLERANCE);
        assertEquals(T_2 * Math.sqrt(0.00114 / 1.8) / Math.sqrt(3), acc.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertFalse(PairedDifferences.excludesZero(acc), "ACC's interval [-0.9, 11.6] pp holds 0");
        SeedSummary bwt = pair.differences().get(1);
        assertEquals(0.16 / 3, bwt.mean(), TOLERANCE);
        assertEquals(0.01 * T_2 / 3, bwt.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertTrue(PairedDifferences.excludesZero(bwt), "BWT's interval [3.9, 6.8] pp lies above 0");
        assertNull(pair.differences().get(2), "FWT is undefined");
        SeedSummary forgetting = pair.differences().get(3);
        assertEquals(-0.06, forgetting.mean(), TOLERANCE);
        assertEquals(0.01, forgetting.sd(), TOLERANCE);
        assertEquals(0.01 * T_2 / Math.sqrt(3), forgetting.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertTrue(PairedDifferences.excludesZero(forgetting), "forgetting's interval [-8.5, -3.5] pp lies below 0");
        SeedSummary learning = pair.differences().get(4);
        assertEquals(-0.02 / 3, learning.mean(), TOLERANCE);
        assertEquals(Math.sqrt(7.0 / 3) / 100, learning.sd(), TOLERANCE);
        assertEquals(T_2 * Math.sqrt(7.0 / 3) / Math.sqrt(3) / 100, learning.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertFalse(PairedDifferences.excludesZero(learning), "learning accuracy's interval [-4.5, 3.1] pp holds 0");
    }

    @Test
    void filesGiveTheDifferencesInPercentagePointsAndFractions() {
        PairedDifferences p = handWorked();
        String md = PairedFiles.markdown(p, "a comparison", List.of(), List.of());
        // 5.333 +- 6.252; 5.333 +- 1.434 (bold: above 0); n/a; -6.000 +- 2.484 (bold: below 0); -0.667 +- 3.795.
        assertTrue(md.contains("\n| Row | Baseline | Seeds | ACC (pp) | BWT (pp) | FWT (pp) | Forgetting (pp)"
                + " | Learning acc. (pp) |\n"), md);
        assertTrue(md.contains("\n| ewc | naive | 3 | +5.3 ± 6.3 | **+5.3 ± 1.4** | n/a | **-6.0 ± 2.5**"
                + " | -0.7 ± 3.8 |\n"), md);
        assertTrue(md.contains("## Seeds [1, 2, 3]"), md);
        assertFalse(md.contains("Not paired"), md);
        String[] csv = PairedFiles.csv(p).split("\n");
        assertEquals(2, csv.length);
        String[] header = csv[0].split(",");
        String[] line = csv[1].split(",", -1);
        assertEquals(header.length, line.length);
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            byColumn.put(header[i], line[i]);
        }
        assertEquals("ewc", byColumn.get("row"));
        assertEquals("naive", byColumn.get("baseline_strategy"));
        assertEquals(0.16 / 3, Double.parseDouble(byColumn.get("acc_difference_mean")), TOLERANCE);
        assertEquals(T_2 * Math.sqrt(0.00114 / 1.8) / Math.sqrt(3),
                Double.parseDouble(byColumn.get("acc_difference_ci95_half_width")), HALF_WIDTH_TOLERANCE);
        assertEquals("false", byColumn.get("acc_excludes_zero"));
        assertEquals("true", byColumn.get("bwt_excludes_zero"));
        assertEquals("", byColumn.get("fwt_difference_mean"));
        assertEquals("", byColumn.get("fwt_excludes_zero"));
        assertEquals(-0.06, Double.parseDouble(byColumn.get("forgetting_difference_mean")), TOLERANCE);
        assertEquals(-0.02 / 3, Double.parseDouble(byColumn.get("learning_accuracy_difference_mean")), TOLERANCE);
        assertEquals("false", byColumn.get("learning_accuracy_excludes_zero"));
        assertEquals("1 2 3", byColumn.get("seed_list"));
        // Columns are only added: forgetting's stay where they were, learning accuracy's follow them.
        assertEquals(List.of("forgetting_excludes_zero", "learning_accuracy_difference_mean",
                "learning_accuracy_difference_ci95_half_width", "learning_accuracy_difference_sd",
                "learning_accuracy_excludes_zero", "seed_list", "row_seeds_left_out", "baseline_seeds_left_out"),
                List.of(header).subList(22, header.length));
        assertEquals("", byColumn.get("row_seeds_left_out"));
    }

    /** Rows of runs of other scenarios measure other things: over the same seeds, they are still not paired. */
    @Test
    void rowsOfAnotherScenarioAreNotPaired() {
        PairedDifferences.Row task = over("naive [A]", 1, 2);
        PairedDifferences.Row classes = over("naive [B]", 1, 2);
        String taskIl = "scenario task_incremental";
        String classIl = "scenario class_incremental";
        PairedDifferences p = PairedDifferences.of(List.of(
                new PairedDifferences.Row("naive [A]", "naive", "A", task.seeds(), taskIl),
                new PairedDifferences.Row("naive [B]", "naive", "B", classes.seeds(), classIl),
                new PairedDifferences.Row("ewc [A]", "ewc", "A", task.seeds(), taskIl)), null);
        assertEquals(1, p.pairs().size());
        assertEquals("ewc [A] - naive [A]", p.pairs().get(0).row().shown() + " - "
                + p.pairs().get(0).baseline().shown());
        String md = PairedFiles.markdown(p, "a comparison", List.of("the runs differ in scenario (A: task_incremental,"
                + " B: class_incremental); their metrics measure different things"), List.of());
        assertTrue(md.contains("\n## Seeds [1, 2], scenario task_incremental\n"), md);
        assertTrue(md.contains("\nNot paired:\n- naive [B]: over seeds [1, 2], which no other row of scenario "
                + "class_incremental shares two or more of\n"), md);
        assertTrue(md.contains("but the runs differ in more than their strategies (the runs differ in scenario"), md);
    }

    @Test
    void rowsOverOtherSeedsAreNotPairedAndAreNamed() {
        PairedDifferences p = PairedDifferences.of(List.of(over("naive [A]", 1, 2, 3), over("naive [C]", 4, 5),
                over("ewc [A]", 3, 1, 2), over("si [B]", 7), over("ewc [B]", 7)), null);
        assertEquals(1, p.pairs().size());
        assertEquals("ewc [A]", p.pairs().get(0).row().shown());
        assertEquals("naive [A]", p.pairs().get(0).baseline().shown());
        String md = PairedFiles.markdown(p, "a comparison", List.of(), List.of());
        assertTrue(md.contains("\nNot paired:\n"
                + "- naive [C]: over seeds [4, 5], which no other row shares two or more of\n"
                + "- si [B], ewc [B]: over seed 7 alone, which gives no interval\n"), md);
    }

    /**
     * ACC 0.50, 0.60 against 0.52, 0.62: +2 pp for both seeds (0.52 - 0.50 and 0.62 - 0.60 may part
     * by ulps), an interval of no width above 0, shown plain; 0.63 for the second seed instead, +2 and
     * +3 pp, varies. A bold interval with a width: the hand-worked pair's BWT
     * ({@link #filesGiveTheDifferencesInPercentagePointsAndFractions}).
     */
    @Test
    void aDifferenceTheSameForEverySeedIsNotBold() {
        PairedDifferences tied = PairedDifferences.of(List.of(acc("naive", 1, 0.50, 2, 0.60),
                acc("si", 1, 0.52, 2, 0.62)), null);
        SeedSummary acc = tied.pairs().get(0).differences().get(0);
        assertTrue(PairedDifferences.excludesZero(acc), "a point at +2 pp: " + acc);
        assertTrue(PairedDifferences.sameForEverySeed(acc), acc.toString());
        assertFalse(PairedFiles.bold(acc));
        String md = PairedFiles.markdown(tied, "a comparison", List.of(), List.of());
        assertTrue(md.contains("\n| si | naive | 2 | +2.0 ± 0.0 |"), md);
        assertTrue(md.contains("a difference the same for every seed is not set in **bold**"), md);
        assertFalse(PairedLatex.latex(tied, "a comparison", List.of(), List.of()).contains("\\mathbf{+2.0"));
        PairedDifferences varied = PairedDifferences.of(List.of(acc("naive", 1, 0.50, 2, 0.60),
                acc("si", 1, 0.52, 2, 0.63)), null);
        assertFalse(PairedDifferences.sameForEverySeed(varied.pairs().get(0).differences().get(0)));
    }

    @Test
    void pairsNeedTwoRowsOverTwoSeeds() {
        assertFalse(PairedDifferences.of(List.of(over("naive", 1), over("ewc", 1)), null).any());
        assertFalse(PairedDifferences.of(List.of(over("naive", 1, 2, 3)), null).any());
        assertTrue(PairedDifferences.of(List.of(over("naive", 1, 2), over("ewc", 1, 2)), null).any());
    }

    /**
     * A baseline chosen pairs rows with it alone: two groups that overlap in seeds 1 and 2 but hold no row of the
     * baseline's are not paired with each other. Without a baseline they are: with 2 + 1 rows every way, 1 pair
     * within ewc's group and 2 across; with 5 + 4 rows, more than 8, 10 and 6 within the groups and 4 across, each si
     * against ewc0 alone.
     */
    @Test
    void aBaselineChosenLeavesOverlappingGroupsWithoutItUnpaired() {
        for (int[] sizes : new int[][] {{2, 1, 3}, {5, 4, 20}}) {
            List<PairedDifferences.Row> rows = new ArrayList<>(List.of(over("naive [A]", 4, 5)));
            for (int i = 0; i < sizes[0]; i++) {
                rows.add(over("ewc" + i + " [B]", 1, 2));
            }
            for (int i = 0; i < sizes[1]; i++) {
                rows.add(over("si" + i + " [C]", 1, 2, 3));
            }
            assertFalse(PairedDifferences.of(rows, "naive [A]").any(), rows.size() + " rows");
            assertEquals(sizes[2], PairedDifferences.of(rows, null).pairs().size(), rows.size() + " rows");
        }
    }

    /**
     * A metric one row leaves undefined for a seed has no difference, whichever row of the pair it is:
     * ewc's FWT of seed 1 is missing, naive's is not, with ewc the row and with ewc the baseline.
     */
    @Test
    void aMetricUndefinedForEitherRowOfAPairHasNoDifference() {
        long[] seeds = {1, 2};
        double[] same = {0.5, 0.5};
        PairedDifferences.Row naive = metrics("naive", seeds, same, same, new Double[] {0.1, 0.2}, same, same);
        PairedDifferences.Row ewc = metrics("ewc", seeds, new double[] {0.6, 0.7}, same, new Double[] {null, 0.3},
                same, same);
        for (List<PairedDifferences.Row> rows : List.of(List.of(naive, ewc), List.of(ewc, naive))) {
            PairedDifferences.Pair pair = PairedDifferences.of(rows, null).pairs().get(0);
            assertNull(pair.differences().get(2), pair.row().shown() + " - " + pair.baseline().shown());
            // ACC: +10 and +20 pp with ewc the row, mean +15 pp; the opposite with naive the row.
            assertEquals(pair.row() == ewc ? 0.15 : -0.15, pair.differences().get(0).mean(), TOLERANCE);
        }
    }

    /** Up to 8 rows: each against every earlier one, by baseline; 9 rows: each against the first only. */
    @Test
    void everyPairUpToEightRowsThenEachAgainstTheFirst() {
        List<PairedDifferences.Row> three = List.of(over("a", 1, 2), over("b", 1, 2), over("c", 1, 2));
        List<String> order = new ArrayList<>();
        PairedDifferences.of(three, null).pairs()
                .forEach(p -> order.add(p.row().shown() + "-" + p.baseline().shown()));
        assertEquals(List.of("b-a", "c-a", "c-b"), order);
        List<PairedDifferences.Row> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(over("r" + i, 1, 2));
        }
        assertEquals(8 * 7 / 2, PairedDifferences.of(eight, null).pairs().size());
        List<PairedDifferences.Row> nine = new ArrayList<>(eight);
        nine.add(over("r8", 1, 2));
        PairedDifferences p = PairedDifferences.of(nine, null);
        assertEquals(8, p.pairs().size());
        assertTrue(p.pairs().stream().allMatch(pair -> pair.baseline().shown().equals("r0")));
        assertTrue(PairedFiles.markdown(p, "a comparison", List.of(), List.of())
                .contains("each row is compared with the first, r0, only"));
    }

    /**
     * A baseline chosen: each row of its group against it, whether it stands first or not, and more
     * than 8 rows too; rows over other seeds are named without it; a row the table lacks is refused.
     */
    @Test
    void aBaselineChosenIsEveryPairsBaseline() {
        List<PairedDifferences.Row> rows = new ArrayList<>(List.of(over("naive [A]", 1, 2), over("ewc [A+B]", 1, 2),
                over("ewc [C]", 1, 2), over("si [A+B]", 1, 2), over("si [D]", 3, 4), over("hlop [D]", 3, 4)));
        for (int i = 0; i < 8; i++) {
            rows.add(over("r" + i, 1, 2));
        }
        PairedDifferences p = PairedDifferences.of(rows, "ewc [A+B]");
        List<String> order = new ArrayList<>();
        p.pairs().forEach(pair -> order.add(pair.row().shown() + " - " + pair.baseline().shown()));
        assertEquals(List.of("naive [A] - ewc [A+B]", "ewc [C] - ewc [A+B]", "si [A+B] - ewc [A+B]", "r0 - ewc [A+B]",
                "r1 - ewc [A+B]", "r2 - ewc [A+B]", "r3 - ewc [A+B]", "r4 - ewc [A+B]", "r5 - ewc [A+B]",
                "r6 - ewc [A+B]", "r7 - ewc [A+B]"), order);
        String md = PairedFiles.markdown(p, "a comparison", List.of(), List.of());
        assertTrue(md.contains("\n\nEach row is compared with the baseline chosen (--baseline), ewc [A+B], only.\n"),
                md);
        assertTrue(md.contains("\nNot paired:\n- si [D], hlop [D]: over seeds [3, 4], which the baseline chosen does"
                + " not share two or more of\n"), md);
        EngramException unknown = assertThrows(EngramException.class,
                () -> PairedDifferences.of(rows, "ewc [A]"));
        assertTrue(unknown.getMessage().startsWith("engram compare: --baseline: expected a row of the comparison as"
                + " its table shows it, one of [naive [A], ewc [A+B], "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("found 'ewc [A]'"), unknown.getMessage());
    }

    /**
     * The note on seeds left out counts them: one seed of one row "is" left out, one of two rows or two of one
     * "are" (naive over seeds 1 to 4 paired with ewc over 1 and 2 leaves out seeds 3 and 4 of naive).
     */
    @Test
    void theSeedsLeftOutAreCountedInTheirNote() {
        PairedDifferences.Row naive = acc("naive [A]", 1, 0.80, 2, 0.70, 3, 0.90, 4, 0.6);
        PairedDifferences.Row ewc = acc("ewc [B]", 1, 0.85, 2, 0.78);
        PairedDifferences.Section two = PairedDifferences.of(List.of(naive, ewc), null).sections().get(0);
        assertTrue(PairedFiles.dropped(two).contains(": seeds 3, 4 of naive [A] are left out ("),
                PairedFiles.dropped(two));
        PairedDifferences.Row three = acc("naive [A]", 1, 0.80, 2, 0.70, 3, 0.90);
        PairedDifferences.Section one = PairedDifferences.of(List.of(three, ewc), null).sections().get(0);
        assertTrue(PairedFiles.dropped(one).contains(": seed 3 of naive [A] is left out ("), PairedFiles.dropped(one));
    }

    /**
     * A strategy whose run lost seed 3 (ewc over 1, 2) against rows over 1, 2, 3: paired over seeds 1
     * and 2, the others' seed 3 left out and named. By hand, ewc - naive: ACC differences 5 and 8 pp,
     * mean 6.5, sd 3 / sqrt(2), half-width t_{0.975, 1} sd / sqrt(2) = 1.5 t_{0.975, 1} pp; the row over
     * seeds 3 and 4 shares one seed with the others and stays unpaired.
     */
    @Test
    void rowsOverOverlappingSeedsArePairedOverTheSeedsTheyShare() {
        PairedDifferences.Row naive = acc("naive [A]", 1, 0.80, 2, 0.70, 3, 0.90);
        PairedDifferences.Row si = acc("si [A]", 1, 0.82, 2, 0.75, 3, 0.91);
        PairedDifferences.Row ewc = acc("ewc [B]", 2, 0.78, 1, 0.85);
        PairedDifferences.Row hlop = acc("hlop [C]", 3, 0.9, 4, 0.9);
        PairedDifferences p = PairedDifferences.of(List.of(naive, si, ewc, hlop), null);
        List<String> order = new ArrayList<>();
        p.pairs().forEach(pair -> order.add(pair.row().shown() + " - " + pair.baseline().shown() + " " + pair.seeds()));
        assertEquals(List.of("si [A] - naive [A] [1, 2, 3]", "ewc [B] - naive [A] [1, 2]", "ewc [B] - si [A] [1, 2]"),
                order);
        PairedDifferences.Pair pair = p.pairs().get(1);
        SeedSummary d = pair.differences().get(0);
        assertEquals(2, d.n());
        assertEquals(0.065, d.mean(), TOLERANCE);
        assertEquals(0.03 / Math.sqrt(2), d.sd(), TOLERANCE);
        assertEquals(0.015 * 12.706204736174707, d.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertEquals(List.of(3L), PairedDifferences.dropped(pair, naive));
        assertEquals(List.of(), PairedDifferences.dropped(pair, ewc));
        String md = PairedFiles.markdown(p, "a comparison", List.of(), List.of());
        assertTrue(md.contains("\n## Seeds [1, 2]\n\nRows over other seeds are paired over the seeds both rows of a"
                + " pair share, 1, 2: seed 3 of naive [A], si [A] are left out (each row's own mean in comparison.md is"
                + " over all its seeds).\n"), md);
        assertTrue(md.contains("\n| ewc [B] | naive [A] | 2 | +6.5 ± 19.1 | "), md);
        assertTrue(md.contains("\nNot paired:\n- hlop [C]: over seeds [3, 4], which no other row shares two or more"
                + " of\n"), md);
        String[] csv = PairedFiles.csv(p).split("\n");
        assertTrue(csv[2].startsWith("ewc [B],naive [A],"), csv[2]);
        assertTrue(csv[2].endsWith(",1 2,,3"), csv[2]);
        // A baseline chosen: only the pairs with it, over the seeds each shares with it.
        PairedDifferences chosen = PairedDifferences.of(List.of(naive, si, ewc, hlop), "ewc [B]");
        order.clear();
        chosen.pairs().forEach(q -> order.add(q.row().shown() + " - " + q.baseline().shown() + " " + q.seeds()));
        assertEquals(List.of("naive [A] - ewc [B] [1, 2]", "si [A] - ewc [B] [1, 2]"), order);
        assertEquals(-0.065, chosen.pairs().get(0).differences().get(0).mean(), TOLERANCE);
    }

    /** A row over the given seeds with, per seed in that order, ACC, BWT, FWT (null: undefined), forgetting, LA. */
    private static PairedDifferences.Row metrics(String name, long[] seeds, double[] acc, double[] bwt, Double[] fwt,
                                                 double[] forgetting, double[] learning) {
        TreeMap<Long, Map<?, ?>> bySeed = new TreeMap<>();
        for (int i = 0; i < seeds.length; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("acc", acc[i]);
            m.put("bwt", bwt[i]);
            m.put("fwt", fwt[i]);
            m.put("forgetting", forgetting[i]);
            m.put("learning_accuracy", learning[i]);
            bySeed.put(seeds[i], m);
        }
        return new PairedDifferences.Row(name, name, "", bySeed, "");
    }

    /**
     * naive over seeds 1 to 5 against replay, whose run lost seed 3 (seeds listed 5, 1, 4, 2): paired
     * over 1, 2, 4, 5, by hand with t_{0.975, 3} = 3.1824463052837 (from the closed-form CDF of t with 3
     * degrees of freedom, 1/2 + (u / (sqrt(3) (1 + u^2 / 3)) + atan(u / sqrt(3))) / pi, solved by bisection;
     * tables: 3.182). ACC: 8, 5, 9, 6 pp, mean 7, squared deviations 1 + 4 + 4 + 1 = 10 pp^2, s^2 = 10/3,
     * half-width t s / 2 = 2.905 pp: +7.0 ± 2.9, clear of 0. BWT: equal per seed, 0 ± 0, not clear of 0
     * (an interval [0, 0] does not exclude it). FWT: naive's seed 2 has none, so the difference has none.
     * Forgetting: -2, -4, -3, -1 pp, mean -2.5, s^2 = 5/3, half-width 2.054 pp. LA: +1, 0, +1, +2 pp, mean
     * 1, s^2 = 2/3, half-width 1.299 pp, whose interval [-0.3, 2.3] holds 0.
     */
    @Test
    void fourSharedSeedsOfFiveMatchTheClosedFormQuantile() {
        final double t3 = 3.1824463052837;
        PairedDifferences.Row naive = metrics("naive [A]", new long[] {1, 2, 3, 4, 5},
                new double[] {0.70, 0.75, 0.72, 0.68, 0.80}, new double[] {-0.10, -0.12, -0.08, -0.11, -0.09},
                new Double[] {0.01, null, 0.02, 0.00, 0.01}, new double[] {0.12, 0.14, 0.10, 0.13, 0.11},
                new double[] {0.95, 0.95, 0.95, 0.95, 0.95});
        PairedDifferences.Row replay = metrics("replay [B]", new long[] {5, 1, 4, 2},
                new double[] {0.86, 0.78, 0.77, 0.80}, new double[] {-0.09, -0.10, -0.11, -0.12},
                new Double[] {0.02, 0.02, 0.02, 0.02}, new double[] {0.10, 0.10, 0.10, 0.10},
                new double[] {0.97, 0.96, 0.96, 0.95});
        PairedDifferences p = PairedDifferences.of(List.of(naive, replay), null);
        assertEquals(1, p.pairs().size());
        PairedDifferences.Pair pair = p.pairs().get(0);
        assertEquals("replay [B] - naive [A] [1, 2, 4, 5]", pair.row().shown() + " - " + pair.baseline().shown()
                + " " + pair.seeds());
        assertEquals(List.of(3L), PairedDifferences.dropped(pair, naive));
        SeedSummary acc = pair.differences().get(0);
        assertEquals(4, acc.n());
        assertEquals(0.07, acc.mean(), TOLERANCE);
        assertEquals(Math.sqrt(0.001 / 3), acc.sd(), TOLERANCE);
        assertEquals(t3 * Math.sqrt(0.001 / 3) / 2, acc.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertTrue(PairedFiles.bold(acc));
        SeedSummary bwt = pair.differences().get(1);
        assertEquals(0, bwt.mean(), 0);
        assertEquals(0, bwt.halfWidth(), 0);
        assertFalse(PairedDifferences.excludesZero(bwt), "[0, 0] holds 0");
        assertNull(pair.differences().get(2), "FWT of naive's seed 2 is undefined");
        SeedSummary forgetting = pair.differences().get(3);
        assertEquals(-0.025, forgetting.mean(), TOLERANCE);
        assertEquals(t3 * Math.sqrt(0.0005 / 3) / 2, forgetting.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertTrue(PairedDifferences.excludesZero(forgetting));
        SeedSummary learning = pair.differences().get(4);
        assertEquals(0.01, learning.mean(), TOLERANCE);
        assertEquals(t3 * Math.sqrt(0.0002 / 3) / 2, learning.halfWidth(), HALF_WIDTH_TOLERANCE);
        assertFalse(PairedDifferences.excludesZero(learning));
        assertTrue(PairedFiles.markdown(p, "a comparison", List.of(), List.of()).contains("\n| replay [B] | naive [A]"
                + " | 4 | **+7.0 ± 2.9** | 0.0 ± 0.0 | n/a | **-2.5 ± 2.1** | +1.0 ± 1.3 |\n"));
    }

    /** Two equal rows: every difference is 0 for every seed, an interval [0, 0] that does not exclude 0. */
    @Test
    void equalRowsGiveDifferencesThatDoNotExcludeZero() {
        SeedSummary d = PairedDifferences.of(List.of(over("a", 1, 2, 3), over("b", 1, 2, 3)), null).pairs().get(0)
                .differences().get(0);
        assertEquals(0, d.low(), 0);
        assertEquals(0, d.high(), 0);
        assertFalse(PairedDifferences.excludesZero(d));
        assertFalse(PairedFiles.bold(d));
    }

    /**
     * A baseline chosen in the earlier of two groups whose seeds overlap: the later group's row against
     * it, its sign row minus baseline (ACC 0.85 and 0.78 against 0.80 and 0.70: +5 and +8 pp).
     */
    @Test
    void aBaselineChosenInTheEarlierGroupIsTheLaterGroupsBaseline() {
        PairedDifferences.Row naive = acc("naive [A]", 1, 0.80, 2, 0.70, 3, 0.90);
        PairedDifferences.Row si = acc("si [A]", 1, 0.82, 2, 0.75, 3, 0.91);
        PairedDifferences.Row ewc = acc("ewc [B]", 1, 0.85, 2, 0.78);
        PairedDifferences p = PairedDifferences.of(List.of(naive, si, ewc), "naive [A]");
        List<String> order = new ArrayList<>();
        p.pairs().forEach(pair -> order.add(pair.row().shown() + " - " + pair.baseline().shown() + " " + pair.seeds()));
        assertEquals(List.of("si [A] - naive [A] [1, 2, 3]", "ewc [B] - naive [A] [1, 2]"), order);
        assertEquals(0.065, p.pairs().get(1).differences().get(0).mean(), TOLERANCE);
    }

    /**
     * Two groups whose seeds overlap, 5 rows over 1, 2, 3 and 4 over 1, 2, together more than 8: each row
     * of the later group against the earlier's first only, besides the pairs within each group (5 x 4 / 2
     * and 4 x 3 / 2).
     */
    @Test
    void overlappingGroupsOfMoreThanEightRowsAreComparedWithTheFirst() {
        List<PairedDifferences.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(over("a" + i, 1, 2, 3));
        }
        for (int i = 0; i < 4; i++) {
            rows.add(over("b" + i, 1, 2));
        }
        PairedDifferences p = PairedDifferences.of(rows, null);
        assertEquals(10 + 6 + 4, p.pairs().size());
        List<String> across = new ArrayList<>();
        p.pairs().stream().filter(pair -> pair.row().shown().startsWith("b") && pair.baseline().shown().startsWith("a"))
                .forEach(pair -> across.add(pair.row().shown() + " - " + pair.baseline().shown()));
        assertEquals(List.of("b0 - a0", "b1 - a0", "b2 - a0", "b3 - a0"), across);
    }

    /**
     * Pairs of one set of seeds stand by baseline, then by row, in table order, whichever way they were
     * found (within x, y, z's group first, then with a): x, y and z over seeds 1, 2 with a after x over
     * 1, 2, 3 give a, y, z against x, then y, z against a, then z against y.
     */
    @Test
    void pairsOfASectionStandByBaselineThenRowInTableOrder() {
        PairedDifferences p = PairedDifferences.of(List.of(over("x", 1, 2), over("a", 1, 2, 3), over("y", 1, 2),
                over("z", 1, 2)), null);
        List<String> order = new ArrayList<>();
        p.pairs().forEach(pair -> order.add(pair.row().shown() + " - " + pair.baseline().shown()));
        assertEquals(List.of("a - x", "y - x", "z - x", "y - a", "z - a", "z - y"), order);
        assertEquals(1, p.sections().size());
    }

    /** Two groups whose seeds overlap, 5 and 3 rows, 8 in all: every row of one against every row of the other. */
    @Test
    void overlappingGroupsOfEightRowsGiveEveryPair() {
        List<PairedDifferences.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(over("a" + i, 1, 2, 3));
        }
        for (int i = 0; i < 3; i++) {
            rows.add(over("b" + i, 1, 2));
        }
        assertEquals(10 + 3 + 5 * 3, PairedDifferences.of(rows, null).pairs().size());
    }

    /** Differences count as the same for every seed when their sd is below 1e-9, not at it. */
    @Test
    void theSameForEverySeedMeansAnSdBelowOneBillionth() {
        assertTrue(PairedDifferences.sameForEverySeed(new SeedSummary(2, 0.01, 0.999e-9, 1e-8, 0.95)));
        assertFalse(PairedDifferences.sameForEverySeed(new SeedSummary(2, 0.01, 1e-9, 1e-8, 0.95)));
    }
}
