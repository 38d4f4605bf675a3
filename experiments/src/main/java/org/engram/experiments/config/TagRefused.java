package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A YAML tag the config reader refuses where it stands: a tag of one's own, which Jackson drops, or
 * {@code !!set}, which reads as a mapping of its members to nothing. {@link YamlErrors} turns it into
 * a {@link ConfigException} at the key.
 */
final class TagRefused extends JsonParseException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String found;
    private final String hint;

    TagRefused(JsonParser parser, String expected, String found, String hint) {
        super(parser, "expected " + expected + ", found " + found);
        this.expected = expected;
        this.found = found;
        this.hint = hint;
    }

    /**
     * @param where the file and line
     * @param key   the key path where the reader stood, or null
     * @return the error
     */
    ConfigException at(String where, String key) {
        return ConfigException.ofForm(where, key, expected, found, hint);
    }
}
