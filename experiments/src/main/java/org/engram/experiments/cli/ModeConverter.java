package org.engram.experiments.cli;

import java.util.Locale;
import org.engram.simulator.engine.Mode;
import picocli.CommandLine;

/** Reads {@code grid} or {@code precise}, case-insensitively. */
final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EmptyValue.notOneOf(value, "grid or precise");
        }
    }
}
