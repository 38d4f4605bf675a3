package org.engram.experiments.cli;

import java.math.BigInteger;
import org.engram.experiments.config.NumberForms;
import picocli.CommandLine;

/**
 * Reads the numbers of every option, in the words of Engram's other messages: picocli's own say
 * "'1.5' is not an int", naming a Java type rather than what to write.
 */
final class NumberConverters {
    private NumberConverters() {
    }

    /**
     * Registers the converters of {@code int} and {@code double} options on a command line and the
     * subcommands it has.
     *
     * @param cl the command line
     */
    static void register(CommandLine cl) {
        CommandLine.ITypeConverter<Integer> integer = NumberConverters::integer;
        CommandLine.ITypeConverter<Double> number = NumberConverters::number;
        cl.registerConverter(Integer.class, integer);
        cl.registerConverter(int.class, integer);
        cl.registerConverter(Double.class, number);
        cl.registerConverter(double.class, number);
    }

    static Integer integer(String value) {
        EmptyValue.refuse(value, "an integer");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            if (isWhole(value)) {
                // Past the int range on one side only: naming the whole range would offer negative values
                // to an option that counts something; the YAML reader words it the same way.
                throw new CommandLine.TypeConversionException(value.startsWith("-")
                        ? "expected an integer >= " + Integer.MIN_VALUE + ", found " + value
                        : "expected an integer <= " + Integer.MAX_VALUE + ", found " + value);
            }
            // 4.0 or 3e9: the integer to write, or the bound it passes, as a config's integer key is told.
            String advice = NumberForms.wholeNumberAdvice(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            throw new CommandLine.TypeConversionException("expected an integer, found '" + value + "'"
                    + (advice == null ? "" : "; " + advice));
        }
    }

    static Double number(String value) {
        EmptyValue.refuse(value, "a number");
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("expected a number, found '" + value + "'");
        }
    }

    private static boolean isWhole(String value) {
        try {
            new BigInteger(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
