package org.engram.experiments.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Reads the paths of every option and parameter, saying what is wrong with an empty one or one the
 * system cannot name: Java took an empty path for the working folder, picocli's own message named
 * Java's exception, and a name such as {@code résultats} given to Java under the C locale (a batch
 * job's, a cron job's) did not say that the locale is the cause.
 */
final class PathConverter {
    private PathConverter() {
    }

    /**
     * Registers the converter of {@link Path} options and parameters on a command line and its
     * subcommands.
     *
     * @param cl the command line
     */
    static void register(CommandLine cl) {
        cl.registerConverter(Path.class, PathConverter::path);
    }

    static Path path(String value) {
        // Java reads "" as the working folder: engram run "$CONFIG" with CONFIG unset was told ": expected a
        // YAML file, found a folder", and engram plot '' looked for ./metrics.json (from a fuzz audit).
        EmptyValue.refuse(value, "a path");
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            String encoding = System.getProperty("sun.jnu.encoding", "unknown");
            // Under an ASCII locale Java has already turned each other character into '?' or U+FFFD.
            boolean unmappable = e.getReason().startsWith("Malformed input or input contains unmappable");
            throw new CommandLine.TypeConversionException("expected a path, found '" + value + "', " + (unmappable
                    ? "with characters that Java's file name encoding here (" + encoding + ", from the locale) cannot"
                    + " hold; run Java under a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (./engram does so under the C"
                    + " locale)" : "which no file can be named: " + e.getReason().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
