package org.engram.experiments.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns the errors of reading YAML into typed records (Jackson's and the YAML parser's) into
 * {@link ConfigException}s in a config's words: file, line and column, key path, what was
 * expected and what was found, with advice where a value looks like what was meant.
 */
final class YamlErrors {
    /** A record component's name in Java, lower camelCase with at least one capital, and an index into it. */
    private static final Pattern JAVA_NAME = Pattern.compile("([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)(\\[\\d+])?");
    /** The reader's refusal of a number's length: the length and the most it takes. */
    private static final Pattern LONG_NUMBER = Pattern.compile(
            "Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    /** A number as YAML may write it, a sign, digits, points, underscores and an exponent. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[-+]?\\.?\\d[\\w.+-]*");
    private YamlErrors() {
    }

    /**
     * Translates the error of converting a tree that stands at {@code keyPath} of a config, each of
     * its problems with the whole key path and the place {@code where} gives for it.
     *
     * @param e       the conversion's error
     * @param keyPath where the tree stands, {@code ""} for the whole config
     * @param where   the file position or override of a key path
     * @return the error, one problem per bad value
     */
    static ConfigException translateAt(JsonProcessingException e, String keyPath, StrategyParams.Locator where) {
        List<ConfigException> each = new ArrayList<>();
        AsWritten written = new AsWritten(inner -> where.taggedText(fullPath(keyPath, inner))
                ? NumberForms.TextForm.TAGGED : NumberForms.TextForm.QUOTED,
                inner -> where.numberAsWritten(fullPath(keyPath, inner)));
        // A record's own check refuses its values together: a --set of one of them is where they changed.
        Class<?> record = e instanceof ValueInstantiationException v && v.getType() != null
                && v.getType().isRecordType() ? v.getType().getRawClass() : null;
        String recordPath = record == null ? null : fullPath(keyPath, path((JsonMappingException) e));
        for (ConfigException c : translate(e, "", null, written).problems()) {
            String path = fullPath(keyPath, c.location() == null ? "" : c.location());
            String at = where.locateConflict(path, record == null ? new String[0]
                    : keysOfTheRule(recordPath, record, path, c.expected()));
            String hint = c.hint() == null && e instanceof MismatchedInputException m ? listAdvice(at, path, m)
                    : c.hint();
            if (hint == null && e instanceof MismatchedInputException m) {
                hint = nestedListAdvice(m, path);
            }
            each.add(c.restated(at, path.isEmpty() ? null : path, c.expected(), c.found(), hint));
        }
        return ConfigException.all(each);
    }

    /** The key path of a tree's key {@code inner} where the tree stands at {@code keyPath} of a config. */
    private static String fullPath(String keyPath, String inner) {
        return keyPath.isEmpty() || inner.isEmpty() || inner.startsWith("[") ? keyPath + inner : keyPath + "." + inner;
    }

    /**
     * The key paths of the record's components whose values its check refused together: all of them where it
     * refused the record as a whole, else those that the rule of the refused one names ({@code
     * min_learning_rate}'s "a rate in [0, learning_rate = 0.002]" names {@code learning_rate}); a rule of one
     * value alone names none.
     *
     * @param recordPath the record's key path
     * @param record     the record's type
     * @param refused    the key path of the problem
     * @param rule       what the check expected, or null
     */
    private static String[] keysOfTheRule(String recordPath, Class<?> record, String refused, String rule) {
        return ConfigLayers.keysOf(record).stream()
                .filter(key -> refused.equals(recordPath) || rule != null
                        && Pattern.compile("\\b" + Pattern.quote(key) + "\\b").matcher(rule).find())
                .map(key -> fullPath(recordPath, key)).toArray(String[]::new);
    }

    /**
     * The problems a record's constructor or a strategy's factory reported, each at its own key: a
     * {@link ParameterException} may hold several. A location in Java's camelCase is given as the
     * config writes it ({@code memorySize} as {@code memory_size}).
     *
     * @param e       what was thrown
     * @param keyPath where the values stand, e.g. {@code strategies[0].params}, or empty
     * @param where   where a key path was written, e.g. {@code my.yaml:12:3}
     * @param number  a number as written at a key path, or null where not known
     * @return one problem per value, a number found shown as written where the check showed the number read
     *         ({@code 1e-400}, not 0.0; {@code -1}, not -1.0)
     */
    static List<ConfigException> eachProblem(EngramException e, String keyPath, Function<String, String> where,
                                             Function<String, String> number) {
        List<ConfigException> each = new ArrayList<>();
        for (EngramException one : e instanceof ParameterException pe ? pe.problems() : List.of(e)) {
            String key = keyPath;
            if (one.location() != null) {
                Matcher java = JAVA_NAME.matcher(one.location());
                String location = java.matches() ? ConfigLayers.snakeCase(java.group(1))
                        + Objects.toString(java.group(2), "") : one.location();
                key = key.isEmpty() ? location : key + "." + location;
            }
            each.add(ConfigException.placed(one, where.apply(key), key, one.expected() == null ? one.getMessage()
                    : NumberForms.ruleAsWritten(one.expected(), key, number), one.found() == null ? ""
                    : NumberForms.asWritten(one.found(), number.apply(key)), one.hint()));
        }
        return each;
    }

    static ConfigException translate(JsonProcessingException e, String sourceName, String text) {
        // The parser read the text itself, so a number's own text is the parser's.
        SourceMap source = SourceMap.of(sourceName, text);
        return translate(e, sourceName, text, new AsWritten(keyPath -> source.taggedText(keyPath)
                ? NumberForms.TextForm.TAGGED : NumberForms.TextForm.QUOTED, keyPath -> null));
    }

    /**
     * How a config wrote its values, by their key paths in the tree an error was found in.
     *
     * @param form   how the config made a value text: by YAML's tag or by quotes
     * @param number a number as written, or null where the parser's text will do
     */
    private record AsWritten(Function<String, NumberForms.TextForm> form, Function<String, String> number) {
    }

    /**
     * Translates a parser's or mapper's error, as {@link #translate(JsonProcessingException, String, String)}.
     *
     * @param written how the config wrote the values the error may show
     */
    private static ConfigException translate(JsonProcessingException e, String sourceName, String text,
                                             AsWritten written) {
        ReaderException unreadable = readerError(e);
        if (unreadable != null) {
            return unprintable(sourceName, null, text, unreadable.getCodePoint());
        }
        MarkedYAMLException syntax = syntaxError(e);
        if (syntax != null && syntax.getProblemMark() != null) {
            // Jackson's own position is that of the last good token, often a line earlier.
            Mark mark = syntax.getProblemMark();
            String at = sourceName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            return syntax instanceof AliasExpansion.Problem alias
                    ? new ConfigException(at, null, alias.expected, alias.found, null)
                    : new ConfigException(at, null, "valid YAML", "a syntax error: " + syntax.getProblem(),
                    syntaxHint(syntax));
        }
        String where = sourceName + at(readerLocation(e));
        // No unknown key reaches Jackson, whose bean readers alone refuse one (UnrecognizedPropertyException):
        // SectionBinder reads every mapping of a record key by key first, refuses its unknown keys and binds it
        // without them.
        if (e instanceof InvalidFormatException f) {
            // A number with a point or exponent where an integer is expected: the tree's double may be rounded.
            String number = written.number().apply(path(f));
            return ConfigException.of(typeKind(targetType(f)), where, path(f), expectedType(targetType(f)),
                    number == null ? String.valueOf(f.getValue()) : number,
                    scalarAdvice(f, () -> written.form().apply(path(f)), number));
        }
        // Jackson gives no mismatch a cause but a text its FromStringDeserializer refused, an InvalidFormatException.
        if (e instanceof MismatchedInputException m) {
            String message = m.getOriginalMessage();
            if (message != null && message.startsWith("Trailing token")) {
                // FAIL_ON_TRAILING_TOKENS: the parser went on past the first document.
                return new ConfigException(sourceName + at(secondDocument(m, text)), null, "one YAML document",
                        "a second one, starting with '---'", null);
            }
            String number = written.number().apply(path(m));
            String advice = scalarAdvice(m, () -> written.form().apply(path(m)), number);
            // Converting a part of a config (sourceName ""), translateAt knows the key path and place.
            return ConfigException.of(typeKind(targetType(m)), where, path(m), expectedType(targetType(m)),
                    found(m, number), advice != null || sourceName.isEmpty() ? advice : listAdvice(where, path(m), m));
        }
        if (e instanceof JsonMappingException m) {
            Throwable cause = rootEngramCause(e);
            if (cause instanceof EngramException ee) {
                return ConfigException.all(eachProblem(ee, path(m), key -> where, written.number()));
            }
            if (m.getCause() instanceof InputCoercionException range && outOfRange(range)) {
                return outOfRange(where, path(m), range);
            }
            if (m instanceof InvalidDefinitionException d && d.getType() != null) {
                // Jackson's way of refusing a scalar where a list of numbers is expected (neurons: abc).
                Class<?> type = d.getType().getRawClass();
                return ConfigException.of(typeKind(type), where, path(m), expectedType(type),
                        found(m, written.number().apply(path(m))), null);
            }
            if (m instanceof ValueInstantiationException v && v.getCause() != null && v.getType() != null) {
                // A record's own check threw: its words, not Jackson's "Cannot construct instance of ...".
                return new ConfigException(where, path(m), "values that " + v.getType().getRawClass().getSimpleName()
                        + " accepts", String.valueOf(v.getCause().getMessage()), null);
            }
            // Every mapping error a config can cause is one of the above: another is a bug of the records' binding.
            throw new IllegalStateException("a mapping error of a kind configs do not cause", m);
        }
        if (e instanceof InputCoercionException range && outOfRange(range)) {
            return outOfRange(where, "", range);   // a value bound on its own, not within a mapping
        }
        return readError(e, sourceName, where, text);
    }

    private static boolean outOfRange(InputCoercionException e) {
        return e.getTargetType() != null && e.getProcessor() != null;
    }

    /**
     * An integer key given a whole number beyond its type's range: the bound it passed, not the whole
     * range, whose negative end means nothing for a size or a count.
     */
    private static ConfigException outOfRange(String where, String keyPath, InputCoercionException range) {
        boolean isLong = range.getTargetType() == long.class || range.getTargetType() == Long.class;
        String found = currentText(range.getProcessor());
        String bound = found.startsWith("-") ? ">= " + (isLong ? Long.MIN_VALUE : Integer.MIN_VALUE)
                : "<= " + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        return ConfigException.ofForm(where, keyPath, "an integer " + bound, found, null);
    }

    /**
     * An error of the reader that is no YAML syntax error, with the key path where the reader
     * stood: a key given twice.
     *
     * @param where the file and the reader's place in it, if any
     * @param text  the YAML text, or null when not known
     */
    private static ConfigException readError(JsonProcessingException e, String sourceName, String where,
                                             String text) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String key = e.getProcessor() instanceof JsonParser p ? keyPath(p.getParsingContext()) : null;
        if (e instanceof TagRefused tag) {
            return tag.at(where, key);
        }
        if (message.startsWith("Duplicate field")) {
            // The reader stands past the key, at its ':'; the key's own token starts where the key is written.
            String atKey = e.getProcessor() instanceof JsonParser p ? sourceName + at(p.currentTokenLocation()) : where;
            return ConfigException.ofForm(atKey, key, "each key once in a mapping", "it a second time", null);
        }
        // The reader's own words named its parser events and constraint classes.
        if (message.startsWith("Expected a field name")) {
            return new ConfigException(where, null, "keys written as plain text", "a list or mapping used as a key"
                    + " (YAML's '? ' form)", null);
        }
        if (message.startsWith("Document nesting depth")) {
            return ConfigException.ofForm(where, key, "at most 1000 levels of nested lists and mappings",
                    "deeper nesting", null);
        }
        Matcher tooLong = LONG_NUMBER.matcher(message);
        if (tooLong.lookingAt()) {
            // The reader names neither the number nor its place: the first number as long in the text is it.
            int length = Integer.parseInt(tooLong.group(1));
            Matcher number = NUMBER.matcher(text == null ? "" : text);
            int index = -1;
            while (index < 0 && number.find()) {
                index = number.group().length() == length ? number.start() : -1;
            }
            return ConfigException.ofForm(sourceName + at(index, text), key, "a number of at most "
                    + tooLong.group(2) + " characters", "one of " + length, "a double keeps about 17 significant"
                    + " digits: write fewer, with an exponent for a large or small number (1.5e300)");
        }
        return ConfigException.ofForm(where, key, "valid YAML", message, null);
    }

    /** The dotted key path of a reader's position, e.g. {@code tasks.count} or {@code seeds[1]}; null at the top. */
    private static String keyPath(JsonStreamContext context) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                // A list just opened (a tag refused on it) holds no element yet: the path is the list's own.
                if (c.getEntryCount() > 0) {
                    sb.insert(0, "[" + c.getCurrentIndex() + "]");
                }
            } else if (c.getCurrentName() != null) {
                sb.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * The line of the {@code ---} that starts the second document: the last one before the first
     * token Jackson found after the first document.
     */
    private static int[] secondDocument(JsonProcessingException e, String text) {
        JsonLocation after = e.getLocation();
        if (text == null || after == null || after.getLineNr() < 1) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int line = Math.min(after.getLineNr(), lines.length); line >= 1; line--) {
            if (lines[line - 1].startsWith("---")) {
                return new int[] {line, 1};
            }
        }
        return new int[] {after.getLineNr(), after.getColumnNr()};
    }

    /**
     * The text of the token a parser stands on. Only {@link JsonParser#getText()}'s signature can fail: the
     * parsers an error here comes from (the YAML parser, and the parser of a tree) hold the current token's
     * text, read nothing to give it, and never throw there.
     */
    private static String currentText(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException unreadable) {
            throw new IllegalStateException("a parser failed to give the text it had read", unreadable);
        }
    }

    /**
     * Where to look for a syntax error's cause, when the parser found it later than it began: an unclosed
     * {@code [} or {@code {} is found only on a later line, at the first token that cannot go on with it, and a
     * key indented unlike its neighbours where the next key cannot follow it, so the parser's words alone would
     * send the reader to the wrong line or leave the indentation unnamed.
     *
     * @return e.g. "in the list [...] that starts at 2:8", or null when the parser names no earlier place
     */
    private static String syntaxHint(MarkedYAMLException syntax) {
        if (String.valueOf(syntax.getProblem()).startsWith("mapping values are not allowed")) {
            return "a key indented more than the one above it, or ': ' inside a value that needs quotes";
        }
        Mark start = syntax.getContextMark();
        String context = syntax.getContext();
        if (start == null || context == null) {
            return null;
        }
        // The parser's words for what it was reading ("while parsing a flow sequence"), in a config's.
        String what = context.contains("flow sequence") ? "the list [...]"
                : context.contains("flow mapping") ? "the mapping {...}"
                : context.contains("quoted scalar") ? "the quoted text"
                : context.contains("simple key") ? "the key"
                : context.contains("block") ? "the indented block (its keys or '- ' entries indented alike)"
                : context.replaceFirst("^while (parsing|scanning) ", "");
        return "in " + what + " that starts at " + (start.getLine() + 1) + ":" + (start.getColumn() + 1);
    }

    /** The YAML parser's own error under Jackson's wrapper, which knows where the problem is. */
    static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                return y;
            }
        }
        return null;
    }

    /**
     * A character that YAML does not allow in the value of a {@code --set}, as {@link #translate} names one in a
     * file: the value's own error said only that it is not YAML.
     *
     * @param e     the error of reading the value
     * @param where the override, e.g. {@code --set name=a}
     * @param key   the override's key path
     * @return the character's refusal, or null when the value's error is another
     */
    static ConfigException unprintableValue(JsonProcessingException e, String where, String key) {
        ReaderException unreadable = readerError(e);
        return unreadable == null ? null : unprintable(where, key, null, unreadable.getCodePoint());
    }

    /** The YAML reader's refusal of a character under Jackson's wrapper, which names neither it nor its place. */
    private static ReaderException readerError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReaderException r) {
                return r;
            }
        }
        return null;
    }

    /**
     * A character that YAML does not allow in a config (a control character such as NUL or BEL, from binary junk
     * or a bad copy), at the line and column of its first occurrence: the reader said only "special characters
     * are not allowed", without a place.
     *
     * @param keyPath   the key whose value holds it, or null when not known
     * @param text      the YAML text, or null when not known (then the place is not given)
     * @param codePoint the character the reader refused
     */
    private static ConfigException unprintable(String sourceName, String keyPath, String text, int codePoint) {
        String where = sourceName + at(text == null ? -1 : text.indexOf(codePoint), text);
        return ConfigException.ofForm(where, keyPath, "printable text (YAML allows tabs and line breaks, no other"
                + " control characters)", String.format(Locale.ROOT, "the character U+%04X", codePoint),
                "delete it, or write it in a double-quoted text as an escape such as \\x07");
    }

    private static Throwable rootEngramCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EngramException) {
                return t;
            }
        }
        return null;
    }

    /**
     * The value a type error is about, as the config wrote it: when Jackson gives up, its parser
     * still stands on that value.
     *
     * @param fraction a number with a point or exponent as written, which the parser of a tree knows only
     *                 as a double; null where the parser's own text will do
     */
    private static String found(JsonMappingException m, String fraction) {
        if (!(m.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "a value of another type";
        }
        String text = currentText(p);
        return switch (p.currentToken()) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> text.isEmpty() ? ConfigException.EMPTY_TEXT : "the text \"" + text + "\"";
            case VALUE_NULL, END_ARRAY, END_OBJECT -> "nothing";
            case VALUE_NUMBER_FLOAT -> fraction == null ? text : fraction;
            default -> text;
        };
    }

    /**
     * What to write instead of a scalar of the wrong kind: a number written as text ({@code "10"},
     * {@code 0x10}, {@code 010}: see {@link NumberForms}), a whole number written with a point or
     * exponent where an integer is expected ({@code 1e3}), a number or true/false where text is
     * expected, or the closest name of an enum's.
     *
     * @param form     how the config made the text text, asked only of a text where a number is expected
     * @param fraction a number with a point or exponent as written, or null where the parser's own will do
     */
    private static String scalarAdvice(MismatchedInputException m, Supplier<NumberForms.TextForm> form,
                                       String fraction) {
        Class<?> c = targetType(m);
        if (c == null || !(m.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return null;
        }
        String quote = c == String.class ? "put it in quotes to use it as text" : null;
        String text = currentText(p);
        return switch (p.currentToken()) {
            case VALUE_STRING -> isInteger(c) || isReal(c) ? NumberForms.advice(text, form.get())
                    : c.isEnum() ? Suggestions.didYouMean(text, enumNames(c)) : null;
            case VALUE_NUMBER_FLOAT -> !isInteger(c) ? quote : wholeNumberAdvice(fraction == null ? text : fraction, c);
            case VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> quote;
            default -> null;
        };
    }

    /**
     * The brackets a list written as text lacks: {@code --set seeds=1,2} gives the text "1,2", where
     * {@code seeds=[1,2]} gives the list.
     *
     * @param where the config file, or {@code --set key=value}, whose notation the advice follows
     * @param key   the key path of the list
     * @param m     the refusal of the text
     * @return the advice, or {@code null} when no list was expected, or the text is no list of items
     *         between commas that lacks only its brackets ({@code one}, {@code [1, 2]} in quotes)
     */
    private static String listAdvice(String where, String key, MismatchedInputException m) {
        Class<?> c = targetType(m);
        if (c == null || !(c.isArray() || Collection.class.isAssignableFrom(c))
                || !(m.getProcessor() instanceof JsonParser p) || p.currentToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = currentText(p);
        if (!text.contains(",") || text.contains("[")) {
            return null;
        }
        String list = "[" + text + "]";
        return where.startsWith(SetOverride.named("")) ? "write " + key + "=" + list : "write " + key + ": " + list;
    }

    /**
     * The brackets a list of lists lacks: {@code pairs: [0, 4]} or a spike source's {@code times_ms: [10, 20]},
     * each of whose entries is to be a list itself ({@code [[0, 4]]}, one list of times per neuron).
     *
     * @param keyPath the refused value's whole key path, e.g. {@code record.weights[0].pairs[1]}
     * @return the advice, or {@code null} when the value refused is no single value in place of a list
     *         within a list
     */
    private static String nestedListAdvice(MismatchedInputException m, String keyPath) {
        Class<?> c = targetType(m);
        boolean list = c != null && (c.isArray() || Collection.class.isAssignableFrom(c));
        if (!list || !keyPath.endsWith("]") || !(m.getProcessor() instanceof JsonParser p)
                || p.currentToken() == null || !p.currentToken().isScalarValue()) {
            return null;
        }
        String outer = keyPath.substring(0, keyPath.lastIndexOf('['));
        return "each entry of " + outer.substring(outer.lastIndexOf('.') + 1) + " is a list itself: [[...], [...]]";
    }

    /**
     * The type a refused value was to become: for one element of an array ({@code neurons: [0, "1"]})
     * the element type, which Jackson reports as the array type. An element that is itself to be an
     * array ({@code times_ms: [1.0]} for one list per neuron) is reported as its own type, and
     * the array it is in is not that type.
     */
    private static Class<?> targetType(MismatchedInputException m) {
        Class<?> c = m.getTargetType();
        List<JsonMappingException.Reference> path = m.getPath();
        JsonMappingException.Reference last = path.isEmpty() ? null : path.get(path.size() - 1);
        boolean element = last != null && last.getIndex() >= 0 && last.getFrom() != null
                && last.getFrom().getClass() == c;
        return c != null && c.isArray() && element ? c.getComponentType() : c;
    }

    private static String wholeNumberAdvice(String written, Class<?> integer) {
        boolean isInt = integer == int.class || integer == Integer.class;
        return NumberForms.wholeNumberAdvice(written, isInt ? Integer.MIN_VALUE : Long.MIN_VALUE,
                isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }

    private static boolean isInteger(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class;
    }

    private static boolean isReal(Class<?> c) {
        return c == double.class || c == Double.class || c == float.class;
    }

    /**
     * What a value of a Java type looks like in YAML, e.g. {@code a list}, {@code a value of type integer}.
     *
     * @param c the type, which Jackson names in every mismatch a config causes
     */
    private static String expectedType(Class<?> c) {
        if (isReal(c)) {
            return "a value of type number";
        }
        if (isInteger(c)) {
            return "a value of type integer";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "a value of type boolean (true/false)";
        }
        if (c.isEnum()) {
            return "one of " + String.join(", ", enumNames(c));
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "a list";
        }
        if (c == String.class) {
            return "a value of type text";
        }
        return readsAName(c) ? "a name or a mapping of keys" : "a mapping of keys";
    }

    /**
     * The kind of a mismatch with a Java type: {@link ConfigException.Kind#TYPE} for a scalar type (a number,
     * an integer, a boolean, a text), else {@link ConfigException.Kind#FORM} (a list, a mapping, an enum's name).
     */
    private static ConfigException.Kind typeKind(Class<?> c) {
        return isReal(c) || isInteger(c) || c == boolean.class || c == Boolean.class || c == String.class
                ? ConfigException.Kind.TYPE : ConfigException.Kind.FORM;
    }

    /** Whether a type is also read from text alone: a static creator of one {@code String}, as a name's entry. */
    private static boolean readsAName(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> Modifier.isStatic(m.getModifiers())
                && m.isAnnotationPresent(JsonCreator.class) && m.getParameterCount() == 1
                && m.getParameterTypes()[0] == String.class);
    }

    /** The names of an enum's constants as configs write them: {@code grid}, {@code precise}. */
    private static List<String> enumNames(Class<?> c) {
        return Arrays.stream(c.getEnumConstants()).map(v -> ((Enum<?>) v).name().toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code :line:column} of a character of a text, or {@code ""} for none ({@code index} -1). */
    private static String at(int index, String text) {
        if (index < 0) {
            return "";
        }
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        return ":" + line + ":" + (text.codePointCount(lineStart, index) + 1);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String at(int[] lineColumn) {
        return lineColumn == null ? "" : ":" + lineColumn[0] + ":" + lineColumn[1];
    }

    /**
     * The line and column the reader stood at. A mapping error of a value below the top level is not
     * translated here but by {@link #translateAt}, which the config's source map locates: each key is bound on
     * its own from the tree ({@link SectionBinder}) before the text is read whole, so what the whole reading
     * refuses stands at the top level.
     */
    private static int[] readerLocation(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? null
                : new int[] {location.getLineNr(), location.getColumnNr()};
    }

    /** The key path of a mapping error, e.g. {@code populations[0].params.tau_m}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * A key the mapping's type does not have, with the keys it has and the closest one suggested (for
     * a key beginning with {@code x-} below the top level: where such keys go; for a top-level key
     * meant as one, such as {@code X-lif} or {@code x_lif}: how it is spelt).
     *
     * @param where   the file and line, for the message
     * @param keyPath the unknown key's path
     * @param key     the unknown key
     * @param known   the keys the type has
     * @return the exception to throw
     */
    static ConfigException unknownKey(String where, String keyPath, String key, Collection<?> known) {
        return ConfigException.of(ConfigException.Kind.UNKNOWN_KEY, where, keyPath, keysRule(known),
                unknownKeyFound(key), hintFor(key, keyPath, known));
    }

    /**
     * A key that the mapping's {@code type} does not read, as {@link #unknownKey(String, String, String,
     * Collection)}, with a hint of the caller's own: not an error of the key's form, as another value of the
     * {@code type} beside it (which an override may have set) reads other keys.
     *
     * @param known the keys the mapping's type reads
     * @param hint  what to tell of the key, or null for the closest key
     */
    static ConfigException keyTheTypeIgnores(String where, String keyPath, String key, Collection<?> known,
                                             String hint) {
        return new ConfigException(where, keyPath, keysRule(known), unknownKeyFound(key),
                hint != null ? hint : hintFor(key, keyPath, known));
    }

    private static String keysRule(Collection<?> known) {
        return "one of the keys " + known.stream().map(String::valueOf).sorted().toList();
    }

    private static String unknownKeyFound(String key) {
        return "unknown key '" + key + "'";
    }

    /** The closest known key, or where a key meant to be left unread goes. */
    private static String hintFor(String key, String keyPath, Collection<?> known) {
        boolean topLevel = key.equals(keyPath);
        if (key.startsWith(ExtensionKeys.PREFIX) && !topLevel) {
            return "keys beginning with " + ExtensionKeys.PREFIX + " are left unread at the top level only";
        }
        if (topLevel && ExtensionKeys.looksMeantAsOne(key)) {
            return "a top-level key is left unread when its name begins with " + ExtensionKeys.PREFIX
                    + " (a lower-case x and a hyphen)";
        }
        return Suggestions.didYouMean(key, known);
    }
}
