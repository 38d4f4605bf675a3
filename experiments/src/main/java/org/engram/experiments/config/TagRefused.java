package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A YAML tag the config reader refuses where it stands: a tag of one's own, which Jackson drops, or
 * {@code !!set}, which reads as a mapping of its members to nothing. {@link YamlErrors} turns it into
 * a {@link ConfigException} placed where the tagged value starts.
 */
final class TagRefused extends JsonParseException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String found;
    private final String hint;

    /**
     * @param parser   the parser that read the tag
     * @param at       where the tagged value starts, its tag included
     * @param expected what the config takes there
     * @param found    the tag and what it was on
     * @param hint     how to write it
     */
    TagRefused(JsonParser parser, JsonLocation at, String expected, String found, String hint) {
        super(parser, "expected " + expected + ", found " + found, at);
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
