package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;

/**
 * The differences, seed by seed, between rows of a comparison over the seeds they share. The
 * strategies of a run are trained on the same seeds (the same initial network, data order and tasks
 * per seed), so the mean of their per-seed differences, with its 95% Student-t interval
 * {@code t_{0.975, n-1} s_d / sqrt(n)} ({@link SeedSummary} over the differences), says more than
 * two overlapping intervals of the rows' own.
 *
 * <p>Rows are grouped by their set of seeds and their context (the scenario, sequence, tasks and
 * data of their runs, whose metrics measure other things where they differ); rows of one context are paired
 * seed by seed number, over the seeds both are over, when they share two or more.
 * A group of up to {@link #ALL_PAIRS_UP_TO} rows gives every pair, each row against every earlier
 * one (the earlier being the baseline); a larger group gives each row against its first only, as
 * the pairs would outgrow a page.
 *
 * <p>Rows of two groups of one context whose seeds overlap in two or more (a strategy whose run lost
 * a seed, runs of seeds 1-3 and 1-5) are paired over the seeds they share, the other seeds of each
 * dropped from that pair alone (each row's own mean stays over all its seeds): every row of one
 * against every row of the other, the earlier in the table the baseline, or, when the two groups
 * hold more than {@link #ALL_PAIRS_UP_TO} rows, each row of the later group against the earlier's
 * first. Pairing over fewer seeds than a row has is what a paired test can do, and what it leaves out
 * is said: {@link #dropped} names the seeds.
 */
final class PairedDifferences {
    /** The metrics paired, in the order of the comparison's table: those of the method, not the machine. */
    static final List<String> METRICS = List.of("acc", "bwt", "fwt", "forgetting", "learning_accuracy");
    /** The most rows of one seed set that are paired every way: 28 pairs. */
    static final int ALL_PAIRS_UP_TO = 8;
    /** The standard deviation (fractions of 1) below which a pair's differences count as one value. */
    private static final double SAME_FOR_EVERY_SEED = 1e-9;

    /**
     * A row of the comparison.
     *
     * @param shown    its name as the comparison's table shows it, e.g. {@code Fine-tuning [A]}
     * @param strategy its strategy's label, as {@code comparison.csv}'s {@code strategy}
     * @param runTag   its run's or pool's tag as shown, as {@code comparison.csv}'s {@code run_tag}
     * @param seeds    each seed's metrics as {@code metrics.json} holds them ({@code acc}, {@code bwt}, ...,
     *                 fractions of 1, {@code null} where undefined), by seed in ascending order
     * @param context  its run's scenario, sequence, tasks and data, e.g. {@code scenario task_incremental, ...}:
     *                 rows of other contexts are not paired
     */
    record Row(String shown, String strategy, String runTag, SortedMap<Long, Map<?, ?>> seeds, String context) {
    }

    /**
     * Rows over one set of seeds.
     *
     * @param seeds   the seeds, ascending
     * @param context the rows' context, as {@link Row#context}
     * @param rows    the rows, in table order
     * @param against the row every other is compared with (the baseline chosen, or the first of more
     *                than {@link #ALL_PAIRS_UP_TO}), or null when every pair is given or none
     */
    record Group(List<Long> seeds, String context, List<Row> rows, Row against) {
    }

    /**
     * Pairs over one set of seeds in one context, as the paired files set them under one heading.
     *
     * @param seeds   the seeds paired, ascending
     * @param context the rows' context, as {@link Row#context}
     * @param pairs   the pairs, by baseline and then by row in table order
     */
    record Section(List<Long> seeds, String context, List<Pair> pairs) {
    }

    /**
     * One row against a baseline over their common seeds.
     *
     * @param row         the row
     * @param baseline    the row it is compared with, earlier in the table
     * @param seeds       the seeds paired, ascending
     * @param differences per metric of {@link #METRICS}, the summary of the row's value minus the
     *                    baseline's over the seeds (fractions of 1), or null where a seed of either
     *                    has none (FWT in class-incremental learning, BWT of one task)
     */
    record Pair(Row row, Row baseline, List<Long> seeds, List<SeedSummary> differences) {
    }

    private final List<Group> groups;
    private final List<Section> sections;
    private final List<Pair> pairs;
    private final String baseline;

    private PairedDifferences(List<Group> groups, List<Pair> pairs, List<Row> table, String baseline) {
        this.groups = groups;
        Map<List<Object>, List<Pair>> bySeeds = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            bySeeds.computeIfAbsent(List.of(pair.seeds(), pair.row().context()), k -> new ArrayList<>()).add(pair);
        }
        List<Section> all = new ArrayList<>();
        List<Pair> ordered = new ArrayList<>();
        bySeeds.values().forEach(p -> {
            // By baseline, then by row, in table order, as the pairs of one group are.
            p.sort(Comparator.comparingInt((Pair pair) -> table.indexOf(pair.baseline()))
                    .thenComparingInt(pair -> table.indexOf(pair.row())));
            all.add(new Section(p.get(0).seeds(), p.get(0).row().context(), List.copyOf(p)));
            ordered.addAll(p);
        });
        this.sections = List.copyOf(all);
        this.pairs = List.copyOf(ordered);
        this.baseline = baseline;
    }

    /**
     * Groups rows by their seeds and context and pairs those of a group: every pair, or with a
     * baseline chosen, each row of the baseline's group against it; then pairs rows of groups of one
     * context whose seeds overlap in two or more over the seeds they share, alike.
     *
     * @param rows     the comparison's rows, in table order
     * @param baseline the row, as the table shows it, every other is compared with, or null for every pair
     * @return the groups and their pairs
     * @throws EngramException if the baseline is none of the rows
     */
    static PairedDifferences of(List<Row> rows, String baseline) {
        List<String> shown = rows.stream().map(Row::shown).toList();
        if (baseline != null && !shown.contains(baseline)) {
            throw unknownBaseline(shown, baseline, Suggestions.didYouMean(baseline, shown));
        }
        Map<List<Object>, List<Row>> bySeeds = new LinkedHashMap<>();
        for (Row row : rows) {
            bySeeds.computeIfAbsent(List.of(List.copyOf(row.seeds().keySet()), row.context()), s -> new ArrayList<>())
                    .add(row);
        }
        List<Group> groups = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        bySeeds.forEach((key, members) -> {
            List<Long> seeds = List.copyOf(members.get(0).seeds().keySet());
            Row against = baseline != null ? chosen(members, baseline) : members.size() > ALL_PAIRS_UP_TO
                    ? members.get(0) : null;
            // A group gives pairs when it has two rows or more over two seeds or more, one of them the
            // baseline when one is chosen.
            boolean paired = members.size() > 1 && seeds.size() > 1 && (baseline == null || against != null);
            groups.add(new Group(seeds, members.get(0).context(), List.copyOf(members), against));
            if (!paired) {
                return;
            }
            if (against != null) {
                members.stream().filter(r -> r != against).forEach(r -> pairs.add(pair(r, against, seeds)));
                return;
            }
            for (int b = 0; b < members.size(); b++) {
                for (int r = b + 1; r < members.size(); r++) {
                    pairs.add(pair(members.get(r), members.get(b), seeds));
                }
            }
        });
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                pairs.addAll(across(groups.get(i), groups.get(j), rows, baseline));
            }
        }
        return new PairedDifferences(List.copyOf(groups), pairs, rows, baseline);
    }

    /**
     * The refusal of a baseline that is none of the rows.
     *
     * @param shown    the rows as the table shows them
     * @param baseline the baseline asked for
     * @param hint     what to do about it, or null
     * @return the error
     */
    static EngramException unknownBaseline(List<String> shown, String baseline, String hint) {
        return new EngramException("engram compare", "--baseline", "a row of the comparison as its table shows it,"
                + " one of " + shown, "'" + baseline + "'", hint);
    }

    /** The row of a group that the table shows as the baseline chosen, or null (always when none is chosen). */
    private static Row chosen(List<Row> rows, String baseline) {
        return rows.stream().filter(r -> r.shown().equals(baseline)).findFirst().orElse(null);
    }

    /**
     * The pairs of the rows of two groups of one context over the seeds they share, when two or more.
     *
     * @param first    the group whose first row stands earlier in the table
     * @param second   the other group
     * @param table    every row, in table order, which decides which of two rows is the baseline
     * @param baseline the row chosen as every pair's baseline, as the table shows it, or null
     */
    private static List<Pair> across(Group first, Group second, List<Row> table, String baseline) {
        List<Long> common = new ArrayList<>(first.seeds());
        common.retainAll(second.seeds());
        List<Pair> pairs = new ArrayList<>();
        if (common.size() < 2 || !first.context().equals(second.context())) {
            return pairs;
        }
        Row chosenFirst = chosen(first.rows(), baseline);
        Row chosenSecond = chosen(second.rows(), baseline);
        if (chosenFirst != null || chosenSecond != null) {
            Row against = chosenFirst != null ? chosenFirst : chosenSecond;
            (chosenFirst != null ? second : first).rows().forEach(r -> pairs.add(pair(r, against, common)));
        } else if (baseline == null && first.rows().size() + second.rows().size() > ALL_PAIRS_UP_TO) {
            second.rows().forEach(r -> pairs.add(pair(r, first.rows().get(0), common)));
        } else if (baseline == null) {
            for (Row a : first.rows()) {
                for (Row b : second.rows()) {
                    boolean aFirst = table.indexOf(a) < table.indexOf(b);
                    pairs.add(pair(aFirst ? b : a, aFirst ? a : b, common));
                }
            }
        }
        return pairs;
    }

    /**
     * The seeds of a row of a pair that the pair leaves out, being over the seeds both rows share.
     *
     * @param pair a pair
     * @param row  its row or its baseline
     * @return the row's seeds the pair is not over, ascending; empty when it is over all of them
     */
    static List<Long> dropped(Pair pair, Row row) {
        List<Long> dropped = new ArrayList<>(row.seeds().keySet());
        dropped.removeAll(pair.seeds());
        return dropped;
    }

    private static Pair pair(Row row, Row baseline, List<Long> seeds) {
        List<SeedSummary> differences = new ArrayList<>();
        for (String metric : METRICS) {
            double[] d = new double[seeds.size()];
            boolean defined = true;
            for (int i = 0; i < d.length && defined; i++) {
                // By seed number: the rows' seeds may have been listed, or pooled, in other orders.
                Object value = row.seeds().get(seeds.get(i)).get(metric);
                Object base = baseline.seeds().get(seeds.get(i)).get(metric);
                defined = value != null && base != null;
                d[i] = defined ? ((Number) value).doubleValue() - ((Number) base).doubleValue() : 0;
            }
            differences.add(defined ? SeedSummary.of(d) : null);
        }
        return new Pair(row, baseline, seeds, differences);
    }

    /** @return the row chosen as every pair's baseline, as the table shows it, or null */
    String baseline() {
        return baseline;
    }

    /** @return whether any rows are paired, so that the paired files are written */
    boolean any() {
        return !pairs.isEmpty();
    }

    /** @return whether the rows are of more than one context, which the groups then name */
    boolean contexts() {
        return groups.stream().map(Group::context).distinct().count() > 1;
    }

    /** @return the rows grouped by seed set and context, groups in the order of their first row */
    List<Group> groups() {
        return groups;
    }

    /**
     * @return the pairs by the seeds they are over and their context, the pairs within a group's
     *         rows before those of rows of groups whose seeds overlap
     */
    List<Section> sections() {
        return sections;
    }

    /** @return the pairs, section by section, within one by baseline and then by row in table order */
    List<Pair> pairs() {
        return pairs;
    }

    /**
     * Whether a row is in no pair.
     *
     * @param row a row
     * @return whether no pair has it as its row or baseline
     */
    boolean unpaired(Row row) {
        return pairs.stream().noneMatch(p -> p.row() == row || p.baseline() == row);
    }

    /**
     * Whether an interval of a paired difference excludes zero.
     *
     * @param difference a summary over two seeds or more
     * @return whether the interval lies wholly above or wholly below 0
     */
    static boolean excludesZero(SeedSummary difference) {
        return difference.low() > 0 || difference.high() < 0;
    }

    /**
     * Whether a pair's differences are the same for every seed: their standard deviation is below
     * 1e-9, far below a step of test accuracy, where differences of the same sums can part by ulps.
     *
     * @param difference a summary over two seeds or more
     * @return whether its interval has, in effect, no width
     */
    static boolean sameForEverySeed(SeedSummary difference) {
        return difference.sd() < SAME_FOR_EVERY_SEED;
    }
}
