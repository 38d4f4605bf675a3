package org.engram.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.experiments.plot.AccuracyHeatMap;
import org.engram.experiments.plot.AverageAccuracyPlot;
import org.engram.experiments.plot.ChartStyle;
import org.engram.experiments.plot.DrawnFigure;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.plot.ForgettingPlot;
import org.engram.experiments.plot.LearningCurvePlot;
import org.engram.experiments.plot.StrategyComparisonPlot;
import org.engram.simulator.EngramException;

/**
 * Draws the figures of a run into its {@code plots/} folder, PNG, SVG and PDF each: per strategy the
 * forgetting plot and the accuracy-matrix heat map (means over seeds; in a run with {@code tasks.validation}
 * a second, of the validation samples); for the run the strategy
 * comparison of ACC and BWT and the average accuracy after each task (and, in a run with
 * {@code tasks.validation}, that of the validation samples, a figure of its own), and the per-epoch learning
 * curves of training loss and accuracy (for learners that have them: the unsupervised Diehl and
 * Cook network has neither) and, where every epoch's validation accuracy was measured, of that. Over
 * several seeds the bars and the curves' bands show the spread {@link ErrorBars} chooses, by default 95%
 * confidence intervals and one standard deviation.
 */
public final class RunPlots {
    /**
     * The figures a run draws only when its files hold what they show, besides each strategy's heat map of its
     * validation samples ({@link ExperimentConfig#validationHeatMapName}).
     */
    private static final List<String> OPTIONAL = List.of("average_accuracy_validation", "learning_curve_loss",
            "learning_curve_accuracy", "learning_curve_validation");

    private RunPlots() {
    }

    /**
     * The figures a run draws only when its files hold what they show (validation results, a
     * learner's loss, every epoch's validation accuracy): a redrawing removes those its files no
     * longer give, e.g. {@code learning_curve_validation} once {@code epoch_accuracy_validation.csv} is gone.
     *
     * @param run the run's results
     * @return the figures' base names
     */
    public static Set<String> optional(RunResults run) {
        Set<String> names = new TreeSet<>(OPTIONAL);
        run.strategies().forEach(s -> names.add(ExperimentConfig.validationHeatMapName(s.label())));
        return names;
    }

    /**
     * Draws every figure of a run, laid out for a screen, into the {@code plots} folder of its run
     * folder as it works: through the folder, so one removed meanwhile is reported, not made anew.
     *
     * @param run     the run's results
     * @param folder  the open run folder
     * @param threads how many figures may be drawn at once
     * @return the files written
     * @throws RunFolderGone if the run folder was removed
     */
    public static List<Path> draw(RunResults run, RunFolder folder, int threads) {
        List<Path> files = new ArrayList<>();
        DrawnFigure.drawEach(figures(run, UnaryOperator.identity(), Map.of(), ErrorBars.DEFAULT), threads,
                (base, drawn) -> files.addAll(drawn.write(folder, "plots/" + base)));
        return files;
    }

    /**
     * Draws every figure of a run.
     *
     * @param run    the run's results
     * @param plots  the folder to write into (created if absent)
     * @param layout what each figure becomes before it is written, e.g. {@code f -> f.printedAt(3.3)}
     * @return the files written
     */
    public static List<Path> draw(RunResults run, Path plots, UnaryOperator<Figure> layout) {
        // Every figure is made and laid out before the first is written, so a run's data that a
        // chart refuses leaves the folder as it was, not half redrawn.
        List<Path> files = new ArrayList<>();
        DrawnFigure.drawEach(figures(run, layout, Map.of(), ErrorBars.DEFAULT),
                (base, drawn) -> files.addAll(drawn.write(plots, base)));
        return files;
    }

    /**
     * Makes every figure of a run without writing any.
     *
     * @param run    the run's results
     * @param layout what each figure becomes, e.g. {@code f -> f.printedAt(3.3)}
     * @param names  names of one's own that legends, axes and titles show for strategies' labels,
     *               e.g. {@code Fine-tuning} for {@code naive} (files keep the labels); empty for none
     * @param error  what the bars and the learning curves' bands show
     * @return the figures by file name without extension ({@link Figure#files} gives the files), in drawing order
     * @throws org.engram.simulator.EngramException if a name is for a label the run does not have, is
     *                                              empty or of several lines, or is another strategy's
     *                                              label or name
     */
    public static Map<String, Figure> figures(RunResults run, UnaryOperator<Figure> layout,
                                              Map<String, String> names, ErrorBars error) {
        return figures(run, layout, names, null, error);
    }

    /**
     * Makes the figures of some of a run's strategies without writing any, as {@code engram plot --rows} draws
     * them: a run of many strategies, or of candidates of one, gives a paper the figures of those it reports.
     *
     * @param all    the run's results, every strategy
     * @param layout what each figure becomes, e.g. {@code f -> f.printedAt(3.3)}
     * @param names  names of one's own that legends, axes and titles show for strategies' labels,
     *               e.g. {@code Fine-tuning} for {@code naive} (files keep the labels); empty for none
     * @param rows   the strategies to draw, in the order to draw them, each by its label or by the name
     *               {@code names} gives it, as {@code engram compare --rows} takes rows; null for every one
     * @param error  what the bars and the learning curves' bands show
     * @return the figures by file name without extension ({@link Figure#files} gives the files), in drawing order
     * @throws org.engram.simulator.EngramException if a name is for a label the run does not have, is
     *                                              empty or of several lines, or is another strategy's
     *                                              label or name; if {@code rows} is empty, names a
     *                                              strategy the run does not have, or one twice
     */
    public static Map<String, Figure> figures(RunResults all, UnaryOperator<Figure> layout,
                                              Map<String, String> names, List<String> rows, ErrorBars error) {
        List<String> labels = all.strategies().stream().map(RunResults.Strategy::label).toList();
        ShownNames.requireKnown("engram plot", names, labels::contains, "the label of one of the run's strategies "
                + labels);
        ShownNames.requireDistinct("engram plot", names, labels, "strategy");
        RunResults run = rows == null ? all : new RunResults(all.directory(), all.experiment(), all.runId(),
                all.tasks(), RowSelection.select(all.strategies(), rows, RunResults.Strategy::label,
                        s -> names.getOrDefault(s.label(), s.label()), RowSelection.Of.RUN), all.epochs(),
                all.metrics(), all.validationEpochs());
        Map<String, Figure> figures = new LinkedHashMap<>();
        List<String> taskNames = shortNames(run.tasks());
        for (RunResults.Strategy s : run.strategies()) {
            String seeds = s.seeds().size() == 1 ? "seed " + s.seeds().get(0)
                    : "mean of " + s.seeds().size() + " seeds";
            String base = ExperimentConfig.fileStem(s.label());
            String shown = names.getOrDefault(s.label(), s.label());
            figures.put("forgetting_" + base, ForgettingPlot.of(s.matrices(), run.tasks(), shown
                    + ": accuracy on each task as tasks are learned (" + seeds + ")", error.bars()));
            putOnce(figures, ExperimentConfig.heatMapName(s.label()), AccuracyHeatMap.of(s.matrices(), taskNames,
                    shown + ": accuracy matrix (" + seeds + ")"), run);
            if (!s.validationMatrices().isEmpty()) {
                putOnce(figures, ExperimentConfig.validationHeatMapName(s.label()), AccuracyHeatMap.of(
                        s.validationMatrices(), taskNames, shown
                        + ": validation accuracy matrix (" + seeds + ")",
                        AverageAccuracyPlot.Samples.VALIDATION), run);
            }
        }
        if (run.tasks().size() > 1) {
            List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
            run.strategies().forEach(s -> entries.add(entry(names.getOrDefault(s.label(), s.label()), s)));
            figures.put("comparison", StrategyComparisonPlot.of(entries, run.experiment() + ": strategies compared",
                    error.bars()));
            List<AverageAccuracyPlot.Strategy> lines = new ArrayList<>();
            run.strategies().forEach(s -> lines.add(new AverageAccuracyPlot.Strategy(names.getOrDefault(s.label(),
                    s.label()), series(s), s.matrices())));
            figures.put("average_accuracy", AverageAccuracyPlot.of(lines, run.experiment()
                    + ": average accuracy as tasks are learned", error.bars()));
            if (run.strategies().stream().noneMatch(s -> s.validationMatrices().isEmpty())) {
                List<AverageAccuracyPlot.Strategy> validation = new ArrayList<>();
                run.strategies().forEach(s -> validation.add(new AverageAccuracyPlot.Strategy(
                        names.getOrDefault(s.label(), s.label()), series(s), s.validationMatrices())));
                figures.put("average_accuracy_validation", AverageAccuracyPlot.of(validation, run.experiment()
                        + ": average accuracy on the validation samples as tasks are learned", error.bars(),
                        AverageAccuracyPlot.Samples.VALIDATION));
            }
        }
        if (hasLoss(run.epochs())) {
            figures.put("learning_curve_loss", curves(run, true, names, error.curves()));
            figures.put("learning_curve_accuracy", curves(run, false, names, error.curves()));
        }
        if (!run.validationEpochs().isEmpty()) {
            figures.put("learning_curve_validation", validationCurves(run, names, error.curves()));
        }
        String source = dataSource(run.runId(), run.experiment());
        figures.replaceAll((base, figure) -> layout.apply(figure.from(source)));
        return figures;
    }

    /**
     * Adds a strategy's heat map, refusing a second of its file name: in a run made before such labels were
     * refused, x's validation heat map and validation_x's test heat map are both
     * {@code accuracy_matrix_validation_x}, and one would be drawn over the other without a word.
     */
    private static void putOnce(Map<String, Figure> figures, String base, Figure figure, RunResults run) {
        if (figures.putIfAbsent(base, figure) != null) {
            // The labels are metrics.json's; the figures go to plots/ or to --out, which this method is not told.
            throw new EngramException(run.directory().resolve("metrics.json").toString(), "strategies", "labels"
                    + " whose figures have distinct file names", "two figures named " + base + " (the heat map of a"
                    + " strategy's validation samples, and that of the strategy labelled validation_ and its label)",
                    "draw them apart with --rows, leaving one of the two strategies out each time, into folders of"
                    + " their own (--out)");
        }
    }

    /**
     * What a run's figures and tables are drawn from, as they say it.
     *
     * @param runId      the run's id
     * @param experiment the experiment's name
     * @return e.g. {@code Engram run 20261201T000000Z-6eec5a of quickstart}
     */
    static String dataSource(String runId, String experiment) {
        return "Engram run " + runId + " of " + experiment;
    }

    private static boolean hasLoss(List<EpochRecord> epochs) {
        for (EpochRecord e : epochs) {
            if (!Double.isNaN(e.loss())) {
                return true;
            }
        }
        return false;
    }

    /**
     * ACC and BWT of a strategy over its seeds, recomputed from the accuracy matrices.
     *
     * @param label the name the chart shows for it
     * @param s     the strategy, of a run with at least two tasks
     * @return its entry
     */
    static StrategyComparisonPlot.Entry entry(String label, RunResults.Strategy s) {
        double[] acc = new double[s.matrices().size()];
        double[] bwt = new double[acc.length];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = s.matrices().get(i).acc();
            bwt[i] = s.matrices().get(i).bwt();
        }
        return new StrategyComparisonPlot.Entry(label, SeedSummary.of(acc), SeedSummary.of(bwt));
    }

    /** One value of a per-epoch curve: of a strategy's seed after an epoch of a task. */
    private record EpochValue(String strategy, int task, int epoch, double value) {
    }

    private static Figure curves(RunResults run, boolean loss, Map<String, String> names, ErrorMeasure error) {
        List<EpochValue> values = new ArrayList<>();
        for (EpochRecord e : run.epochs()) {
            values.add(new EpochValue(e.strategy(), e.task(), e.epoch(), loss ? e.loss() : 100 * e.trainAccuracy()));
        }
        List<LearningCurvePlot.Curve> curves = perEpoch(run, values, names, error);
        String seeds = seedsCaption(run, error);
        // Short axis labels, which a figure printed in a column must fit; what the values are is in the title.
        return loss
                ? LearningCurvePlot.of(curves, "training loss (nats)", false, taskStarts(run), run.experiment()
                        + ": training loss per epoch (cross-entropy on the batches, penalties left out)" + seeds)
                : LearningCurvePlot.of(curves, "training accuracy (%)", true, taskStarts(run), run.experiment()
                        + ": training accuracy per epoch, on the batches" + seeds);
    }

    /**
     * The accuracy on the validation samples of the tasks learned so far (those up to the one being
     * trained), averaged over them, after every epoch: what {@code training.epochs} is chosen by.
     */
    private static Figure validationCurves(RunResults run, Map<String, String> names, ErrorMeasure error) {
        List<EpochValue> values = new ArrayList<>();
        for (RunResults.EpochAccuracy a : run.validationEpochs()) {
            double sum = 0;
            for (int j = 0; j <= a.task(); j++) {
                sum += a.accuracies()[j];
            }
            values.add(new EpochValue(a.strategy(), a.task(), a.epoch(), 100 * sum / (a.task() + 1)));
        }
        return LearningCurvePlot.of(perEpoch(run, values, names, error), "validation accuracy (%)", true,
                taskStarts(run), run.experiment() + ": accuracy on the validation samples of the tasks learned so"
                        + " far, after each epoch" + seedsCaption(run, error));
    }

    /** The epochs a task of the run has (every task has as many). */
    private static int epochsPerTask(RunResults run) {
        int epochsPerTask = 0;
        for (EpochRecord e : run.epochs()) {
            epochsPerTask = Math.max(epochsPerTask, e.epoch() + 1);
        }
        return epochsPerTask;
    }

    /** One curve per strategy: over the epochs of the whole sequence, its seeds' mean value and spread. */
    private static List<LearningCurvePlot.Curve> perEpoch(RunResults run, List<EpochValue> values,
                                                          Map<String, String> names, ErrorMeasure error) {
        List<LearningCurvePlot.Curve> curves = new ArrayList<>();
        int epochsPerTask = epochsPerTask(run);
        int total = epochsPerTask * run.tasks().size();
        for (RunResults.Strategy s : run.strategies()) {
            List<List<Double>> bySeed = new ArrayList<>();
            for (int k = 0; k < total; k++) {
                bySeed.add(new ArrayList<>());
            }
            for (EpochValue v : values) {
                if (v.strategy().equals(s.label())) {
                    bySeed.get(v.task() * epochsPerTask + v.epoch()).add(v.value());
                }
            }
            double[] x = new double[total];
            double[] y = new double[total];
            double[] spread = new double[total];
            for (int k = 0; k < total; k++) {
                x[k] = k + 1;
                double[] each = bySeed.get(k).stream().mapToDouble(Double::doubleValue).toArray();
                SeedSummary summary = each.length == 0 ? null : SeedSummary.of(each);
                y[k] = summary == null ? Double.NaN : summary.mean();
                spread[k] = summary == null ? Double.NaN : error.halfWidth(summary);
            }
            curves.add(new LearningCurvePlot.Curve(names.getOrDefault(s.label(), s.label()), series(s), x, y, spread));
        }
        return curves;
    }

    /** What a strategy's look is chosen by: its name and label, never the legend's name of one's own. */
    private static ChartStyle.Series series(RunResults.Strategy s) {
        return new ChartStyle.Series(s.name(), s.label());
    }

    /** The first epoch of each task after the first, counted over the whole sequence from 1. */
    private static int[] taskStarts(RunResults run) {
        int epochsPerTask = epochsPerTask(run);
        int[] starts = new int[run.tasks().size() - 1];
        for (int t = 1; t < run.tasks().size(); t++) {
            starts[t - 1] = t * epochsPerTask + 1;
        }
        return starts;
    }

    /** How the curves' title says what they are over: nothing for one seed, else the seeds and the band. */
    private static String seedsCaption(RunResults run, ErrorMeasure error) {
        int fewest = run.strategies().stream().mapToInt(st -> st.seeds().size()).min().orElse(1);
        int most = run.strategies().stream().mapToInt(st -> st.seeds().size()).max().orElse(1);
        return most == 1 ? "" : ", mean over " + (fewest == most ? most : fewest + " to " + most)
                + " seeds, " + error.caption("band", true, "");
    }

    /** Task names short enough for axis labels: {@code classes 0,1} becomes {@code 0,1}. */
    private static List<String> shortNames(List<String> tasks) {
        List<String> out = new ArrayList<>();
        for (String t : tasks) {
            out.add(t.startsWith("classes ") ? t.substring(8) : t);
        }
        return out;
    }
}
