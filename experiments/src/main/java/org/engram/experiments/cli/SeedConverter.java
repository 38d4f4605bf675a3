package org.engram.experiments.cli;

import org.engram.experiments.config.NumberForms;
import picocli.CommandLine;

/**
 * Reads a seed of {@code --seeds} as a config reads one ({@link NumberForms#integer}): a config
 * refuses {@code 010}, which YAML 1.1 reads as 8, so the flag does not take it as 10 either.
 */
final class SeedConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        ListItems.requirePresent(value, "a seed");
        try {
            return NumberForms.integer(value, "a seed");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
