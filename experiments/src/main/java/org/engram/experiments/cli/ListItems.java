package org.engram.experiments.cli;

import picocli.CommandLine;

/**
 * Checks an item of a flag that takes a comma-separated list. Such a flag splits at
 * {@code ",(?!$)"}, which leaves a trailing comma on the last item (a plain split at {@code ","}
 * drops the empty item after it), so that {@code 1,2,} is refused rather than read as {@code 1,2}.
 */
final class ListItems {
    private ListItems() {
    }

    /**
     * Refuses an empty item and one with the list's trailing comma.
     *
     * @param value the item as split
     * @param what  what an item is, e.g. {@code "a seed"}
     * @throws CommandLine.TypeConversionException if the item is empty or the list ends in a comma
     */
    static void requirePresent(String value, String what) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("expected " + what + ", found nothing (an empty list, or "
                    + "an empty item between commas)");
        }
        if (value.endsWith(",")) {
            throw new CommandLine.TypeConversionException("expected " + what + " after every comma, found a trailing "
                    + "comma");
        }
    }
}
