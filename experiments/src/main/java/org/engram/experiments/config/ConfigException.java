package org.engram.experiments.config;

import java.util.List;
import org.engram.simulator.EngramException;

/**
 * A configuration file or override that cannot be used: unknown key, wrong type, value out of
 * range, missing file. The message names the file, line and column where known, the key path,
 * what was expected and what was found, e.g.
 * {@code pmnist.yaml:14:9: network.layers[1].tau_m: expected a number > 0 (ms), found -5}.
 */
public class ConfigException extends EngramException {
    private static final long serialVersionUID = 1L;

    /** The single problems this error stands for: several when made by {@link #all}, else none (itself). */
    private final List<ConfigException> problems;

    /**
     * Creates the error.
     *
     * @param where    file, with {@code :line:column} when known
     * @param keyPath  the key path, e.g. {@code populations[0].size}
     * @param expected the rule
     * @param found    the value found
     * @param hint     a suggestion such as {@code did you mean 'tau_m'?}, or {@code null}
     */
    public ConfigException(String where, String keyPath, String expected, String found, String hint) {
        super(where, keyPath, expected, found, hint);
        this.problems = List.of();
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
    }

    private ConfigException(List<ConfigException> problems) {
        super(listed(problems), null);
        this.problems = List.copyOf(problems);
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
     * @return the single problems of this error, each with its own location: this error alone, or
     *         those it was made of by {@link #all}
     */
    public List<ConfigException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }
}
