package org.engram.experiments.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.simulator.EngramException;

/** The values of a {@code --name KEY=NAME} option, which {@code plot} and {@code compare} take. */
final class NameOption {
    private NameOption() {
    }

    /**
     * The names by key, in the order given. Split here rather than by picocli, whose message for a
     * value without '=' named its own internals ("option option '--name' ... KEY=VALUE format").
     *
     * @param command the command, for messages, e.g. {@code engram plot}
     * @param values  the option's values, e.g. {@code naive=Fine-tuning}
     * @param form    the form expected, for messages, e.g. {@code TAG=NAME, e.g. --name A+B='lambda 100'}
     * @return the names by key
     * @throws EngramException for a value without a key before '=', or a key given twice
     */
    static Map<String, String> byKey(String command, List<String> values, String form) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new EngramException(command, "--name", form, "'" + v + "'", null);
            }
            String key = v.substring(0, eq);
            String before = byKey.putIfAbsent(key, v.substring(eq + 1));
            if (before != null) {
                // Either name would be a guess at which the user meant.
                throw new EngramException(command, "--name " + key, "one name for " + key, "two: '" + before
                        + "' and '" + v.substring(eq + 1) + "'", null);
            }
        }
        return byKey;
    }
}
