package org.engram.experiments.cli;

import org.engram.experiments.config.NumberForms;
import picocli.CommandLine;

/**
 * Reads the seed of {@code --seed} as a config reads one ({@link NumberForms#integer}): a config
 * refuses {@code 010}, which YAML 1.1 reads as 8, so the flag does not take it as 10 either.
 */
final class SeedConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        EmptyValue.refuse(value, "a seed");
        return seed(value);
    }

    private static Long seed(String value) {
        try {
            return NumberForms.integer(value, "a seed");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * Reads a seed of {@code --seeds} as {@code --seed} reads its one, refusing an empty item or a trailing
     * comma as an item of a list ({@link ListItems}): {@code --seed ''} gives no list to speak of.
     */
    static final class OfList implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            ListItems.requirePresent(value, "a seed");
            return seed(value);
        }
    }
}
