package org.engram.experiments.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.engram.experiments.metrics.ErrorMeasure;
import picocli.CommandLine;

/**
 * Reads the measure of {@code --error} by its word ({@code ci95}, {@code sd}, {@code se},
 * {@code none}), case-insensitively as {@link ModeConverter} reads a mode, and lists the words for
 * the option's help, so that both come from {@link ErrorMeasure}.
 */
final class ErrorMeasureConverter implements CommandLine.ITypeConverter<ErrorMeasure>, Iterable<String> {
    @Override
    public ErrorMeasure convert(String value) {
        for (ErrorMeasure m : ErrorMeasure.values()) {
            if (m.word().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw EmptyValue.notOneOf(value, "one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ErrorMeasure.values()).map(ErrorMeasure::word).iterator();
    }
}
