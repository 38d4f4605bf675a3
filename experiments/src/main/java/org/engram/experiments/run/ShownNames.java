package org.engram.experiments.run;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.engram.simulator.EngramException;

/**
 * Names of one's own ({@code --name KEY=NAME}) that figures and tables show for strategy labels or
 * run tags, which must name a file or folder and so are short ASCII: e.g. {@code EWC (λ = 100)}
 * for {@code ewc}. A name is one line (an entry of a legend or a row of a table) and tells its key
 * apart from the others: it is neither another key left as it is nor another key's name.
 */
final class ShownNames {
    private ShownNames() {
    }

    /**
     * The names given for some of the keys.
     *
     * @param names every name given, by key
     * @param keys  the keys wanted
     * @return the names of those keys, in the order given
     */
    static Map<String, String> of(Map<String, String> names, List<String> keys) {
        Map<String, String> of = new LinkedHashMap<>(names);
        of.keySet().retainAll(keys);
        return of;
    }

    /**
     * Refuses a name for a key that does not exist.
     *
     * @param command  the command, for messages, e.g. {@code plot}
     * @param names    the names by key
     * @param known    whether a key exists
     * @param expected what a key must be, e.g. {@code the label of one of the run's strategies [naive, ewc]}
     * @throws EngramException naming the first unknown key
     */
    static void requireKnown(String command, Map<String, String> names, Predicate<String> known,
                             String expected) {
        for (String key : names.keySet()) {
            if (!known.test(key)) {
                throw new EngramException(command, "--name " + key, expected, "'" + key + "'", null);
            }
        }
    }

    /**
     * Refuses an empty name, one of several lines or with tabs or other control characters, and one
     * that another key shows, as its name or as itself (left without one), also when they differ
     * only in spaces: two entries of a legend would look alike.
     *
     * @param command the command, for messages
     * @param names   the names of some of the keys
     * @param keys    every key of their kind
     * @param noun    what a key is, for messages, e.g. {@code tag} or {@code strategy}
     * @throws EngramException naming the key and the name
     */
    static void requireDistinct(String command, Map<String, String> names, List<String> keys, String noun) {
        // Each name as a legend shows it, to the key and name (or key left as it is) that show it.
        Map<String, Map.Entry<String, String>> shownBy = new HashMap<>();
        keys.stream().filter(k -> !names.containsKey(k)).forEach(k -> shownBy.put(asShown(k), Map.entry(k, k)));
        for (Map.Entry<String, String> e : names.entrySet()) {
            String name = e.getValue();
            if (asShown(name).isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
                // A row of a table and an entry of a legend hold one line, which a tab would stretch.
                throw new EngramException(command, "--name " + e.getKey(), "a name of one line, without tabs or "
                        + "other control characters", name.isEmpty() ? "an empty one" : asShown(name)
                        .isEmpty() ? "only spaces" : "'" + name.replace("\n", "\\n").replace("\r", "\\r")
                        .replace("\t", "\\t") + "'", null);
            }
            Map.Entry<String, String> other = shownBy.putIfAbsent(asShown(name), e);
            if (other != null) {
                throw new EngramException(command, "--name " + e.getKey(), "a name no other " + noun + " has",
                        "'" + name + "', the name of " + other.getKey() + (other.getValue().equals(name) ? ""
                        : " but for spaces"), null);
            }
        }
    }

    /** A name as a legend shows it: spaces (no-break ones too) at its ends gone, those within as one. */
    private static String asShown(String name) {
        return name.replaceAll("[\\s\\p{Z}]+", " ").strip();
    }
}
