package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.experiments.plot.AverageAccuracyPlot;
import org.engram.experiments.plot.ChartStyle;
import org.engram.experiments.plot.Captions;
import org.engram.experiments.plot.DrawnFigure;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.plot.StrategyComparisonPlot;
import org.engram.learning.continual.Scenario;
import org.engram.simulator.EngramException;
import org.engram.simulator.Plural;

/**
 * Compares the strategies of one or more finished runs side by side: a table of every summary
 * metric over seeds ({@code comparison.md}, {@code comparison.csv}), the ACC/BWT bar chart
 * ({@code plots/comparison}) and the average accuracy after each task ({@code plots/average_accuracy}, and
 * {@code plots/average_accuracy_validation} when every run compared held samples out for validation),
 * and, for rows over two or more common seeds, their differences seed by seed ({@code paired.md},
 * {@code paired.tex}, {@code paired.csv}; see {@link PairedDifferences}), the LaTeX tables also narrow
 * ({@code comparison-narrow.tex}, {@code paired-narrow.tex}: each ± under its mean), written to
 * {@code <results>/comparisons/<id>/}.
 */
public final class Comparison {
    /** The folder of the results root that holds comparisons, one subfolder each. */
    public static final String FOLDER = "comparisons";
    /** The table of {@code comparison.tex} with each ± under its mean, for a column of a two-column page. */
    static final String NARROW_LATEX = "comparison-narrow.tex";

    private Comparison() {
    }

    /**
     * The comparison written.
     *
     * @param folder the comparison folder
     * @param runs   the runs compared, one line each, {@code [A] experiment run-id (5 tasks, ...)} when
     *               the rows carry their runs' tags, as {@code comparison.md} lists them (by the name of a
     *               run's folder where it is not the run's id, or, where two runs' folders have one name, by
     *               the shortest end of its path that tells them apart, never by a full path unless that alone
     *               does)
     * @param table  the Markdown table
     * @param tableNote what the table's ± and n/a are, one sentence without its full stop
     * @param notes  what the runs differ in besides their strategies (scenario, sequence, data), one
     *               line each; empty when they differ in nothing else
     * @param paired {@code paired.md} in the folder, where rows that share two or more seeds are compared
     *               seed by seed over those; empty when no rows are
     */
    public record Outcome(Path folder, List<String> runs, String table, String tableNote, List<String> notes,
                          Optional<Path> paired) {
    }

    /**
     * What a comparison is asked for besides its runs.
     *
     * @param names    names that rows, the CSV and the figures show for the tags of runs or pools
     *                 ({@code A}, {@code A+B}) instead, e.g. {@code lambda 100} for a legend, and that
     *                 rows and figures show for strategies' labels, e.g. {@code Fine-tuning} for
     *                 {@code naive}; empty for the tags and labels
     * @param error    what the charts' error bars and the tables' ± show (the CSV holds both the
     *                 95% interval's half-width and the sd, whatever it is)
     * @param strict   whether to refuse runs that differ in more than their strategies (see
     *                 {@link StrictComparison}) rather than note how they differ
     * @param baseline the row, as the table shows it (e.g. {@code naive [A]}), every other row over its
     *                 seeds is compared with seed by seed; null for every pair ({@link PairedDifferences})
     * @param rows     the rows to keep, in the order to show them in every table, CSV and chart, each as
     *                 the table shows it with or without {@code --name} ({@code naive [A]}, {@code Fine-tuning
     *                 [A]}); null for every row, those of a strategy together
     */
    public record Choices(Map<String, String> names, ErrorMeasure error, boolean strict, String baseline,
                          List<String> rows) {
        /**
         * Checks that the measure is given; keeps the names and rows in the order given, as the files list them.
         *
         * @param names    names that rows, the CSV and the figures show for the tags of runs or pools
         *                 ({@code A}, {@code A+B}) instead, e.g. {@code lambda 100} for a legend, and that
         *                 rows and figures show for strategies' labels, e.g. {@code Fine-tuning} for
         *                 {@code naive}; empty for the tags and labels
         * @param error    what the charts' error bars and the tables' ± show (the CSV holds both the
         *                 95% interval's half-width and the sd, whatever it is)
         * @param strict   whether to refuse runs that differ in more than their strategies (see
         *                 {@link StrictComparison}) rather than note how they differ
         * @param baseline the row, as the table shows it (e.g. {@code naive [A]}), every other row over its
         *                 seeds is compared with seed by seed; null for every pair ({@link PairedDifferences})
         * @param rows     the rows to keep, in the order to show them, as the table shows them with or without
         *                 {@code --name}; null for every row
         */
        public Choices {
            names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
            rows = rows == null ? null : List.copyOf(rows);
            if (error == null) {
                throw new IllegalArgumentException("a comparison needs a measure of error");
            }
        }
    }

    /** The settings a comparison shows per run: runs that differ in them measure different things. */
    private static final List<String> SETTINGS = List.of("scenario", "sequence", "data");
    /** How the notes name the runs' tasks where they differ, which also measure different things. */
    private static final String TASKS = "their tasks";

    /**
     * Runs whose configs differ only in their seeds (and name and threads), on the same data and
     * with no seed in common: their seeds are pooled into one row per strategy, as if one run had
     * had them all.
     *
     * @param members the indices of the runs, in comparison order
     * @param tag     how rows and notes name the pool: its runs' tags joined by {@code +}
     */
    private record Pool(List<Integer> members, String tag) {
    }

    /**
     * The note that a run is shown apart from runs of its config, as it shares seeds with them.
     *
     * @param run    the run's index
     * @param pooled the indices of the runs it shares seeds with
     * @param note   the note
     */
    private record Repeat(int run, List<Integer> pooled, String note) {
    }

    /** One strategy of a pool: its row's metrics, as {@code metrics.json} holds a strategy's, and its seeds. */
    private record Row(String label, Pool pool, Map<String, Object> node, RunResults.Strategy strategy) {
    }

    /**
     * Reads the runs and writes the comparison. Runs whose configs differ only in their seeds, with
     * none in common, are pooled: each strategy is one row over all their seeds.
     * With several pools every row names its pool by a tag ({@code naive [A]}, {@code naive [B+C]}),
     * which the list of runs resolves, and rows of one strategy stand together.
     *
     * @param runs        run folders
     * @param resultsRoot results root; the comparison goes to {@code <root>/comparisons/<id>/}
     * @param layout      what the chart becomes before it is written, e.g. {@code f -> f.printedAt(3.3)}
     * @param choices     the names to show, the measure of error and whether to refuse runs that
     *                    differ in more than their strategies, and the baseline of the paired files
     * @return the comparison
     * @throws EngramException if a name is given for a tag or label the comparison does not have, is
     *                         empty, holds a line break, or is another tag's or label's, or its name; with
     *                         {@code strict}, if the runs differ in more than their strategies; if the
     *                         baseline is none of the rows
     */
    public static Outcome write(List<Path> runs, Path resultsRoot, UnaryOperator<Figure> layout, Choices choices) {
        Map<String, String> names = choices.names();
        ErrorMeasure error = choices.error();
        List<RunResults> results = new ArrayList<>();
        Map<String, Path> byId = new HashMap<>();
        int tasks = -1;
        for (Path r : runs) {
            RunResults read = RunResults.readFinished(r);
            Path first = byId.putIfAbsent(read.runId(), r);
            if (first != null) {
                // A copy, a link or the same folder written twice: one run's rows would stand twice.
                throw new EngramException(r.toString(), "runs", "each run once", "run " + read.runId() + " again, "
                        + "given first as " + first, null);
            }
            if (tasks >= 0 && tasks != read.tasks().size()) {
                throw new EngramException(read.directory().toString(), "tasks", "runs with the same number of tasks ("
                        + tasks + ")", Integer.toString(read.tasks().size()), null);
            }
            tasks = read.tasks().size();
            ConfigDifferences.requireAsRun(read);
            results.add(read);
        }
        List<Repeat> repeats = new ArrayList<>();
        List<Pool> pools = pools(results, repeats);
        List<Row> every = rows(results, pools);
        List<String> tags = pools.size() > 1 ? pools.stream().map(Pool::tag).toList() : List.of();
        List<String> labels = every.stream().map(Row::label).distinct().toList();
        requireNames(names, tags, labels);
        Map<String, String> tagNames = ShownNames.of(names, tags);
        Map<String, String> strategyNames = ShownNames.of(names, labels);
        List<Row> rows = RowSelection.select(every, choices.rows(),
                row -> rowKey(row, pools.size() > 1),
                row -> shownRow(row, pools.size() > 1, tagNames, strategyNames), RowSelection.Of.COMPARISON);
        // The runs of the rows kept: a run whose every row --rows leaves out is named in no list or note.
        List<Pool> keptPools = pools.stream().filter(p -> rows.stream().anyMatch(r -> r.pool() == p)).toList();
        List<Integer> kept = keptPools.stream().flatMap(p -> p.members().stream()).sorted().toList();
        List<RunResults> keptResults = kept.stream().map(results::get).toList();
        IntFunction<String> keptTag = k -> tag(kept.get(k));
        List<RunResults> heads = new ArrayList<>();
        List<List<Path>> poolFolders = new ArrayList<>();
        for (Pool pool : keptPools) {
            heads.add(results.get(pool.members().get(0)));
            poolFolders.add(pool.members().stream().map(runs::get).toList());
        }
        Map<String, String> settings = differences(heads, i -> keptPools.get(i).tag());
        Map<String, Object> merged = new LinkedHashMap<>();
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        List<AverageAccuracyPlot.Strategy> lines = new ArrayList<>();
        List<AverageAccuracyPlot.Strategy> validationLines = new ArrayList<>();
        boolean validated = rows.stream().anyMatch(r -> ((Map<?, ?>) r.node().get("aggregate"))
                .get("validation") != null);
        ComparisonCsv csv = new ComparisonCsv(validated);
        PerSeedCsv perSeed = new PerSeedCsv(validated);
        List<PairedDifferences.Row> pairedRows = new ArrayList<>();
        // A row as the table would show it without --name, for a baseline given so.
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Row row : rows) {
            String shown = tagNames.getOrDefault(row.pool().tag(), row.pool().tag());
            String label = shownRow(row, pools.size() > 1, tagNames, strategyNames);
            renamed.put(rowKey(row, pools.size() > 1), label);
            merged.put(label, row.node());
            if (tasks > 1) {
                entries.add(RunPlots.entry(label, row.strategy()));
                // Styled by strategy and label, whatever the legend shows: a strategy keeps its look in every
                // figure; its rows of further runs take further looks of its colour.
                ChartStyle.Series style = new ChartStyle.Series(row.strategy().name(), row.label());
                lines.add(new AverageAccuracyPlot.Strategy(label, style, row.strategy().matrices()));
                if (!row.strategy().validationMatrices().isEmpty()) {
                    validationLines.add(new AverageAccuracyPlot.Strategy(label, style,
                            row.strategy().validationMatrices()));
                }
            }
            RunResults first = results.get(row.pool().members().get(0));
            List<String> ids = new ArrayList<>();
            row.pool().members().forEach(i -> ids.add(results.get(i).runId()));
            Map<?, ?> aggregate = (Map<?, ?>) row.node().get("aggregate");
            Map<?, ?> over = (Map<?, ?>) aggregate.get("over_seeds");
            Map<?, ?> validation = (Map<?, ?>) aggregate.get("validation");
            Set<String> commits = new LinkedHashSet<>();
            row.pool().members().forEach(i -> commits.addAll(RunBuilds.commits(results.get(i))));
            csv.add(row.label(), ids, row.strategy().seeds(), over, pools.size() > 1 ? shown : "",
                    SETTINGS.stream().map(setting -> setting(first, setting)).toList(), commits,
                    validation == null ? null : (Map<?, ?>) ((Map<?, ?>) validation.get("over_seeds")).get("acc"));
            SortedMap<Long, Map<?, ?>> seedMetrics = bySeed(row.node());
            pairedRows.add(new PairedDifferences.Row(label, row.label(), pools.size() > 1 ? shown : "",
                    seedMetrics, pairingContext(first, settings.keySet())));
            for (long seed : row.strategy().seeds()) {
                perSeed.add(row.label(), pools.size() > 1 ? shown : "", trainedBy(results, row, seed).runId(), seed,
                        seedMetrics.get(seed));
            }
        }
        ResultTable resultTable = ResultTable.of(merged, error);
        String table = resultTable.markdown();
        List<String> settingNotes = new ArrayList<>();
        settings.forEach((setting, each) -> settingNotes.add("the runs differ in " + setting + " (" + each + "); "
                + "their metrics measure different things"));
        ConfigDifferences.Found configs = keptPools.size() > 1
                ? ConfigDifferences.found(poolFolders, i -> keptPools.get(i).tag()) : ConfigDifferences.Found.NONE;
        RunBuilds builds = RunBuilds.of(keptResults, keptTag);
        List<String> notes = new ArrayList<>();
        repeats.stream().filter(r -> kept.contains(r.run()) && r.pooled().stream().anyMatch(kept::contains))
                .forEach(r -> notes.add(r.note()));
        notes.addAll(settingNotes);
        notes.addAll(configs.notes());
        notes.addAll(builds.notes());
        // What may keep seed n of one run from drawing what seed n of another does, or from measuring the same.
        List<String> differ = new ArrayList<>(settingNotes);
        differ.addAll(configs.drawNotes());
        differ.addAll(builds.notes());
        String baseline = choices.baseline();
        List<String> shownRows = pairedRows.stream().map(PairedDifferences.Row::shown).toList();
        if (baseline != null && !shownRows.contains(baseline) && !renamed.containsKey(baseline)
                && every.stream().anyMatch(row -> rowKey(row, pools.size() > 1).equals(baseline)
                        || shownRow(row, pools.size() > 1, tagNames, strategyNames).equals(baseline))) {
            // A row of the comparison, which --rows left out: the closest row kept would be the wrong remedy.
            throw new EngramException("engram compare", "--baseline", "one of the rows --rows keeps " + shownRows
                    + " (a baseline must be among --rows)", "'" + baseline + "', a row --rows leaves out",
                    "give it in --rows too, e.g. --rows '" + String.join(",", choices.rows()) + "," + baseline + "'");
        }
        if (baseline != null && !shownRows.contains(baseline) && renamed.containsKey(baseline)) {
            // The closest name would be another run's or strategy's row: naive [A] renamed, naive [B] not.
            throw PairedDifferences.unknownBaseline(shownRows, baseline, "--name renames that row: the table shows it"
                    + " as '" + renamed.get(baseline) + "'");
        }
        PairedDifferences paired = PairedDifferences.of(pairedRows, baseline);
        if (choices.strict()) {
            StrictComparison.require(keptResults, heads, settings, configs, builds, keptTag);
        }
        for (Pool pool : keptPools) {
            if (pool.members().size() > 1) {
                notes.add(0, "runs " + pool.tag().replace("+", ", ") + " differ only in their seeds: each strategy's "
                        + "row is over the seeds of all of them");
            }
        }
        // What was compared, for comparison.md and, as comments, comparison.tex.
        List<String> runLines = new ArrayList<>();
        // The folder by its name, not its path: the .tex files go into a paper's sources, whose comments arXiv
        // publishes, and a local path would show the author's home folder. Folders of one name are told apart.
        Map<Path, String> folderNames = FolderNames.of(keptResults.stream().map(RunResults::directory).toList());
        for (int i : kept) {
            RunResults r = results.get(i);
            String folderName = folderNames.get(r.directory());
            StringBuilder line = new StringBuilder(results.size() > 1 ? "[" + tag(i) + "] " : "")
                    .append(r.experiment()).append(" ").append(r.runId()).append(" (")
                    .append(folderName.equals(r.runId()) ? "" : "folder " + folderName + ", ")
                    .append(Plural.count(r.tasks().size(), "task"));
            for (String setting : SETTINGS) {
                line.append(", ").append(setting).append(' ').append(setting(r, setting));
            }
            if (r.metrics().has("validation_fraction")) {
                line.append(", tasks.validation ").append(r.metrics().get("validation_fraction").asText());
            }
            runLines.add(line.append(", seeds ").append(r.strategies().get(0).seeds()).append(", Engram ")
                    .append(String.join(" then ", RunBuilds.commits(r))).append(")").toString());
        }
        // The names of tags and labels the rows kept show; a name of a run or strategy --rows left out is not.
        Set<String> shownKeys = new HashSet<>();
        keptPools.forEach(p -> shownKeys.add(p.tag()));
        rows.forEach(r -> shownKeys.add(r.label()));
        List<String> namedKeys = names.entrySet().stream().filter(e -> shownKeys.contains(e.getKey()))
                .map(e -> e.getKey() + " as " + e.getValue()).toList();
        String naming = namedKeys.isEmpty() ? null : "named in the rows: " + String.join("; ", namedKeys);
        String named = naming == null ? null : "N" + naming.substring(1) + ".";
        StringBuilder md = new StringBuilder("# Comparison\n\nRuns:\n");
        runLines.forEach(line -> md.append("- ").append(line).append('\n'));
        if (named != null) {
            md.append('\n').append(named).append('\n');
        }
        List<String> fwtNotes = fwtNotes(keptResults);
        for (String note : notes) {
            md.append("\n**Note:** ").append(note).append('\n');
        }
        for (String note : fwtNotes) {
            md.append("\n**Note:** ").append(note).append('\n');
        }
        if (paired.any()) {
            md.append('\n').append(PairedFiles.POINTER).append('\n');
        }
        md.append('\n').append(table).append('\n').append(resultTable.note()).append("; ")
                .append(SummaryWriter.TIMING_NOTE).append(".\n\n")
                .append(SummaryWriter.DEFINITIONS).append(".\n");
        String source = "Engram comparison of runs " + runList(results, kept);
        // A figure's legend shows the names; its description says which tag or label each stands for.
        String figureSource = naming == null ? source : source + "; " + naming;
        StringBuilder texNote = new StringBuilder(source).append(".\nRuns:");
        runLines.forEach(line -> texNote.append("\n- ").append(line));
        if (named != null) {
            texNote.append('\n').append(named);
        }
        notes.forEach(note -> texNote.append("\nNote: ").append(note));
        fwtNotes.forEach(note -> texNote.append("\nNote: ").append(note));
        texNote.append('\n').append(SummaryWriter.DEFINITIONS).append('.');
        if (keptResults.stream().anyMatch(r -> r.metrics().has("validation_fraction"))) {
            texNote.append("\nRuns whose line names tasks.validation trained without the samples it held out for"
                    + " validation; ").append(SummaryWriter.HELD_OUT_NOTE).append('.');
        }
        // A comparison is not resumed: a stopped one leaves no folder.
        RunFolder folder = RunFolder.createNewDisposable(resultsRoot, FOLDER, Instant.now(), runs.toString());
        try {
            folder.writeString("comparison.md", md.toString());
            folder.writeString("comparison.csv", csv.text());
            folder.writeString(PerSeedCsv.FILE, perSeed.text());
            folder.writeString("comparison.tex", resultTable.latex(texNote.toString()));
            folder.writeString(NARROW_LATEX, resultTable.latex(texNote.toString(), true));
            if (paired.any()) {
                folder.writeString(PairedFiles.MARKDOWN, PairedFiles.markdown(paired, source, differ, fwtNotes));
                folder.writeString(PairedFiles.LATEX, PairedLatex.latex(paired, source, differ, fwtNotes));
                folder.writeString(PairedFiles.NARROW_LATEX, PairedLatex.latex(paired, source, differ, fwtNotes,
                        true));
                folder.writeString(PairedFiles.CSV, PairedFiles.csv(paired));
            }
            if (!entries.isEmpty()) {
                Map<String, Figure> figures = new LinkedHashMap<>();
                figures.put("comparison", layout.apply(StrategyComparisonPlot.of(entries, "Strategies compared",
                        error).from(figureSource)));
                figures.put("average_accuracy", layout.apply(AverageAccuracyPlot.of(lines,
                        "Average accuracy as tasks are learned", error).from(figureSource)));
                if (validationLines.size() == lines.size()) {
                    // Only when every row has validation samples: a chart that left rows out would mislead.
                    figures.put("average_accuracy_validation", layout.apply(AverageAccuracyPlot.of(validationLines,
                            "Average accuracy on the validation samples as tasks are learned", error,
                            AverageAccuracyPlot.Samples.VALIDATION).from(figureSource)));
                }
                DrawnFigure.drawEach(figures, (base, drawn) -> drawn.write(folder, "plots/" + base));
                String captions = Captions.markdown(figures);
                if (captions != null) {
                    folder.writeString("plots/" + Captions.FILE, captions);
                }
            }
            Path written = folder.commit();
            return new Outcome(written, runLines, table, resultTable.note(), notes, paired.any()
                    ? Optional.of(written.resolve(PairedFiles.MARKDOWN)) : Optional.empty());
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
    }

    /**
     * Groups the runs whose configs differ only in seeds, on the same data and with no seed in
     * common, in comparison order. A run that shares a seed with such a group is kept apart
     * (pooled, the seed would count twice), with a note.
     */
    private static List<Pool> pools(List<RunResults> results, List<Repeat> notes) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            RunResults r = results.get(i);
            List<Integer> group = null;
            for (List<Integer> g : groups) {
                RunResults head = results.get(g.get(0));
                if (!(setting(head, "data").equals(setting(r, "data")) && head.tasks().equals(r.tasks())
                        && ConfigDifferences.sameButSeeds(head.directory(), r.directory()))) {
                    continue;
                }
                Set<Long> pooled = new LinkedHashSet<>();
                g.forEach(m -> pooled.addAll(seeds(results.get(m))));
                Set<Long> shared = new LinkedHashSet<>(seeds(r));
                shared.retainAll(pooled);
                if (shared.isEmpty()) {
                    group = g;
                    break;
                }
                notes.add(new Repeat(i, List.copyOf(g), "run " + tag(i) + " has the config of run " + tag(g.get(0))
                        + " and seeds in common with " + (g.size() > 1 ? "the runs pooled with it " : "it ") + shared
                        + ": shown apart, as pooled a seed would count twice"));
            }
            if (group == null) {
                group = new ArrayList<>();
                groups.add(group);
            }
            group.add(i);
        }
        List<Pool> pools = new ArrayList<>();
        for (List<Integer> g : groups) {
            List<String> tags = new ArrayList<>();
            g.forEach(i -> tags.add(tag(i)));
            pools.add(new Pool(List.copyOf(g), String.join("+", tags)));
        }
        return pools;
    }

    /** A row's seeds' metrics, as its node holds them by seed, keyed by seed number in ascending order. */
    private static SortedMap<Long, Map<?, ?>> bySeed(Map<String, Object> node) {
        SortedMap<Long, Map<?, ?>> seeds = new TreeMap<>();
        ((Map<?, ?>) node.get("seeds")).forEach((seed, metrics) -> seeds.put(Long.valueOf((String) seed),
                (Map<?, ?>) metrics));
        return seeds;
    }

    /** The run of a row's pool that trained the row's strategy on a seed: a pool's runs share no seed. */
    private static RunResults trainedBy(List<RunResults> results, Row row, long seed) {
        for (int i : row.pool().members()) {
            RunResults r = results.get(i);
            if (r.strategies().stream().anyMatch(s -> s.label().equals(row.label()) && s.seeds().contains(seed))) {
                return r;
            }
        }
        throw new IllegalStateException("no run of pool " + row.pool().tag() + " trained " + row.label() + " on seed "
                + seed);
    }

    /** The seeds of a run, of all its strategies. */
    private static Set<Long> seeds(RunResults r) {
        Set<Long> seeds = new LinkedHashSet<>();
        r.strategies().forEach(s -> seeds.addAll(s.seeds()));
        return seeds;
    }

    /**
     * One row per strategy of every pool, the rows of a label together in the order labels first
     * appear; a pool of several runs has its seeds merged and their spread computed anew.
     */
    @SuppressWarnings("unchecked")
    private static List<Row> rows(List<RunResults> results, List<Pool> pools) {
        Map<String, List<Row>> byLabel = new LinkedHashMap<>();
        for (Pool pool : pools) {
            Map<String, Map<String, Object>> seeds = new LinkedHashMap<>();
            Map<String, List<Long>> seedList = new LinkedHashMap<>();
            Map<String, List<AccuracyMatrix>> matrices = new LinkedHashMap<>();
            Map<String, List<AccuracyMatrix>> validation = new LinkedHashMap<>();
            for (int i : pool.members()) {
                RunResults r = results.get(i);
                for (RunResults.Strategy s : r.strategies()) {
                    Map<String, Object> node = JsonFiles.MAPPER.convertValue(
                            r.metrics().get("strategies").get(s.label()).get("seeds"), Map.class);
                    for (int k = 0; k < s.seeds().size(); k++) {
                        long seed = s.seeds().get(k);
                        seeds.computeIfAbsent(s.label(), l -> new LinkedHashMap<>()).put(Long.toString(seed),
                                node.get(Long.toString(seed)));
                        seedList.computeIfAbsent(s.label(), l -> new ArrayList<>()).add(seed);
                        matrices.computeIfAbsent(s.label(), l -> new ArrayList<>()).add(s.matrices().get(k));
                        if (!s.validationMatrices().isEmpty()) {
                            // The runs of a pool differ only in seeds, tasks.validation not among them.
                            validation.computeIfAbsent(s.label(), l -> new ArrayList<>())
                                    .add(s.validationMatrices().get(k));
                        }
                    }
                }
            }
            for (String label : seeds.keySet()) {
                Map<String, Object> node;
                if (pool.members().size() == 1) {
                    node = JsonFiles.MAPPER.convertValue(
                            results.get(pool.members().get(0)).metrics().get("strategies").get(label), Map.class);
                } else {
                    List<Map<String, Object>> each = new ArrayList<>();
                    seeds.get(label).values().forEach(v -> each.add((Map<String, Object>) v));
                    node = new LinkedHashMap<>();
                    node.put("seeds", seeds.get(label));
                    Map<String, Object> aggregate = new LinkedHashMap<>();
                    aggregate.put("over_seeds", MetricsWriter.overSeeds(each));
                    Map<String, Object> validationSpread = MetricsWriter.validationOverSeeds(each);
                    if (validationSpread != null) {
                        aggregate.put("validation", Map.of("over_seeds", validationSpread));
                    }
                    node.put("aggregate", aggregate);
                }
                byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(new Row(label, pool, node,
                        new RunResults.Strategy(label, nameOf(results.get(pool.members().get(0)), label),
                                seedList.get(label), matrices.get(label),
                                validation.getOrDefault(label, List.of()))));
            }
        }
        List<Row> rows = new ArrayList<>();
        byLabel.values().forEach(rows::addAll);
        return rows;
    }

    /** The strategy name of a run's strategy of that label (the runs of a pool share their strategies). */
    private static String nameOf(RunResults run, String label) {
        return run.strategies().stream().filter(s -> s.label().equals(label)).findFirst()
                .map(RunResults.Strategy::name).orElse(label);
    }

    /** A row as the table shows it without {@code --name}: its strategy's label, and its pool's tag when tagged. */
    private static String rowKey(Row row, boolean tagged) {
        return tagged ? row.label() + " [" + row.pool().tag() + "]" : row.label();
    }

    /** A row as the table shows it: its strategy's name, and its pool's tag or name when there are several. */
    private static String shownRow(Row row, boolean tagged, Map<String, String> tagNames,
                                   Map<String, String> strategyNames) {
        String strategy = strategyNames.getOrDefault(row.label(), row.label());
        return tagged ? strategy + " [" + tagNames.getOrDefault(row.pool().tag(), row.pool().tag()) + "]" : strategy;
    }

    /**
     * The runs by tag and id, as the table's labels name them: {@code A: 20261201T000000Z-6eec5a, B: ...}.
     *
     * @param results every run of the comparison, which the tags number
     * @param kept    the indices of the runs to list, those of the rows kept
     */
    private static String runList(List<RunResults> results, List<Integer> kept) {
        List<String> runs = new ArrayList<>();
        for (int i : kept) {
            runs.add((results.size() > 1 ? tag(i) + ": " : "") + results.get(i).experiment() + " "
                    + results.get(i).runId());
        }
        return String.join(", ", runs);
    }

    /**
     * Refuses a name for a key that is neither a tag of the comparison's runs or pools (known once the
     * runs are pooled: the table of a first comparison shows them) nor a strategy's label, or is
     * both, and names that {@link ShownNames#requireDistinct} refuses among the tags or the strategies.
     */
    private static void requireNames(Map<String, String> names, List<String> tags, List<String> labels) {
        String strategies = "the label of one of " + (tags.isEmpty() ? "the" : "their") + " strategies " + labels;
        ShownNames.requireKnown("engram compare", names, key -> tags.contains(key) || labels.contains(key),
                tags.isEmpty() ? strategies + " (the rows of one run, or of runs pooled into one, have no tag)"
                        : "the tag of one of the comparison's runs or pools " + tags + " or " + strategies);
        for (String key : names.keySet()) {
            if (tags.contains(key) && labels.contains(key)) {
                throw new EngramException("engram compare", "--name " + key, "a tag or a strategy's label", "'" + key
                        + "', both", null);
            }
        }
        ShownNames.requireDistinct("engram compare", ShownNames.of(names, tags), tags, "tag");
        ShownNames.requireDistinct("engram compare", ShownNames.of(names, labels), labels, "strategy");
    }

    /**
     * What FWT means in the compared runs, once however many runs it concerns: in task-incremental learning
     * it measures no transfer, as each such run's own summary says. Read from the runs' scenario and
     * tasks, not from their metrics.json notes, which runs written by earlier builds lack.
     */
    private static List<String> fwtNotes(List<RunResults> runs) {
        String taskIncremental = Scenario.TASK_INCREMENTAL.name().toLowerCase(Locale.ROOT);
        return runs.stream().anyMatch(r -> r.tasks().size() > 1 && setting(r, "scenario").equals(taskIncremental))
                ? List.of(MetricsWriter.FWT_NOTE_TASK_INCREMENTAL) : List.of();
    }

    /** @return the tag of run {@code i}: A to Z, then numbers */
    private static String tag(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : Integer.toString(i + 1);
    }

    /**
     * The settings in which a row's run differs from others of the comparison, as rows are paired
     * only within one: data by its digest alone (the same files found another way are the same data),
     * and the tasks by their names.
     *
     * @param r         the row's first run
     * @param differing the settings in which the comparison's runs differ, as {@link #differences} names them
     * @return e.g. {@code scenario class_incremental} or {@code tasks classes 0,1, classes 2,3}; empty when
     *         they differ in none
     */
    private static String pairingContext(RunResults r, Set<String> differing) {
        List<String> context = new ArrayList<>();
        for (String setting : differing) {
            if (setting.equals(TASKS)) {
                context.add("tasks " + String.join(", ", r.tasks()));
                continue;
            }
            String digest = digestShown(r);
            context.add(setting + " " + (setting.equals("data") && !digest.isEmpty() ? digest : setting(r, setting)));
        }
        return String.join(", ", context);
    }

    /** A run's scenario, sequence, or data (how it was found, and the first digits of its digest). */
    private static String setting(RunResults r, String setting) {
        JsonNode m = r.metrics();
        if (!setting.equals("data")) {
            return m.path(setting).asText("?");
        }
        JsonNode p = m.path("provenance");
        // Engram names every origin, GENERATED too: metrics without one (written by hand, or by another
        // tool) do not say which data they measured.
        String origin = p.path("data_origin").asText("");
        String named = origin.isEmpty() || origin.equals("null") ? "?" : origin.toLowerCase(Locale.ROOT);
        String digest = digestShown(r);
        return digest.isEmpty() ? named : named + " " + digest;
    }

    /** The digits of a data digest shown: a SHA-256's 64 are told apart by their first 8. */
    private static final int DIGEST_SHOWN = 8;

    /**
     * The first {@value #DIGEST_SHOWN} digits of a run's data digest, a shorter digest whole (one written by
     * hand into metrics.json: left out, it made runs of two such digests look alike); empty without one.
     */
    private static String digestShown(RunResults r) {
        String digest = r.dataDigest();
        return digest.length() > DIGEST_SHOWN ? digest.substring(0, DIGEST_SHOWN) : digest;
    }

    /**
     * Each setting in which the runs differ (scenario, sequence, data, then {@code their tasks}),
     * with each run's value by its tag: {@code A: task_incremental, B: class_incremental}.
     */
    private static Map<String, String> differences(List<RunResults> results, IntFunction<String> tag) {
        Map<String, String> differing = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            Set<String> values = new LinkedHashSet<>();
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < results.size(); i++) {
                String v = setting(results.get(i), setting);
                values.add(v);
                each.append(i == 0 ? "" : ", ").append(tag.apply(i)).append(": ").append(v);
            }
            if (values.size() > 1) {
                differing.put(setting, each.toString());
            }
        }
        Set<List<String>> tasks = new LinkedHashSet<>();
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            tasks.add(results.get(i).tasks());
            each.append(i == 0 ? "" : "; ").append(tag.apply(i)).append(": ")
                    .append(String.join(", ", results.get(i).tasks()));
        }
        if (tasks.size() > 1) {
            differing.put(TASKS, each.toString());
        }
        return differing;
    }
}
