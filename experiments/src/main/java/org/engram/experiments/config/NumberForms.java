package org.engram.experiments.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plain YAML scalars Engram reads as numbers, and what to tell a user who wrote another form; and how a
 * message shows a number the user wrote, in a config or on the command line, as written ({@link #asWritten},
 * {@link #ruleAsWritten}).
 *
 * <p>A number is decimal: an optional sign, digits without a leading zero (an underscore may stand
 * between two digits: {@code 1_000}), an optional point with or without digits on either side
 * ({@code 0.5}, {@code .5}, {@code 5.}) and an optional exponent ({@code 1e-3}). YAML 1.1, which
 * the parser follows, also reads {@code 010} as octal 8, {@code 0x10} as 16, {@code 0b101} as 5 and
 * {@code 1:30} as 90; Engram reads those as text, so that a number key refuses them with
 * {@link #advice} and a text key keeps them as written. So too {@code .inf} and {@code .nan}: a
 * number key refuses them like any other text, with the config's other problems (the parser refused
 * them itself, which stopped the reading of the whole file at the first).
 */
public final class NumberForms {
    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:(?:0|[1-9](?:_?\\d)*)(?:\\.(?:" + DIGITS
            + ")?)?|\\." + DIGITS + ")(?:[eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?(?:0|[1-9](?:_?\\d)*)");
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern RADIX = Pattern.compile("([-+]?)0([xob])([0-9a-fA-F_]+)");
    private static final Pattern LEADING_ZERO = Pattern.compile("([-+]?)0[0-9_]+(\\.[0-9_]*)?([eE][-+]?\\d+)?");
    private static final Pattern SEXAGESIMAL = Pattern.compile("([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+)(\\.[0-9_]*)?");

    /**
     * A key's value that a rule shows, as Java shows a double or an integer: {@code learning_rate = 5.0E-4}, and the
     * unit of milliseconds where one follows it ({@code dt = 0.1 ms}).
     */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "\\b([a-z][a-z0-9_]*(?:\\[\\d+])*) = (-?(?:\\d+(?:\\.\\d+)?(?:E-?\\d+)?|Infinity))(?!\\w)( ms\\b)?");

    private NumberForms() {
    }

    /**
     * Whether a plain scalar that YAML 1.1 types as a number, or a command-line text, is one Engram reads as a
     * number: decimal ({@code 0.5}, {@code .5}, {@code 1e-3}, {@code -2}), ASCII digits, no leading zero; not
     * {@code 010}, {@code 0x1p3}, {@code 1d} or {@code NaN}, which Java reads.
     *
     * @param plain the scalar or text as written, without quotes
     * @return true for a decimal number
     */
    public static boolean readAsNumber(String plain) {
        return DECIMAL.matcher(plain).matches();
    }

    /** The plainest forms of a decimal number, which {@link #plainDecimal} tells apart without a regular expression. */
    enum Plain {
        /** Digits after an optional sign, without a leading zero: YAML 1.1 types it an integer. */
        INTEGER,
        /** The same with a point, an exponent or both ({@code 0.5}, {@code .5}, {@code 5.}, {@code 1e-3}): a float. */
        FRACTION,
        /** Anything else, to be typed by YAML's rules: text, another form of number, or none. */
        OTHER
    }

    /**
     * Tells the plainest decimal numbers apart by a scan of their characters, so that a list of a
     * million spike times does not take three regular expressions a number (YAML's two and
     * {@link #readAsNumber}). Whatever it calls an integer or a fraction YAML 1.1 types as one and
     * {@link #readAsNumber} accepts; the forms with underscores are left to those.
     *
     * @param plain a plain scalar as written
     * @return its form
     */
    static Plain plainDecimal(String plain) {
        int n = plain.length();
        int i = n > 0 && (plain.charAt(0) == '-' || plain.charAt(0) == '+') ? 1 : 0;
        int whole = i;
        i = digitsFrom(plain, i);
        if (i - whole > 1 && plain.charAt(whole) == '0') {
            return Plain.OTHER;   // a leading zero: YAML 1.1's octal, or advice
        }
        boolean fraction = false;
        int digits = i - whole;
        if (i < n && plain.charAt(i) == '.') {
            fraction = true;
            int point = i + 1;
            i = digitsFrom(plain, point);
            digits += i - point;
        }
        if (digits == 0) {
            return Plain.OTHER;
        }
        if (i < n && (plain.charAt(i) == 'e' || plain.charAt(i) == 'E')) {
            fraction = true;
            i++;
            int exponent = i < n && (plain.charAt(i) == '-' || plain.charAt(i) == '+') ? i + 1 : i;
            i = digitsFrom(plain, exponent);
            if (i == exponent) {
                return Plain.OTHER;
            }
        }
        return i < n ? Plain.OTHER : fraction ? Plain.FRACTION : Plain.INTEGER;
    }

    private static int digitsFrom(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /**
     * Reads an integer written as a config writes one (for a command-line option such as
     * {@code --seeds}): decimal, an optional sign, no leading zero, an underscore only between two
     * digits.
     *
     * @param text the text as written
     * @param what what the integer is, for the message, e.g. {@code "a seed"}
     * @return its value
     * @throws IllegalArgumentException whose message says what was expected, what was found and,
     *                                  where the text looks like a number, what to write instead
     */
    public static long integer(String text, String what) {
        return integer(text, what, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Reads an integer as {@link #integer(String, String)} does, for a type that holds less than a long (an int):
     * a whole number written with a point or exponent ({@code 3e9}) is told the bound of that type it passes, as
     * a config's integer key tells it, rather than the integer to write. Whether a plain integer is in the
     * type's range is the caller's to check, in the words of what it counts.
     *
     * @param text the text as written
     * @param what what the integer is, for the message, e.g. {@code "a layer size"}
     * @param min  the smallest integer the type holds
     * @param max  the largest integer the type holds
     * @return its value, which a long holds
     * @throws IllegalArgumentException as {@link #integer(String, String)} throws it
     */
    public static long integer(String text, String what, long min, long max) {
        String found = "found '" + text + "'";
        if (isInteger(text)) {
            try {
                return Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException tooLarge) {
                throw new IllegalArgumentException("expected " + what + " from " + Long.MIN_VALUE + " to "
                        + Long.MAX_VALUE + ", " + found);
            }
        }
        String advice = integerAdvice(text, min, max);
        throw new IllegalArgumentException("expected " + what + " written in decimal (digits after an optional "
                + "sign, without leading zeros), " + found + (advice == null ? "" : "; " + advice));
    }

    /**
     * Whether a command-line text is an integer written as a config writes one: decimal, an optional sign, no
     * leading zero ({@code 010} is 8 to YAML 1.1), ASCII digits, an underscore only between two digits.
     *
     * @param text the text as written
     * @return true for {@code 12}, {@code +5}, {@code -1_000}; false for {@code 010}, {@code 1.0}, {@code 0x10}
     */
    public static boolean isInteger(String text) {
        return INTEGER.matcher(text).matches();
    }

    /**
     * What to write instead of a command-line text that {@link #isInteger} refuses, where it looks like a number:
     * {@code 010} is told the decimal and what YAML 1.1 reads, {@code 4.0} the integer, {@code 3e9} the bound it
     * passes, a number in quotes to lose them.
     *
     * @param text the text as written
     * @param min  the smallest integer the option's type holds
     * @param max  the largest integer the option's type holds
     * @return the advice, or {@code null} when the text does not look like a number
     */
    public static String integerAdvice(String text, long min, long max) {
        return readAsNumber(text) ? wholeNumberAdvice(text, min, max) : numberAdvice(text);
    }

    /**
     * What to write instead of a command-line text that {@link #readAsNumber} refuses, where it looks like a number:
     * {@code 010} is told the decimal and what YAML 1.1 reads, {@code 0x10} the decimal, a number in quotes to
     * lose them.
     *
     * @param text the text as written
     * @return the advice, or {@code null} when the text does not look like a number
     */
    public static String numberAdvice(String text) {
        boolean quoted = text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0);
        try {
            return advice(quoted ? text.substring(1, text.length() - 1) : text);
        } catch (NumberFormatException exponentPastTheRange) {
            return null;
        }
    }

    /**
     * For a whole number written with a point or exponent ({@code 5.}, {@code 1e3}) where an
     * integer is expected, the integer to write, or the bound it passes.
     *
     * @param written a decimal number as written ({@code 1_000.0}; {@code 1e-400}, which is not 0)
     * @param min     the smallest integer the key's type holds
     * @param max     the largest integer the key's type holds
     * @return the advice, or {@code null} when the number is not whole or its exponent is past the range of
     *         an int
     */
    public static String wholeNumberAdvice(String written, long min, long max) {
        BigDecimal v;
        try {
            v = new BigDecimal(written.replace("_", "")).stripTrailingZeros();
        } catch (NumberFormatException exponentPastTheRange) {
            return null;
        }
        if (v.scale() > 0) {
            return null;
        }
        String rule = "an integer is written without point or exponent";
        if (v.compareTo(BigDecimal.valueOf(max)) > 0) {
            return rule + ", and " + written + " is more than the largest allowed, " + max;
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0) {
            return rule + ", and " + written + " is less than the smallest allowed, " + min;
        }
        return rule + ": write " + v.toBigIntegerExact();
    }

    /** How a scalar that looks like a number was made text, as the advice names it. */
    enum TextForm {
        /** Written in quotes: {@code '2'}. */
        QUOTED("in quotes", "quotes"),
        /** Given YAML's tag of text: {@code !!str 2}. */
        TAGGED("tagged !!str", "the tag");

        private final String made;
        private final String without;

        TextForm(String made, String without) {
            this.made = made;
            this.without = without;
        }
    }

    private static String decimalAdvice(String text, TextForm form) {
        return "a number " + form.made + " is text: write " + text + " without " + form.without;
    }

    /**
     * A hint with the advice {@link #advice(String)} gave a decimal number told for a number tagged
     * {@code !!str} instead: where the tree an error was found in no longer says how its value was made text,
     * the place the value was written does.
     *
     * @param hint a problem's hint, or null
     * @return the hint with "without quotes" advice told as "without the tag"; other hints as they are
     */
    static String toldForTheTag(String hint) {
        if (hint == null) {
            return null;
        }
        String[] around = decimalAdvice("\0", TextForm.QUOTED).split("\0");
        Pattern quoted = Pattern.compile(Pattern.quote(around[0]) + "(\\S+)" + Pattern.quote(around[1]));
        return quoted.matcher(hint).replaceAll(m -> Matcher.quoteReplacement(decimalAdvice(m.group(1),
                TextForm.TAGGED)));
    }

    /**
     * What to write instead of a text found where a number was expected, when the text looks like a
     * number: {@code 0x10 is hexadecimal: write 16}; a decimal number written in quotes is told to lose them.
     *
     * @param text the text as written, without its quotes
     * @return the advice, or {@code null} when the text does not look like a number
     */
    static String advice(String text) {
        return advice(text, TextForm.QUOTED);
    }

    /**
     * What to write instead of a text found where a number was expected, as {@link #advice(String)} says it,
     * a decimal number being told to lose what made it text.
     *
     * @param text the text as written, without its quotes or tag
     * @param form how a decimal number among such texts was made text
     * @return the advice, or {@code null} when the text does not look like a number
     */
    static String advice(String text, TextForm form) {
        if (DECIMAL.matcher(text).matches()) {
            return decimalAdvice(text, form);
        }
        if (NOT_FINITE.matcher(text).matches()) {
            return "YAML's .nan and .inf are not accepted: write a finite number";
        }
        Matcher m = RADIX.matcher(text);
        if (m.matches()) {
            String name = switch (m.group(2)) {
                case "x" -> "hexadecimal";
                case "o" -> "octal";
                default -> "binary";
            };
            int radix = switch (m.group(2)) {
                case "x" -> 16;
                case "o" -> 8;
                default -> 2;
            };
            try {
                return text + " is " + name + ": numbers are decimal, write "
                        + new BigInteger(m.group(1) + m.group(3).replace("_", ""), radix);
            } catch (NumberFormatException notThatRadix) {
                return null;
            }
        }
        m = LEADING_ZERO.matcher(text);
        if (m.matches()) {
            String digits = text.replace("_", "");
            String decimal = new BigDecimal(digits).toPlainString();
            String advice = "numbers are decimal, without leading zeros: write " + decimal;
            if (m.group(2) == null && m.group(3) == null && digits.matches("[-+]?0[0-7]+")) {
                String octal = new BigInteger(m.group(1) + digits.replaceFirst("^[-+]?0", ""), 8).toString();
                if (!octal.equals(decimal)) {
                    advice += " (decimal) or " + octal + " (YAML 1.1 reads " + text + " as octal " + octal + ")";
                }
            }
            return advice;
        }
        m = SEXAGESIMAL.matcher(text);
        if (m.matches()) {
            BigDecimal value = BigDecimal.ZERO;
            for (String part : m.group(2).replace("_", "").split(":")) {
                value = value.multiply(BigDecimal.valueOf(60)).add(new BigDecimal(part));
            }
            if (m.group(3) != null && m.group(3).length() > 1) {
                value = value.add(new BigDecimal("0" + m.group(3).replace("_", "")));
            }
            return "YAML 1.1 reads " + text + " as base 60 (sexagesimal), Engram does not: write "
                    + m.group(1).replace("+", "") + value.toPlainString() + " if that is what you mean";
        }
        if (text.matches("[-+]?[0-9_.]*[0-9][0-9_.]*([eE][-+]?\\d+)?") && text.contains("_")) {
            return "an underscore may only stand between two digits: write " + text.replace("_", "");
        }
        return null;
    }

    /**
     * The number as written where a check found the number it reads as, and what it reads as where that is
     * another number: {@code 1e-400 (read as 0.0)}, which a check of {@code > 0} refuses; {@code 2.50e-1}, not
     * 0.25; {@code -1}, not -1.0. A unit after the number stays after it: {@code 1e-400 ms (read as 0.0 ms)}.
     *
     * @param found   what a check found: the number first, as Java shows a double or an integer, then
     *                optionally a space and more
     * @param written the number as written at the key the check is about, or null where not known
     * @return what to show as found
     */
    public static String asWritten(String found, String written) {
        BigDecimal exact = written == null || found == null ? null : decimal(written.replace("_", ""));
        if (exact == null) {
            return found;
        }
        int space = found.indexOf(' ');
        String number = space < 0 ? found : found.substring(0, space);
        BigDecimal shown = decimal(number);
        boolean same = shown != null && shown.compareTo(exact) == 0;
        if (!same && !number.equals(String.valueOf(exact.doubleValue()))) {
            return found;   // the check showed something other than the value read
        }
        String rest = found.substring(number.length());
        return same ? written + rest : written + rest + " (read as " + found + ")";
    }

    /**
     * A rule's text with the value of each key it names shown as written, as {@link #asWritten} shows a value
     * found: {@code a rate in [0, learning_rate = 0.0005]}, not 5.0E-4. A name in the rule stands for the
     * nearest key of that name around the refused one: beside it, else beside its entry or section, else at
     * the top level ({@code record.from_ms}'s rule names {@code duration_ms}). A name followed by its unit, ms,
     * stands for the key that carries the unit in its name where it has none itself: {@code dt = 0.1 ms} for
     * {@code dt_ms}.
     *
     * @param rule    what a check expected, or null
     * @param keyPath the key path of the value the check refused
     * @param number  a number as written at a key path, or null where not known
     * @return the rule, each value of a key as written where the config wrote it as another text of that number
     */
    public static String ruleAsWritten(String rule, String keyPath, Function<String, String> number) {
        if (rule == null || keyPath == null) {
            return rule;
        }
        Matcher named = NAMED_VALUE.matcher(rule);
        StringBuilder shown = new StringBuilder();
        while (named.find()) {
            String key = named.group(1);
            String unit = Objects.toString(named.group(3), "");
            String written = null;
            for (String around = SourceMap.parent(keyPath); around != null && written == null;
                 around = SourceMap.parent(around)) {
                String prefix = around.isEmpty() ? "" : around + ".";
                written = number.apply(prefix + key);
                if (written == null && !unit.isEmpty() && !key.endsWith("_ms")) {
                    written = number.apply(prefix + key + "_ms");
                }
            }
            named.appendReplacement(shown, Matcher.quoteReplacement(key + " = "
                    + asWritten(named.group(2), written) + unit));
        }
        return named.appendTail(shown).toString();
    }

    /** A decimal number's exact value, or null for another text ({@code Infinity}, an exponent past an int's). */
    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notADecimal) {
            return null;
        }
    }
}
