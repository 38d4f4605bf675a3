package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --set key=value} override of an {@code engram run} or {@code engram simulate} config: a
 * dotted key path with list indices ({@code training.epochs}, {@code strategies[0].params.lambda},
 * {@code populations[0].params.v_th}) and a YAML value
 * ({@code 2}, {@code true}, {@code [800, 800]}, {@code {lambda: 10}}). An entry of a list of mappings
 * may be named by its label in place of its index ({@code strategies[ewc-1000].params.lambda}), or by
 * its name when one entry alone has it; the override then sets that entry, and never appends one.
 *
 * @param text    the override as the user wrote it, shown in error messages
 * @param keyPath the normalised key path
 * @param value   the value
 */
record SetOverride(String text, String keyPath, JsonNode value) {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[[^\\[\\]]+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([^\\[\\]]+)\\]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** A list entry named in brackets by its label or name, {@code [ewc-1000]}, resolved against the list. */
    private record EntryName(String name) {
    }

    /**
     * How messages name an override, its control characters escaped: a line break in the value had
     * printed the message over two lines, and a BEL in the key rang the terminal's bell unseen.
     *
     * @param text the override's {@code key=value} text
     * @return e.g. {@code --set training.epochs=2}, {@code --set name=a\nb}
     */
    static String named(String text) {
        return "--set " + ConfigException.escaped(text);
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
                    "'" + ConfigException.escaped(text) + "'", null);
        }
        // strip, not trim: trim also dropped control characters, so "epochs=2<BEL>" passed as 2.
        String key = text.substring(0, eq).strip();
        String raw = text.substring(eq + 1).strip();
        segments(key, where);
        if (raw.isEmpty()) {
            throw new ConfigException(where, key, "a value after '='", "nothing", null);
        }
        try {
            JsonNode value = ConfigLoader.mapper().readTree(raw);
            return new SetOverride(text, key, value == null ? JsonNodeFactory.instance.nullNode() : value);
        } catch (JsonProcessingException e) {
            ConfigException unprintable = YamlErrors.unprintableValue(e, where, key);
            if (unprintable != null) {
                throw unprintable;
            }
            String hint = YamlErrors.syntaxError(e) instanceof AliasExpansion.Problem
                    ? "a value given with --set cannot name the config's anchors: write the value out" : null;
            throw new ConfigException(where, key, "a YAML value (number, text, true/false, [list] or {mapping})",
                    "'" + ConfigException.escaped(raw) + "'", hint);
        }
    }

    /**
     * Whether the value text tags a value {@code !!str}, as the advice to drop the tag or quotes asks.
     *
     * @param inner where the value stands in what the override wrote: {@code ""} for the whole, {@code .a.b} or
     *              {@code [1]} for a value inside it
     * @return true only where the override's own text tags that value
     */
    boolean tagsText(String inner) {
        return askValue(SourceMap::taggedText, inner, false);
    }

    /**
     * A number as the value text writes it, as a message shows what was found.
     *
     * @param inner where the number stands in what the override wrote, as for {@link #tagsText}
     * @return the number as written, or null where the text writes none there
     */
    String numberAsWritten(String inner) {
        return askValue(SourceMap::numberAsWritten, inner, null);
    }

    /** Asks the value text's keys and scalars about a value inside it, the whole value standing at {@code [0]}. */
    private <T> T askValue(BiFunction<SourceMap, String, T> question, String inner, T ofABlockValue) {
        String raw = text.substring(text.indexOf('=') + 1).strip();
        try {
            // Inside a list, a value of its own even where it is the whole of the text.
            return question.apply(SourceMap.of(named(text), "[" + raw + "]"), "[0]" + inner);
        } catch (RuntimeException notAFlowValue) {
            return ofABlockValue;   // a block value, which brackets do not hold: no number's advice rests on it
        }
    }

    /**
     * Splits a key path into names, list indices (as Integer) and entries named in brackets
     * ({@link EntryName}); a dot inside brackets ({@code strategies[ewc-0.5]}) belongs to the name.
     */
    private static List<Object> segments(String key, String where) {
        List<Object> out = new ArrayList<>();
        for (String part : dotted(key)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ConfigException(where, ConfigException.escaped(key),
                        "a key path such as training.epochs or populations[0].params.v_th",
                        "'" + ConfigException.escaped(key) + "'", key.startsWith(ExtensionKeys.PREFIX)
                                ? "keys beginning with " + ExtensionKeys.PREFIX + " are left unread, so --set has"
                                        + " nothing to set there" : null);
            }
            out.add(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                String inside = i.group(1);
                out.add(DIGITS.matcher(inside).matches() ? (Object) Integer.parseInt(inside) : new EntryName(inside));
            }
        }
        return out;
    }

    /** The parts of a key path between the dots that stand outside brackets. */
    private static List<String> dotted(String key) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            depth += c == '[' ? 1 : c == ']' && depth > 0 ? -1 : 0;
            if (c == '.' && depth == 0) {
                parts.add(key.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(key.substring(start));
        return parts;
    }

    /**
     * The index of the entry of a list of mappings that a bracketed name stands for: the one whose
     * label (or, without one, name) it is, else the one entry with that name.
     *
     * @throws ConfigException if no entry, or several by name alone, answer to it
     */
    private static int entryIndex(ArrayNode list, String name, String listPath, String where) {
        List<Integer> byName = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode label = list.get(i).path("label");
            String entryName = nameOf(list.get(i));
            if (label.isTextual() ? label.asText().equals(name) : name.equals(entryName)) {
                return i;
            }
            if (name.equals(entryName)) {
                byName.add(i);
            }
        }
        if (byName.size() == 1) {
            return byName.get(0);
        }
        String at = listPath + "[" + name + "]";
        if (byName.isEmpty()) {
            // Entries that no label names (populations, projections) are named by name.
            boolean labelled = false;
            for (JsonNode entry : list) {
                labelled |= entry.has("label");
            }
            throw new ConfigException(where, at, "the index or the " + (labelled ? "label" : "name")
                    + " of an entry of " + listPath + " ("
                    + entriesOf(list, listPath, null) + ")", "'" + name + "'", "to add an entry, write its index, "
                    + listPath + "[" + list.size() + "], with all its required keys");
        }
        throw new ConfigException(where, at, "a label or name that one entry of " + listPath + " has",
                "the name of " + byName.size() + " entries: " + entriesOf(list, listPath, byName),
                "write the label or the index of the entry to set");
    }

    /**
     * Entries of a list as messages list them, {@code strategies[0] (naive), strategies[1] (ewc-1000)};
     * all of them when {@code only} is null.
     */
    private static String entriesOf(ArrayNode list, String listPath, List<Integer> only) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (only == null || only.contains(i)) {
                shown.add(listPath + "[" + i + "]" + shownName(list.get(i)));
            }
        }
        return shown.isEmpty() ? "it has none" : String.join(", ", shown);
    }

    /**
     * How a message names a list entry after its index: {@code " (ewc-1000)"} by its label, else its
     * name; nothing for an entry with neither.
     *
     * @param entry a list entry
     * @return the text, with its leading space
     */
    static String shownName(JsonNode entry) {
        JsonNode label = entry.path("label");
        String name = label.isTextual() ? label.asText() : nameOf(entry);
        return name != null ? " (" + name + ")" : "";
    }

    /**
     * An entry's name: its {@code name}, else, for a simulation's projection, the one it takes by default,
     * {@code source->target}; null for an entry without either.
     */
    private static String nameOf(JsonNode entry) {
        JsonNode name = entry.path("name");
        if (name.isValueNode() && !name.isNull()) {
            return name.asText();
        }
        JsonNode source = entry.path("source");
        JsonNode target = entry.path("target");
        return source.isTextual() && target.isTextual() ? ProjectionNames.byDefault(source.asText(), target.asText())
                : null;
    }

    /**
     * Writes the value into a tree, creating mappings on the way; a list index may address an
     * existing element or append one, a bracketed label or name addresses an existing one.
     *
     * @param root the tree of the whole config
     * @return the key path written, with list indices only ({@code strategies[3].params.lambda})
     */
    String applyTo(ObjectNode root) {
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
                        child = next instanceof String ? object.putObject(name) : object.putArray(name);
                    }
                    node = child;
                }
            } else {
                if (!(node instanceof ArrayNode array)) {
                    throw new ConfigException(where, at.toString(), "a list", describe(node), null);
                }
                int index = segment instanceof EntryName entry ? entryIndex(array, entry.name(), at.toString(), where)
                        : (Integer) segment;
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
                        array.add(next instanceof String ? array.objectNode() : array.arrayNode());
                    }
                    node = array.get(index);
                }
            }
        }
        return at.toString();
    }

    /** A node as a message's "found" says it: a list, a mapping, {@code the value 3}, an empty text, or nothing. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (ConfigException.isEmptyText(node)) {
            return ConfigException.EMPTY_TEXT;
        }
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "the value " + node;
    }
}
