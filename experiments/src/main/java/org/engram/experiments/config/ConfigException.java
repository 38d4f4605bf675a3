package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;

/**
 * A configuration file or override that cannot be used: unknown key, wrong type, value out of
 * range, missing file. The message names the file, line and column where known, the key path,
 * what was expected and what was found, e.g.
 * {@code pmnist.yaml:14:9: network.layers[1].tau_m: expected a number > 0 (ms), found -5}.
 */
public class ConfigException extends EngramException {
    private static final long serialVersionUID = 1L;

    /** The longest value a message shows whole, in characters. */
    private static final int FOUND_SHOWN_MAX = 200;

    /** Characters of a longer value's start that a message shows. */
    private static final int FOUND_SHOWN_START = 100;

    /** How a message says that the value found is an empty text ({@code ''}). */
    public static final String EMPTY_TEXT = "an empty text";

    /** The single problems this error stands for: several when made by {@link #all}, else none (itself). */
    private final List<ConfigException> problems;

    /** What refused the value: a rule, or its own form, and which check of the form ({@link #of}). */
    private final Kind kind;

    /**
     * What refused a value. Every kind but {@link #RULE} refuses it for itself, its form or its own range,
     * whatever the keys beside it hold; the two kinds of form told apart are those that readers of a record's
     * problems treat apart (a model's parameters: a key of the wrong type takes its default so that the others
     * are checked).
     */
    public enum Kind {
        /**
         * A rule that compares the value with another, one not known to hold of the value alone (a model of
         * one's own words its rules freely), or an error of no one value.
         */
        RULE,
        /** A range of the value's own, which no other key moves: a size of 0, a time constant or an sd {@code <= 0}. */
        RANGE,
        /** The value's own form, of no kind below: a list where a mapping is, an unknown name, a key left out. */
        FORM,
        /** A key the mapping's record does not have at all, whatever its other keys hold. */
        UNKNOWN_KEY,
        /** A scalar of another type than the key's: number, integer, boolean or text expected. */
        TYPE
    }

    /**
     * Creates the error of a rule ({@link Kind#RULE}).
     *
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path, e.g. {@code populations[0].size}
     * @param expected the rule
     * @param found    the value found; one of more than 200 characters (a whole CSV
     *                 file given as the config reads as one text) is cut to its start and the count of the
     *                 characters left out, and an empty or blank one is said in words or quoted
     * @param hint     a suggestion such as {@code did you mean 'tau_m'?}, or {@code null}
     */
    public ConfigException(String where, String keyPath, String expected, String found, String hint) {
        this(where, keyPath, expected, found, hint, Kind.RULE);
    }

    /**
     * Creates an error of a given kind, for a subclass; {@link #of} makes one of this class.
     *
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path
     * @param expected the rule or form
     * @param found    the value found, shown as the public constructor shows it
     * @param hint     a suggestion, or {@code null}
     * @param kind     what refused the value
     */
    protected ConfigException(String where, String keyPath, String expected, String found, String hint, Kind kind) {
        this(where, keyPath, expected, found, hint, kind, null);
    }

    private ConfigException(String where, String keyPath, String expected, String found, String hint, Kind kind,
                            String comparedWith) {
        super(where, keyPath, expected, shown(found), hint, comparedWith);
        this.problems = List.of();
        this.kind = kind;
    }

    /**
     * Creates the error of a rule that compares the value with another key of its entry ({@link Kind#RULE}), such
     * as a key the entry's {@code type} needs or does not read: where an override wrote a key beside the value, a
     * message names it only if it wrote that one ({@link #comparedWith}).
     *
     * @param comparedWith the key of the same entry the rule compares the value with, e.g. {@code type}, or
     *                     {@code null} for a rule that compares it with no other key (the constructor's error)
     * @param where        file, with {@code :line:column} when known
     * @param keyPath      the key path, e.g. {@code projections[0].rule.k}
     * @param expected     the rule
     * @param found        the value found, shown as the constructor shows it
     * @param hint         a suggestion, or {@code null}
     * @return the error
     */
    public static ConfigException against(String comparedWith, String where, String keyPath, String expected,
                                          String found, String hint) {
        return new ConfigException(where, keyPath, expected, found, hint, Kind.RULE, comparedWith);
    }

    /**
     * The refusal of a value by the simulator or a rule, placed at the key of the config that gave it: a
     * {@link Kind#RULE} with the refusal's rule and the parameter it compares the value with
     * ({@link #comparedWith}), by which a step set on the command line is named beside what it made wrong, or a
     * {@link Kind#RANGE} for a value out of a range of its own ({@link ParameterException#outOfOwnRange()}).
     * A refusal of free form (a model of one's own may throw one) has its message as the rule.
     *
     * @param e       the refusal
     * @param where   file, with {@code :line:column} when known
     * @param keyPath the key path, e.g. {@code projections[0].delay_ms}
     * @param hint    a suggestion, or {@code null}
     * @return the error, with the value the refusal found, or an empty one for a refusal of free form
     */
    public static ConfigException placed(EngramException e, String where, String keyPath, String hint) {
        return placed(e, where, keyPath, e.found() == null ? "" : e.found(), hint);
    }

    /**
     * {@link #placed(EngramException, String, String, String)} with the value found told otherwise.
     *
     * @param e       the refusal
     * @param where   file, with {@code :line:column} when known
     * @param keyPath the key path
     * @param found   the value found, as the config's reader tells it
     * @param hint    a suggestion, or {@code null}
     * @return the error
     */
    public static ConfigException placed(EngramException e, String where, String keyPath, String found,
                                         String hint) {
        return placed(e, where, keyPath, ruleOf(e), found, hint);
    }

    /**
     * {@link #placed(EngramException, String, String, String)} with the rule and the value found told
     * otherwise.
     *
     * @param e       the refusal
     * @param where   file, with {@code :line:column} when known
     * @param keyPath the key path
     * @param rule    the rule, as the config's reader tells it
     * @param found   the value found, as the config's reader tells it
     * @param hint    a suggestion, or {@code null}
     * @return the error
     */
    public static ConfigException placed(EngramException e, String where, String keyPath, String rule, String found,
                                         String hint) {
        Kind kind = e instanceof ParameterException p && p.outOfOwnRange() ? Kind.RANGE : Kind.RULE;
        return new ConfigException(where, keyPath, rule, found, hint, kind, e.comparedWith());
    }

    /**
     * Each problem of a refusal (one that carries several, such as a record's checks) placed at its
     * parameter's key within a config entry.
     *
     * @param e     the refusal
     * @param where file, with {@code :line:column} when known
     * @param entry the entry's key path, e.g. {@code inputs[0]}, which each parameter's name follows
     * @return the error
     */
    public static ConfigException placedEach(EngramException e, String where, String entry) {
        List<? extends EngramException> each = e instanceof ParameterException p ? p.problems() : List.of(e);
        return all(each.stream().map(one -> placed(one, where, entry + "." + one.location(), null)).toList());
    }

    /**
     * {@return the rule a refusal states, or its whole message for one of free form (a model of one's own may
     * throw one)}
     *
     * @param e the refusal
     */
    public static String ruleOf(EngramException e) {
        return e.expected() == null ? e.getMessage() : e.expected();
    }

    /**
     * Creates an error about a value's own form ({@link Kind#FORM}), found from the value alone: a number its
     * type cannot hold, a list where a mapping is, an unknown name, a key that every entry needs left out.
     * Such a value is refused whatever the keys beside it hold, so no message ties it to an override of one
     * of them; so is one of {@link Kind#UNKNOWN_KEY} or {@link Kind#TYPE} ({@link #of}).
     *
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path, e.g. {@code populations[0].params.tau_m}
     * @param expected the form, e.g. {@code a number}
     * @param found    the value found, shown as the constructor shows it
     * @param hint     a suggestion, or {@code null}
     * @return the error
     */
    public static ConfigException ofForm(String where, String keyPath, String expected, String found, String hint) {
        return of(Kind.FORM, where, keyPath, expected, found, hint);
    }

    /**
     * Creates an error of a given kind; {@link #ofForm} and the constructor make those of {@link Kind#FORM}
     * and {@link Kind#RULE}.
     *
     * @param kind     what refused the value
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path
     * @param expected the rule or form
     * @param found    the value found, shown as the constructor shows it
     * @param hint     a suggestion, or {@code null}
     * @return the error
     */
    public static ConfigException of(Kind kind, String where, String keyPath, String expected, String found,
                                     String hint) {
        return new ConfigException(where, keyPath, expected, found, hint, kind);
    }

    /**
     * The same problem placed, told or hinted otherwise, of the same {@link Kind}, compared with the same
     * parameter.
     *
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path
     * @param expected the rule or form
     * @param found    the value found
     * @param hint     a suggestion, or {@code null}
     * @return the new error
     */
    public ConfigException restated(String where, String keyPath, String expected, String found, String hint) {
        return new ConfigException(where, keyPath, expected, found, hint, kind, comparedWith());
    }

    /**
     * {@return whether the value is refused for itself, its own form ({@link #ofForm}) or range, whatever the
     * keys beside it hold; false for a rule that compares it with another value, one not known to hold of the
     * value alone, and an error of no one value}
     */
    public boolean refusedForItself() {
        return kind != Kind.RULE;
    }

    /** {@return what refused the value: {@link Kind#RULE} for an error made of several ({@link #all})} */
    public Kind kind() {
        return kind;
    }

    /**
     * A value as a message shows it: whole up to {@link #FOUND_SHOWN_MAX} characters, else its start and
     * how many characters are left out, so that a file of megabytes read as one text (a CSV file given as
     * the config) does not make a message of megabytes; an empty text in words and a blank one quoted, so
     * that a message never ends in "found " with nothing to see; control characters escaped, so that a
     * line break in a value does not split the message and a BEL or ESC does not act on the terminal.
     */
    private static String shown(String found) {
        if (found != null && found.isBlank()) {
            return found.isEmpty() ? EMPTY_TEXT : "'" + escaped(found) + "' (only spaces)";
        }
        if (found == null || found.length() <= FOUND_SHOWN_MAX) {
            return found == null ? null : escaped(found);
        }
        int end = found.offsetByCodePoints(0, FOUND_SHOWN_START);   // never half a surrogate pair
        return escaped(found.substring(0, end)) + "... (and " + String.format(Locale.ROOT, "%,d",
                found.length() - end) + " characters more)";
    }

    /**
     * A value node as a message's found shows it: its JSON form ({@code "a"}, {@code [1, 2]}), an empty text
     * in words, as every message names one; the JSON form would show it as {@code ""}, which a text of two
     * quotation marks is too.
     *
     * @param node the value found
     * @return e.g. {@code "a"}, or {@value #EMPTY_TEXT}
     */
    public static String asFound(JsonNode node) {
        return isEmptyText(node) ? EMPTY_TEXT : node.toString();
    }

    /** {@return whether a value node is the empty text, which messages name as {@value #EMPTY_TEXT}} */
    static boolean isEmptyText(JsonNode node) {
        return node.isTextual() && node.asText().isEmpty();
    }

    /**
     * Text as a message shows it: each control character as the escape a YAML double-quoted text writes it
     * with ({@code \n}, {@code \t}, {@code \x07}), which is also how a value can hold one.
     *
     * @param text any text
     * @return the text on one line, with no character that acts on a terminal
     */
    static String escaped(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\x%02X", c)
                        : Character.toString(c));
            }
        });
        return sb.toString();
    }

    /**
     * Creates an error whose message is not about one value (e.g. an unreadable file).
     *
     * @param message the message, naming the file
     * @param cause   the cause, or {@code null}
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
        this.kind = Kind.RULE;
    }

    private ConfigException(List<ConfigException> problems) {
        super(listed(problems), null);
        this.problems = List.copyOf(problems);
        this.kind = Kind.RULE;
    }

    /**
     * One error for several problems found together.
     *
     * @param problems at least one; errors made by this method are taken apart into their problems
     * @return the only problem itself, or an error whose message lists them all, one per line, and
     *         whose {@link #problems()} returns them
     */
    public static ConfigException all(List<ConfigException> problems) {
        return joined(problems, ConfigException::problems, ConfigException::new);
    }

    /**
     * {@return whether one of the problems is about a key or a key under it ({@code a.b} and {@code a[0]}
     * under {@code a}), so that a check of what it holds would speak of a value already refused}
     *
     * @param keyPath  a key path
     * @param problems problems found (those made by {@link #all} are taken apart)
     */
    public static boolean anyWithin(String keyPath, List<ConfigException> problems) {
        for (ConfigException p : problems) {
            for (ConfigException one : p.problems()) {
                if (SectionBinder.within(one.location() == null ? "" : one.location(), keyPath)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@return the single problems of this error, each with its own location: this error alone, or
     * those it was made of by {@link #all}}
     */
    public List<ConfigException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }
}
