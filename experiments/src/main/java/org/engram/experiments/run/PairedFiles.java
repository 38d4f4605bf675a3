package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.metrics.SeedSummary;

/**
 * {@code paired.md} and {@code paired.csv}, the files of a comparison that give its
 * {@link PairedDifferences}: the Markdown table in percentage points for reading, the CSV unrounded in
 * fractions of 1, as {@code comparison.csv} has its numbers, for scripts ({@code paired.tex}, for
 * papers, is {@link PairedLatex}'s).
 */
final class PairedFiles {
    /** The Markdown file. */
    static final String MARKDOWN = "paired.md";
    /** The CSV file. */
    static final String CSV = "paired.csv";
    /** The LaTeX file. */
    static final String LATEX = "paired.tex";
    /** The LaTeX file with each ± under its mean, for a column of a two-column page. */
    static final String NARROW_LATEX = "paired-narrow.tex";
    /** The line of {@code comparison.md} that points to the paired differences, when there are any. */
    static final String POINTER = "Rows that share two or more seeds compared seed by seed over those, with 95%"
            + " intervals of the differences: [" + MARKDOWN + "](" + MARKDOWN + ") (" + LATEX + " for papers, " + CSV
            + " for scripts).";
    /** The columns' names, of {@link PairedDifferences#METRICS} in order, as the comparison's table names them. */
    static final List<String> NAMES = PairedDifferences.METRICS.stream().map(ResultTable::name).toList();

    private PairedFiles() {
    }

    /**
     * The Markdown file.
     *
     * @param paired the comparison's paired differences, some rows paired
     * @param source what the comparison is, e.g. {@code Engram comparison of runs quickstart 2026...}
     * @param differ how the comparison's runs differ besides their strategies and seeds, as its notes say
     *               it (settings, config keys, builds); empty when they do not
     * @param notes  the comparison's notes on what its metrics mean (FWT in task-incremental learning), which
     *               hold for the differences of those metrics too; empty when it has none
     * @return the text of {@code paired.md}
     */
    static String markdown(PairedDifferences paired, String source, List<String> differ, List<String> notes) {
        StringBuilder md = new StringBuilder("# Paired differences\n\nThe rows of comparison.md (").append(source)
                .append(") that share two or more seeds, compared seed by seed over those.\n\n")
                .append(explanation("**bold**", "comparison.md", paired)).append('\n');
        if (!differ.isEmpty()) {
            md.append('\n').append(differences(differ)).append('\n');
        }
        notes.forEach(note -> md.append("\n**Note:** ").append(note).append('\n'));
        for (PairedDifferences.Section section : paired.sections()) {
            md.append("\n## Seeds ").append(section.seeds()).append(paired.contexts() ? ", " + section.context() : "")
                    .append("\n\n");
            for (PairedDifferences.Group group : paired.groups()) {
                if (group.against() != null && group.seeds().equals(section.seeds())
                        && group.context().equals(section.context())) {
                    md.append(against(paired, group)).append(".\n\n");
                }
            }
            String dropped = dropped(section);
            if (!dropped.isEmpty()) {
                md.append(dropped).append(".\n\n");
            }
            md.append("| Row | Baseline | Seeds |");
            NAMES.forEach(name -> md.append(' ').append(name).append(" (pp) |"));
            md.append("\n|---|---|---").append("|---".repeat(NAMES.size())).append("|\n");
            for (PairedDifferences.Pair pair : section.pairs()) {
                md.append("| ").append(TableCell.markdownText(pair.row().shown())).append(" | ")
                        .append(TableCell.markdownText(pair.baseline().shown())).append(" | ")
                        .append(pair.seeds().size());
                pair.differences().forEach(d -> md.append(" | ").append(markdownCell(d)));
                md.append(" |\n");
            }
        }
        List<String> unpaired = unpaired(paired);
        if (!unpaired.isEmpty()) {
            md.append("\nNot paired:\n");
            unpaired.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    /**
     * What the cells of the paired tables are, for the text above {@code paired.md}'s tables and the
     * comments atop {@code paired.tex}'s.
     *
     * @param bold       how the file says bold, e.g. {@code **bold**}
     * @param comparison the file of the comparison's own table, whose ± {@code --error} chooses
     * @param paired     the pairs, whose intervals are counted
     * @return the sentences, ending in a full stop
     */
    static String explanation(String bold, String comparison, PairedDifferences paired) {
        long intervals = paired.pairs().stream().flatMap(p -> p.differences().stream()).filter(d -> d != null)
                .count();
        return "Each cell is the mean of a row's value minus its baseline's, seed by seed (seeds paired by number), in"
                + " percentage points, ± the half-width of its 95% confidence interval (Student t with n - 1 degrees"
                + " of freedom: t_{0.975, n-1} s_d / sqrt(n), s_d the sample standard deviation of the n differences);"
                + " " + bold + ": the interval excludes 0. Positive: higher in the row than in its baseline, better"
                + " for ACC, BWT, FWT and learning accuracy, worse for forgetting; a difference the same for every seed"
                + " is not set in " + bold + ", as its interval has no width and says nothing of how it varies over"
                + " other seeds. The intervals are 95% ones whatever"
                + " --error chose for " + comparison + ", each for its own pair and metric, not corrected for their"
                + " number: " + paired.pairs().size() + (paired.pairs().size() == 1 ? " pair gives " : " pairs give ")
                + intervals + (intervals == 1 ? " interval" : " intervals") + " here, of which about "
                + MetricFormat.format("%.1f", intervals / 20.0) + " would exclude 0 by chance alone were no"
                + " strategy different (and ACC, BWT and forgetting of one pair move together: ACC minus learning"
                + " accuracy is (T - 1)/T BWT). A seed draws the initial weights, the order of the data, the spikes"
                + " that encode it and a permuted sequence's permutations, not the images: the intervals are over"
                + " those draws, for these training and test sets. n/a: undefined for a seed of either row (BWT, FWT"
                + " and forgetting of one task, FWT in class-incremental learning).";
    }

    /**
     * The rows that are in no pair, and why, one line per group of rows over one set of seeds.
     *
     * @param paired the comparison's paired differences
     * @return e.g. {@code si [C]: over seeds [3, 4], which no other row shares two or more of}; empty when
     *         every row is paired
     */
    static List<String> unpaired(PairedDifferences paired) {
        List<String> lines = new ArrayList<>();
        for (PairedDifferences.Group group : paired.groups()) {
            List<PairedDifferences.Row> rows = group.rows().stream().filter(paired::unpaired).toList();
            if (!rows.isEmpty()) {
                lines.add(unpaired(group, rows, paired.baseline() != null));
            }
        }
        return lines;
    }

    /**
     * Which seeds the pairs of a section leave out of their rows, which are over more seeds than the
     * pairs: the pairs are over the seeds both rows share.
     *
     * @param section pairs over one set of seeds
     * @return e.g. {@code Over seeds [1, 2], the seeds both rows of a pair share: seed 3 of naive [A] and
     *         ewc [A] is left out}, without its full stop; empty when every pair is over all its rows' seeds
     */
    static String dropped(PairedDifferences.Section section) {
        Map<List<Long>, List<String>> rowsByDropped = new LinkedHashMap<>();
        for (PairedDifferences.Pair pair : section.pairs()) {
            for (PairedDifferences.Row row : List.of(pair.baseline(), pair.row())) {
                List<Long> dropped = PairedDifferences.dropped(pair, row);
                List<String> rows = rowsByDropped.computeIfAbsent(dropped, d -> new ArrayList<>());
                if (!dropped.isEmpty() && !rows.contains(row.shown())) {
                    rows.add(row.shown());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        rowsByDropped.forEach((dropped, rows) -> {
            if (!dropped.isEmpty()) {
                parts.add((dropped.size() == 1 ? "seed " : "seeds ") + seedList(dropped) + " of " + String.join(
                        ", ", rows) + (dropped.size() == 1 && rows.size() == 1 ? " is" : " are") + " left out");
            }
        });
        return parts.isEmpty() ? "" : "Rows over other seeds are paired over the seeds both rows of a pair share, "
                + seedList(section.seeds()) + ": " + String.join("; ", parts) + " (each row's own mean in"
                + " comparison.md is over all its seeds)";
    }

    /**
     * Seeds as a sentence lists them.
     *
     * @param seeds the seeds
     * @return e.g. {@code 1, 2, 3}
     */
    static String seedList(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    /**
     * Why a group's rows are compared with one of them only.
     *
     * @param paired the comparison's paired differences
     * @param group  a group with a row every other is compared with
     * @return the sentence, without its full stop
     */
    static String against(PairedDifferences paired, PairedDifferences.Group group) {
        return (paired.baseline() != null ? "Each row is compared with the baseline chosen (--baseline), "
                : "More than " + PairedDifferences.ALL_PAIRS_UP_TO + " rows are over these seeds: each row is"
                + " compared with the first, ") + group.against().shown() + ", only";
    }

    /** Rows of a group that are in no pair, and why. */
    private static String unpaired(PairedDifferences.Group group, List<PairedDifferences.Row> unpaired,
                                   boolean baseline) {
        String rows = String.join(", ", unpaired.stream().map(PairedDifferences.Row::shown).toList());
        String of = group.context().isEmpty() ? "" : " of " + group.context();
        if (group.seeds().size() == 1) {
            return rows + ": over seed " + group.seeds().get(0) + " alone, which gives no interval";
        }
        return rows + ": over seeds " + group.seeds() + (baseline ? of + ", which the baseline chosen does not share"
                + " two or more of" : ", which no other row" + of + " shares two or more of");
    }

    /**
     * What the ways the comparison's runs differ mean for pairs of rows of different runs.
     *
     * @param differ the comparison's notes on them: settings, config keys, builds
     * @return the sentences, ending in a full stop
     */
    static String differences(List<String> differ) {
        // Seed 1 of a run with another network, data or code draws other weights and orders from seed 1 of this one.
        return "Rows of different runs are paired by the numbers of their seeds, but the runs differ in more than"
                + " their strategies (" + String.join("; ", differ) + "): seed n of one need not draw the weights, data"
                + " order and spikes that seed n of another does, so such a pair's interval is not a paired one's.";
    }

    /** The most decimals a bold difference is shown with, so that its interval is seen to exclude 0. */
    private static final int MOST_DECIMALS = 3;

    /**
     * A difference as the paired tables show it: to 0.1 pp, or, in bold, to as many more decimals (up
     * to {@link #MOST_DECIMALS}) as it takes for the interval as printed to exclude 0 too: a mean of
     * 0.34 pp with a half-width of 0.26 is bold, but {@code +0.3 ± 0.3} would read as reaching 0, so
     * it is {@code +0.34 ± 0.26}.
     *
     * @param d the summary of a pair's differences (fractions of 1), null where undefined
     * @return its mean in pp, signed, with the half-width of its 95% interval
     */
    static TableCell cell(SeedSummary d) {
        if (d == null) {
            return TableCell.UNDEFINED;
        }
        double mean = 100 * d.mean();
        double half = 100 * d.halfWidth();
        int decimals = 1;
        while (bold(d) && decimals < MOST_DECIMALS && !(printed(Math.abs(mean), decimals) > printed(half, decimals))) {
            decimals++;
        }
        return TableCell.of(mean, half, "%+." + decimals + "f", "%." + decimals + "f");
    }

    /** A value as printed with some decimals, read back. */
    private static double printed(double value, int decimals) {
        return Double.parseDouble(MetricFormat.format("%." + decimals + "f", value));
    }

    /**
     * Whether a difference is shown in bold: its interval excludes 0 and has a width. A difference
     * the same for every seed (test accuracies come in steps of one sample, so two or three seeds
     * can tie) has an interval of no width, which says nothing of how it varies over other seeds.
     *
     * @param d the summary of a pair's differences, null where undefined
     * @return whether it is defined, varies from seed to seed and its interval excludes 0
     */
    static boolean bold(SeedSummary d) {
        return d != null && !PairedDifferences.sameForEverySeed(d) && PairedDifferences.excludesZero(d);
    }

    /** A difference in Markdown, in bold when its interval excludes 0. */
    private static String markdownCell(SeedSummary d) {
        String text = cell(d).markdown();
        return bold(d) ? "**" + text + "**" : text;
    }

    /**
     * The CSV file: a line per pair, its rows named as {@code comparison.md} shows them and by
     * {@code comparison.csv}'s {@code strategy} and {@code run_tag}, then per metric the mean
     * difference, the half-width of its 95% interval, the differences' sd and whether the interval
     * excludes 0 (empty where undefined), then the seeds paired and those of the row and of the
     * baseline that the pair leaves out, not being the other's (empty when none), separated by spaces.
     *
     * @param paired the comparison's paired differences
     * @return the text of {@code paired.csv}
     */
    static String csv(PairedDifferences paired) {
        StringBuilder csv = new StringBuilder("row,baseline,row_strategy,row_run_tag,baseline_strategy,"
                + "baseline_run_tag,seeds");
        for (String key : PairedDifferences.METRICS) {
            csv.append(',').append(key).append("_difference_mean,").append(key)
                    .append("_difference_ci95_half_width,").append(key).append("_difference_sd,").append(key)
                    .append("_excludes_zero");
        }
        csv.append(",seed_list,row_seeds_left_out,baseline_seeds_left_out\n");
        for (PairedDifferences.Pair pair : paired.pairs()) {
            PairedDifferences.Row row = pair.row();
            PairedDifferences.Row base = pair.baseline();
            for (String text : List.of(row.shown(), base.shown(), row.strategy(), row.runTag(), base.strategy(),
                    base.runTag())) {
                csv.append(ComparisonCsv.field(text)).append(',');
            }
            csv.append(pair.seeds().size());
            for (SeedSummary d : pair.differences()) {
                csv.append(d == null ? ",,,," : "," + ComparisonCsv.number(d.mean()) + ","
                        + ComparisonCsv.number(d.halfWidth()) + "," + ComparisonCsv.number(d.sd()) + ","
                        + PairedDifferences.excludesZero(d));
            }
            csv.append(',').append(seeds(pair.seeds())).append(',')
                    .append(seeds(PairedDifferences.dropped(pair, row))).append(',')
                    .append(seeds(PairedDifferences.dropped(pair, base))).append('\n');
        }
        return csv.toString();
    }

    /** Seeds as a CSV cell holds them: {@code 1 2 3}. */
    private static String seeds(List<Long> seeds) {
        return String.join(" ", seeds.stream().map(String::valueOf).toList());
    }
}
