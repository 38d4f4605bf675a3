package org.engram.experiments.cli;

import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.metrics.ErrorMeasure;
import picocli.CommandLine.Option;

/** {@code --error}, the measure of the error bars that {@code plot} and {@code compare} draw. */
final class ErrorOption {
    @Option(names = "--error", paramLabel = "MEASURE", converter = ErrorMeasureConverter.class,
            completionCandidates = ErrorMeasureConverter.class, description = "What the error bars show over seeds, "
            + "one of ${COMPLETION-CANDIDATES}: the 95%% confidence interval (Student t), one standard deviation, one "
            + "standard error of the mean, or none. Every figure drawn follows it (plot's learning curves' bands too) "
            + "and its subtitle and caption say which; so do the ± of compare's tables and the notes on them "
            + "(comparison.csv keeps both the interval's half-width and the sd). Default: 95%% intervals (and one "
            + "standard deviation around plot's learning curves).")
    ErrorMeasure measure;

    /** @return the measures chosen, or without {@code --error} those Engram draws by default */
    ErrorBars measures() {
        return ErrorBars.of(measure);
    }
}
