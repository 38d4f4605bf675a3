package org.engram.experiments.config;

import java.util.regex.Pattern;

/**
 * The names that may name a file or folder on every system: experiment, population and strategy
 * names and run ids. No spaces, slashes or other characters that need quoting in a shell.
 */
public final class PlainName {
    /**
     * The longest name: a label enters file names such as {@code accuracy_matrix_<label>.svg}, which
     * most file systems cap at 255 bytes, and a name of hundreds of characters is a mistake.
     */
    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    /** What {@link #matches} accepts, for error messages. */
    public static final String RULE = "a name of at most " + MAX_LENGTH + " ASCII letters, digits, '.', '_' or '-'"
            + " starting with a letter or digit";

    private PlainName() {
    }

    /**
     * Whether a text is a plain name.
     *
     * @param name the text, or {@code null}
     * @return whether it is non-null and matches {@link #RULE}
     */
    public static boolean matches(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * A text that failed {@link #matches}, as an error message shows it: quoted, so that spaces
     * show, or said in words when there is nothing to quote.
     *
     * @param name the text, or {@code null}
     * @return e.g. {@code 'a b'}, {@code an empty name} or {@code nothing}
     */
    public static String shown(String name) {
        return name == null ? "nothing" : name.isEmpty() ? "an empty name" : "'" + name + "'";
    }
}
