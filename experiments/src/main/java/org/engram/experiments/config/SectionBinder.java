package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Binds each top-level key of a config, and each entry of a top-level list of sections, on its
 * own, so that the problems of several are reported together: binding the whole config stops at
 * the first. Within a section an unknown key or a wrong type still stops the section; the values
 * its record checks are all reported (see {@link org.engram.simulator.Problems}).
 */
final class SectionBinder {
    private SectionBinder() {
    }

    /**
     * Binds every top-level key and list entry that holds no problem yet, adding what it finds.
     *
     * @param tree     the config as a mapping
     * @param type     the record type the mapping describes
     * @param where    locates key paths for messages
     * @param problems the problems found so far (a key holding one is left alone); added to
     */
    static void bindApart(ObjectNode tree, Class<?> type, StrategyParams.Locator where,
                          List<ConfigException> problems) {
        List<ConfigException> earlier = List.copyOf(problems);
        List<String> known = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = ConfigLayers.snakeCase(rc.getName());
            known.add(key);
            JsonNode child = tree.get(key);
            if (child == null || holdsOne(key, earlier)) {
                continue;
            }
            Class<?> element = ConfigLayers.recordElement(rc.getGenericType());
            if (element != null && child.isArray()) {
                for (int i = 0; i < child.size(); i++) {
                    String at = key + "[" + i + "]";
                    if (!holdsOne(at, earlier)) {
                        bind(child.get(i), ConfigLoader.mapper().constructType(element), at, where, problems);
                    }
                }
            } else {
                bind(child, ConfigLoader.mapper().constructType(rc.getGenericType()), key, where, problems);
            }
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key) && !holdsOne(key, earlier)) {
                problems.add(ConfigLoader.unknownKey(where.locate(key), key, key, known));
            }
        }
    }

    /** Whether one of {@code problems} is about {@code keyPath} or a key under it. */
    private static boolean holdsOne(String keyPath, List<ConfigException> problems) {
        for (ConfigException p : problems) {
            for (ConfigException one : p.problems()) {
                String at = one.location() == null ? "" : one.location();
                if (at.equals(keyPath) || at.startsWith(keyPath + ".") || at.startsWith(keyPath + "[")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void bind(JsonNode node, JavaType type, String keyPath, StrategyParams.Locator where,
                             List<ConfigException> problems) {
        try {
            ConfigLoader.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            problems.add(ConfigLoader.translateAt(e, keyPath, where));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException(where.locate(keyPath) + ": " + keyPath + ": " + e.getMessage(), e));
        }
    }
}
