package org.engram.experiments.cli;

import org.engram.experiments.config.NumberForms;
import picocli.CommandLine;

/**
 * Reads a hidden layer size of {@code bench train --hidden} as a config reads a whole number of an int key
 * ({@link NumberForms#integer(String, String, long, long)}); whether it is at least 1 is the command's check.
 */
final class LayerSizeConverter implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        ListItems.requirePresent(value, "a layer size");
        long size;
        try {
            size = NumberForms.integer(value, "a layer size", Integer.MIN_VALUE, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (size != (int) size) {
            throw new CommandLine.TypeConversionException("expected a layer size of at most " + Integer.MAX_VALUE
                    + " neurons, found " + value);
        }
        return (int) size;
    }
}
