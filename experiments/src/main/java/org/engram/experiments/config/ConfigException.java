package org.engram.experiments.config;

import org.engram.simulator.EngramException;

/**
 * A configuration file or override that cannot be used: unknown key, wrong type, value out of
 * range, missing file. The message names the file, line and column where known, the key path,
 * what was expected and what was found, e.g.
 * {@code pmnist.yaml:14:9: network.layers[1].tau_m: expected a number > 0 (ms), found -5}.
 */
public class ConfigException extends EngramException {
    private static final long serialVersionUID = 1L;

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
    }

    /**
     * Creates an error whose message is not about one value (e.g. an unreadable file).
     *
     * @param message the message, naming the file
     * @param cause   the cause, or {@code null}
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
