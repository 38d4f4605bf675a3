package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;

/**
 * The checks that the entries of a simulation config (populations, projections, plasticity rules,
 * inputs) share: a value an entry's type needs, a key its type does not read, and one check among
 * an entry's several, so that the entry's problems are reported together.
 */
final class EntryChecks {
    /** The key that names an entry's type, which decides what else the entry needs and reads. */
    private static final String TYPE = "type";
    private final String source;

    /**
     * @param source the config file's name, for messages
     */
    EntryChecks(String source) {
        this.source = source;
    }

    /**
     * Runs one check of an entry, recording its problem.
     *
     * @return the check's value, or null when it has a problem (added to {@code problems})
     */
    static <T> T collect(Supplier<T> check, List<ConfigException> problems) {
        try {
            return check.get();
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
    }

    /**
     * Refuses the keys of a rule or input spec that its type does not read (they would be dropped silently),
     * every one of them at once.
     *
     * @param spec the spec as written
     * @param keys the keys its type reads besides {@code type}
     * @param what the type, e.g. {@code rule all_to_all}
     * @param path the spec's key path
     */
    void rejectUnusedKeys(Record spec, List<String> keys, String what, String path) {
        rejectUnusedKeys(spec, keys, what, path, key -> null);
    }

    /**
     * Refuses the keys a spec's type does not read as {@link #rejectUnusedKeys(Record, List, String, String)}
     * does, telling of a key that another simulator names a quantity by what takes it here.
     *
     * @param otherName what to tell of a key another simulator names so, or null to say to remove it
     */
    void rejectUnusedKeys(Record spec, List<String> keys, String what, String path, UnaryOperator<String> otherName) {
        JsonNode given = ConfigLoader.mapper().valueToTree(spec);
        List<ConfigException> unused = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type") && !e.getValue().isNull() && !keys.contains(e.getKey())) {
                unused.add(ConfigException.against(TYPE, source, path + "." + e.getKey(), "no value (" + what + " uses "
                        + (keys.isEmpty() ? "no parameters" : String.join(", ", new TreeSet<>(keys)))
                        + ")", e.getValue().toString(), Objects.requireNonNullElse(otherName.apply(e.getKey()),
                        "remove the key")));
            }
        }
        if (!unused.isEmpty()) {
            throw ConfigException.all(unused);
        }
    }

    <T> T require(T value, String path, String what) {
        if (value == null) {
            throw missing(path, what, null);
        }
        return value;
    }

    /**
     * {@link #require} for a key that the entry's {@code type} needs, which only an override of the type
     * can have made wrong.
     *
     * @param value the value given, or null
     * @param path  its key path
     * @param what  the type that needs it, e.g. {@code rule fixed_in_degree}
     * @param <T>   the value's type
     * @return {@code value}
     * @throws ConfigException if it is null
     */
    <T> T requireForType(T value, String path, String what) {
        if (value == null) {
            throw missingForType(path, what);
        }
        return value;
    }

    /**
     * The error of a key the entry's {@code type} needs and the entry leaves out.
     *
     * @param path its key path
     * @param what the type that needs it, e.g. {@code plasticity pair_stdp}
     * @return the error, compared with the entry's {@code type}
     */
    ConfigException missingForType(String path, String what) {
        return missing(path, what, TYPE);
    }

    /** The error of a key left out that {@code what} needs, compared with the key {@code comparedWith}, or none. */
    private ConfigException missing(String path, String what, String comparedWith) {
        return ConfigException.against(comparedWith, source, path, "a value (" + what + " needs it)", "nothing", null);
    }
}
