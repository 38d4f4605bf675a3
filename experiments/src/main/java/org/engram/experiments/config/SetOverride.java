package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --set key=value} override of an {@code engram run} or {@code engram simulate} config: a
 * dotted key path with list indices ({@code training.epochs}, {@code strategies[0].params.lambda},
 * {@code populations[0].params.v_th}) and a YAML value
 * ({@code 2}, {@code true}, {@code [800, 800]}, {@code {lambda: 10}}).
 *
 * @param text    the override as the user wrote it, shown in error messages
 * @param keyPath the normalised key path
 * @param value   the value
 */
record SetOverride(String text, String keyPath, JsonNode value) {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

    /**
     * How messages name an override.
     *
     * @param text the override's {@code key=value} text
     * @return e.g. {@code --set training.epochs=2}
     */
    static String named(String text) {
        return "--set " + text;
    }

    /**
     * Parses {@code key=value}.
     *
     * @param text the override
     * @return the parsed override
     * @throws ConfigException if the text is not {@code key=value} or the value is not YAML
     */
    static SetOverride parse(String text) {
        String where = named(text);
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(where, null, "key=value, e.g. training.epochs=2 or populations[0].size=100",
                    "'" + text + "'", null);
        }
        String key = text.substring(0, eq).trim();
        String raw = text.substring(eq + 1).trim();
        segments(key, where);
        if (raw.isEmpty()) {
            throw new ConfigException(where, key, "a value after '='", "nothing", null);
        }
        try {
            JsonNode value = ConfigLoader.mapper().readTree(raw);
            return new SetOverride(text, key, value == null ? JsonNodeFactory.instance.nullNode() : value);
        } catch (JsonProcessingException e) {
            String hint = YamlErrors.syntaxError(e) instanceof AliasExpansion.Problem
                    ? "a value given with --set cannot name the config's anchors: write the value out" : null;
            throw new ConfigException(where, key, "a YAML value (number, text, true/false, [list] or {mapping})",
                    "'" + raw + "'", hint);
        }
    }

    /** Splits a key path into names and list indices (as Integer). */
    private static List<Object> segments(String key, String where) {
        List<Object> out = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ConfigException(where, key,
                        "a key path such as training.epochs or populations[0].params.v_th",
                        "'" + key + "'", key.startsWith(ExtensionKeys.PREFIX)
                                ? "keys beginning with " + ExtensionKeys.PREFIX + " are left unread, so --set has"
                                        + " nothing to set there" : null);
            }
            out.add(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                out.add(Integer.parseInt(i.group(1)));
            }
        }
        return out;
    }

    /**
     * Writes the value into a tree, creating mappings on the way; a list index may address an
     * existing element or append one.
     *
     * @param root the tree of the whole config
     */
    void applyTo(ObjectNode root) {
        String where = named(text);
        List<Object> path = segments(keyPath, where);
        JsonNode node = root;
        StringBuilder at = new StringBuilder();
        for (int k = 0; k < path.size(); k++) {
            Object segment = path.get(k);
            boolean last = k == path.size() - 1;
            Object next = last ? null : path.get(k + 1);
            if (segment instanceof String name) {
                if (!(node instanceof ObjectNode object)) {
                    // A list entry written as a name alone (record.weights: [exc->inh]) stands for a mapping.
                    boolean entry = at.length() > 0 && at.charAt(at.length() - 1) == ']';
                    // Lists of names alone (record.spikes) take no mapping: the advice says where it applies.
                    String hint = node.isTextual() && entry ? "an entry written as a name alone has no keys to set;"
                            + " where its list also takes mappings (record.weights), write the entry as one, or set"
                            + " it whole (--set '" + at + "={...}')" : null;
                    throw new ConfigException(where, at.toString(), "a mapping with key '" + name + "'",
                            describe(node), hint);
                }
                at.append(at.length() == 0 ? "" : ".").append(name);
                if (last) {
                    object.set(name, value);
                } else {
                    JsonNode child = object.get(name);
                    if (child == null || child.isNull()) {
                        child = next instanceof Integer ? object.putArray(name) : object.putObject(name);
                    }
                    node = child;
                }
            } else {
                int index = (Integer) segment;
                if (!(node instanceof ArrayNode array)) {
                    throw new ConfigException(where, at.toString(), "a list", describe(node), null);
                }
                if (index > array.size()) {
                    throw new ConfigException(where, at + "[" + index + "]", "an index <= " + array.size()
                            + " (the list has " + array.size() + (array.size() == 1 ? " entry" : " entries")
                            + "; index " + array.size() + " appends one)",
                            Integer.toString(index), null);
                }
                at.append('[').append(index).append(']');
                if (last) {
                    if (index == array.size()) {
                        array.add(value);
                    } else {
                        array.set(index, value);
                    }
                } else {
                    if (index == array.size()) {
                        array.add(next instanceof Integer ? array.arrayNode() : array.objectNode());
                    }
                    node = array.get(index);
                }
            }
        }
    }

    /** A node as a message's "found" says it: a list, a mapping, {@code the value 3}, or nothing. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "the value " + node;
    }
}
