package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.Suggestions;

/**
 * The keys of a config that {@link ConfigLoader#load(java.nio.file.Path, List, Class, List)} left out for
 * their problems (a wrong type, an unknown key; already reported), so that the caller's checks of the
 * rest can run without them: a check of a left-out key, or of a key under one, is not reported.
 *
 * <p>An unknown key close to a known one of its mapping (a typo, {@code weigth}), or another
 * simulator's name of one ({@code prob} for a rule's {@code p}), stands in for that key, which is left
 * out too, unless it is written beside it: it is not reported missing. A list entry's key is given by its key,
 * not by an index within its value ({@code rule.sources}, not {@code rule.sources[2]}).
 *
 * @param keys the key paths left out, e.g. {@code projections[1].weight}, in the order found
 */
public record LeftOutKeys(List<String> keys) {
    /** No key left out. */
    public static final LeftOutKeys NONE = new LeftOutKeys(List.of());

    /**
     * Keeps an unmodifiable copy of the keys.
     *
     * @param keys the key paths left out
     */
    public LeftOutKeys {
        keys = List.copyOf(keys);
    }

    /**
     * The keys a config's binding problems leave out.
     *
     * @param type     the config's record type
     * @param problems the problems found by binding it (those made by {@link ConfigException#all} are
     *                 taken apart); a problem without a key path leaves out the whole config, {@code ""}
     * @param tree     the config as written: an unknown key stands for a known one only where that
     *                 one is not written beside it ({@code weigth} beside {@code weight: -1} leaves the
     *                 weight to be checked)
     * @return the keys
     */
    public static LeftOutKeys of(Class<?> type, List<ConfigException> problems, JsonNode tree) {
        List<String> keys = new ArrayList<>();
        for (ConfigException problem : problems) {
            for (ConfigException one : problem.problems()) {
                String key = one.location() == null ? "" : keyOf(one.location());
                keys.add(key);
                String parent = SourceMap.parent(key);
                Class<?> mapping = parent == null ? null : recordAt(type, parent);
                String name = parent == null ? "" : parent.isEmpty() ? key : key.substring(parent.length() + 1);
                if (mapping != null && ConfigLayers.component(mapping, name) == null) {
                    String meant = meantKey(mapping, name);
                    String meantPath = meant == null || parent.isEmpty() ? meant : parent + "." + meant;
                    boolean writtenBeside = meant != null && !at(tree, meantPath).isMissingNode();
                    if (meant != null && !writtenBeside) {
                        keys.add(meantPath);
                    }
                }
            }
        }
        return new LeftOutKeys(keys.stream().distinct().toList());
    }

    /**
     * The key an unknown key stands for: the closest by spelling ({@code weigth}: {@code weight}),
     * else the one that takes what another simulator's name means ({@code prob}: {@code p}, {@link
     * KeysByType.Keys#keyFor}), which the unknown key's message names; null when neither is known.
     */
    private static String meantKey(Class<?> mapping, String name) {
        String closest = Suggestions.closest(name, ConfigLayers.keysOf(mapping));
        KeysByType mark = mapping.getAnnotation(KeysByType.class);
        return closest != null || mark == null ? closest : SectionBinder.instance(mark.value()).keyFor(name);
    }

    /**
     * {@return whether it is a left-out key or lies under one: a check of it needs a value that is not there}
     *
     * @param keyPath a key path
     */
    public boolean covers(String keyPath) {
        for (String key : keys) {
            if (SectionBinder.within(keyPath, key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return whether a left-out key is it or lies under it: what is there is not all the file says}
     *
     * @param keyPath a key path, e.g. of a list entry {@code projections[0]}
     */
    public boolean within(String keyPath) {
        for (String key : keys) {
            if (SectionBinder.within(key, keyPath)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problems a left-out key does not cover, for checks made after the config was read.
     *
     * @param problems the problems found by those checks (those made by {@link ConfigException#all}
     *                 are taken apart)
     * @return the single problems to report, in order
     */
    public List<ConfigException> kept(List<ConfigException> problems) {
        List<ConfigException> kept = new ArrayList<>();
        for (ConfigException problem : problems) {
            for (ConfigException one : problem.problems()) {
                if (one.location() == null || !covers(one.location())) {
                    kept.add(one);
                }
            }
        }
        return kept;
    }

    /**
     * @param keyPath a key path
     * @return the key it is or lies in, without the indices that end it ({@code rule.sources[2]}: {@code rule.sources})
     */
    static String keyOf(String keyPath) {
        String key = keyPath;
        while (key.endsWith("]") && key.lastIndexOf('[') >= 0) {
            key = key.substring(0, key.lastIndexOf('['));
        }
        return key;
    }

    /** {@return the node at a key path of a config's tree, a missing node where it holds none} */
    static JsonNode at(JsonNode tree, String keyPath) {
        JsonNode node = tree;
        for (String part : parts(keyPath)) {
            node = part.startsWith("[") ? node.path(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : node.path(part);
        }
        return node;
    }

    /**
     * @param keyPath a key path, e.g. {@code record.state[0].neurons}
     * @return its keys and indices, e.g. {@code record}, {@code state}, {@code [0]}, {@code neurons};
     *         none for {@code ""}
     */
    private static String[] parts(String keyPath) {
        return keyPath.isEmpty() ? new String[0] : keyPath.split("\\.|(?=\\[)");
    }

    /**
     * The record type of the mapping at a key path of a config.
     *
     * @param type    the config's record type
     * @param keyPath a key path, {@code ""} for the config itself
     * @return the record type, or null when the path leads to no record (an unknown key, a scalar, a map)
     */
    static Class<?> recordAt(Class<?> type, String keyPath) {
        Class<?> current = type;
        Class<?> element = null;   // the entries' record type, once a list of them is reached
        for (String part : parts(keyPath)) {
            if (part.startsWith("[")) {
                current = element;
                element = null;
                continue;
            }
            RecordComponent rc = current == null || element != null ? null : ConfigLayers.component(current, part);
            if (rc == null) {
                return null;
            }
            element = ConfigLayers.recordElement(rc.getGenericType());
            current = element == null && rc.getType().isRecord() ? rc.getType() : null;
            if (element == null && current == null) {
                return null;
            }
        }
        return element == null ? current : null;
    }
}
