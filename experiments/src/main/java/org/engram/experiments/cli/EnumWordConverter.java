package org.engram.experiments.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads a constant of an enum by its name, case-insensitively; a word that names none is refused with the words
 * the option takes.
 *
 * @param <E> the enum
 */
abstract class EnumWordConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;
    private final String words;

    /**
     * @param type  the enum
     * @param words the words it takes, for the refusal: {@code grid or precise}
     */
    EnumWordConverter(Class<E> type, String words) {
        this.type = type;
        this.words = words;
    }

    @Override
    public E convert(String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EmptyValue.notOneOf(value, words);
        }
    }
}
