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

    /**
     * Reads an int option as a config reads an integer key: {@code --threads 010} is refused, as
     * {@code threads: 010} is (YAML 1.1 reads it as octal 8), rather than taken as 10.
     */
    static Integer integer(String value) {
        EmptyValue.refuse(value, "an integer");
        if (!NumberForms.isInteger(value)) {
            // 4.0 or 3e9: the integer to write, or the bound it passes; 010: the decimal, as a config's key is told.
            String advice = NumberForms.integerAdvice(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            throw new CommandLine.TypeConversionException("expected an integer, found '" + value + "'"
                    + (advice == null ? "" : "; " + advice));
        }
        BigInteger whole = new BigInteger(value.replace("_", ""));
        if (whole.bitLength() >= Integer.SIZE) {
            // Past the int range on one side only: naming the whole range would offer negative values
            // to an option that counts something; the YAML reader words it the same way.
            throw new CommandLine.TypeConversionException(whole.signum() < 0
                    ? "expected an integer >= " + Integer.MIN_VALUE + ", found " + value
                    : "expected an integer <= " + Integer.MAX_VALUE + ", found " + value);
        }
        return whole.intValue();
    }

    /**
     * Reads a number option as a config reads a number key: {@code --duration-ms 010} is refused, as
     * {@code duration_ms: 010} is, and so are Java's own forms {@code 0x1p3}, {@code 5d} and {@code NaN}.
     */
    static Double number(String value) {
        EmptyValue.refuse(value, "a number");
        if (!NumberForms.readAsNumber(value)) {
            String advice = NumberForms.numberAdvice(value);
            throw new CommandLine.TypeConversionException("expected a number, found '" + value + "'"
                    + (advice == null ? "" : "; " + advice));
        }
        return Double.valueOf(value.replace("_", ""));
    }
}
