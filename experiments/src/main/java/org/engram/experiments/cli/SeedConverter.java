package org.engram.experiments.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a seed of {@code --seeds} as a config reads one: a decimal integer, no leading zero (a
 * config refuses {@code 010}, which YAML 1.1 reads as 8, so the flag does not take it as 10).
 */
final class SeedConverter implements CommandLine.ITypeConverter<Long> {
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");

    @Override
    public Long convert(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("expected a seed (a decimal integer), found nothing "
                    + "(an empty list, or an empty item between commas)");
        }
        if (value.endsWith(",")) {
            throw new CommandLine.TypeConversionException("expected a seed after every comma, found a trailing comma");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("expected a seed written in decimal: digits, after an "
                    + "optional '-', without leading zeros; found '" + value + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("expected a seed from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", found '" + value + "'");
        }
    }
}
