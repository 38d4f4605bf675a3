package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Binds each key of a config on its own, at every depth, so that the problems of several are
 * reported together: binding the whole config stops at the first. A mapping (a section, a list
 * entry) is bound as a whole, which runs its record's own checks (all reported, see
 * {@link org.engram.simulator.Problems}), once each of its keys bound on its own.
 */
final class SectionBinder {
    private SectionBinder() {
    }

    /**
     * Binds every key and list entry of a config that holds no problem yet, adding what it finds;
     * the config as a whole is left to the caller.
     *
     * @param tree     the config as a mapping
     * @param type     the record type the mapping describes
     * @param where    locates key paths for messages
     * @param problems the problems found so far (a key holding one is left alone); added to
     */
    static void bindApart(ObjectNode tree, Class<?> type, StrategyParams.Locator where,
                          List<ConfigException> problems) {
        bindKeys(tree, type, "", where, List.copyOf(problems), problems);
    }

    /**
     * Binds each key of a mapping on its own, and reports each unknown key; a section or list
     * entry is entered even when an earlier problem lies within it, so that its other keys are
     * checked too.
     *
     * @return whether every known key bound (unknown keys do not count: the rest binds without them)
     */
    private static boolean bindKeys(ObjectNode node, Class<?> type, String path, StrategyParams.Locator where,
                                    List<ConfigException> earlier, List<ConfigException> problems) {
        int before = problems.size();
        List<String> known = ConfigLayers.keysOf(type);
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = ConfigLayers.snakeCase(rc.getName());
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode child = node.get(key);
            if (child == null || rc.getAccessor().isAnnotationPresent(JsonDeserialize.class) || !known.contains(key)) {
                // A key with a reader of its own (neurons: all) is read, and refused, with its record; one a
                // config does not write is an unknown key.
                continue;
            }
            Class<?> element = ConfigLayers.recordElement(rc.getGenericType());
            if (element != null && child.isArray()) {
                for (int i = 0; i < child.size(); i++) {
                    String entry = at + "[" + i + "]";
                    if (child.get(i).isNull() && !ConfigException.anyWithin(entry, earlier)) {
                        // Bound, an empty entry is null, which the list's record refused with no key to name.
                        problems.add(ConfigLayers.emptyValue(entry, where));
                    } else {
                        bindValue(child.get(i), element, entry, where, earlier, problems);
                    }
                }
            } else {
                bindValue(child, rc.getGenericType(), at, where, earlier, problems);
            }
        }
        boolean bound = problems.size() == before;
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            String at = path.isEmpty() ? key : path + "." + key;
            if (!known.contains(key) && !ConfigException.anyWithin(at, earlier)) {
                problems.add(unknownKey(node, type, known, key, where.locate(at), at));
            }
        }
        return bound;
    }

    /**
     * A key the record does not have: told the keys of the mapping's {@code type} when the record
     * marks them ({@link KeysByType}) and the type is known, else every key of the record.
     */
    private static ConfigException unknownKey(ObjectNode node, Class<?> type, List<String> known, String key,
                                              String where, String at) {
        KeysByType mark = type.getAnnotation(KeysByType.class);
        JsonNode typeName = node.get("type");
        if (mark != null && typeName != null && typeName.isTextual()) {
            KeysByType.Keys keys = instance(mark.value());
            List<String> ofType = keys.of(typeName.asText());
            if (ofType != null) {
                List<String> read = new ArrayList<>(ofType);
                read.add("type");
                return YamlErrors.keyTheTypeIgnores(where, at, key, read, keys.hintFor(typeName.asText(), key));
            }
        }
        return YamlErrors.unknownKey(where, at, key, known);
    }

    /**
     * Binds a value: a mapping of a record type key by key, then, if its known keys bound and no
     * earlier problem lies within it, as a whole without its unknown keys (which runs the record's
     * checks); anything else at once, unless an earlier problem is about it.
     */
    private static void bindValue(JsonNode node, Type type, String path, StrategyParams.Locator where,
                                  List<ConfigException> earlier, List<ConfigException> problems) {
        if (isAbout(path, earlier)) {
            return;   // refused as a whole (a section no config reads): what is inside does not matter
        }
        if (type instanceof Class<?> c && c.isRecord() && node.isObject() && takenAsWritten(c, (ObjectNode) node)) {
            bind(node, ConfigLoader.mapper().constructType(type), path, where, problems);
            return;
        }
        if (type instanceof Class<?> c && c.isRecord() && node.isObject()) {
            if (bindKeys((ObjectNode) node, c, path, where, earlier, problems)
                    && !holdsOneBesidesUnknownKeys(path, c, earlier)) {
                bind(withoutUnknownKeys((ObjectNode) node, c), ConfigLoader.mapper().constructType(type), path, where,
                        problems);
            }
            return;
        }
        if (ConfigException.anyWithin(path, earlier)) {
            return;
        }
        List<ConfigException> whole = new ArrayList<>();
        bind(node, ConfigLoader.mapper().constructType(type), path, where, whole);
        Type item = listItem(type);
        if (whole.isEmpty() || item == null || !node.isArray()) {
            problems.addAll(whole);
            return;
        }
        // Bound whole, a list stops at its first bad item; bound one by one, every bad item is named
        // (seeds: [2.5, 3.5]). Binding whole first spares a long list that binds (spike times) the item-by-item cost.
        int before = problems.size();
        for (int i = 0; i < node.size(); i++) {
            bindValue(node.get(i), item, path + "[" + i + "]", where, earlier, problems);
        }
        if (problems.size() == before) {
            problems.addAll(whole);   // a problem of the list as a whole, not of an item
        }
    }

    /** The type of a list's or array's items ({@code List<Long>}: Long; {@code double[]}: double), or null. */
    private static Type listItem(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> c && c.isArray() ? c.getComponentType() : null;
    }

    /** Whether a mapping of a record type is handed whole to the record's creator ({@link TakenAsWritten}). */
    private static boolean takenAsWritten(Class<?> type, ObjectNode node) {
        TakenAsWritten mark = type.getAnnotation(TakenAsWritten.class);
        if (mark == null) {
            return false;
        }
        return instance(mark.when()).test(node);
    }

    /** An instance of a class a config record's annotation names, made with its no-argument constructor. */
    static <T> T instance(Class<T> named) {
        try {
            return named.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + named.getName(), e);
        }
    }

    /** @return the mapping, or a copy without the keys the record type does not read */
    static ObjectNode withoutUnknownKeys(ObjectNode node, Class<?> type) {
        List<String> known = ConfigLayers.keysOf(type);
        ObjectNode copy = node.deepCopy();
        copy.retain(known);
        return copy;
    }


    /**
     * Whether a problem lies within a mapping other than an unknown key of it, which binding the
     * mapping without its unknown keys leaves out.
     */
    static boolean holdsOneBesidesUnknownKeys(String path, Class<?> type, List<ConfigException> problems) {
        List<String> known = ConfigLayers.keysOf(type);
        for (ConfigException p : problems) {
            for (ConfigException one : p.problems()) {
                String at = one.location() == null ? "" : one.location();
                if (!within(at, path)) {
                    continue;
                }
                String rest = at.equals(path) ? "" : at.substring(path.isEmpty() ? 0 : path.length() + 1);
                String key = rest.split("[.\\[]", 2)[0];
                if (rest.isEmpty() || known.contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return whether one of the problems is about the key itself, not a key under it */
    private static boolean isAbout(String keyPath, List<ConfigException> problems) {
        for (ConfigException p : problems) {
            for (ConfigException one : p.problems()) {
                if (keyPath.equals(one.location())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param keyPath a key path
     * @param key     another
     * @return whether the first is the second or lies under it ({@code a.b}, {@code a[0]} under {@code a})
     */
    static boolean within(String keyPath, String key) {
        return keyPath.equals(key) || keyPath.startsWith(key + ".") || keyPath.startsWith(key + "[");
    }

    /**
     * Converts a node standing at {@code keyPath} into a type; a mapping of a record type key by
     * key first, so that all its unknown keys and wrong types are reported, then as a whole, which
     * runs its record's checks (all reported too).
     *
     * @param node    the node, e.g. a model's or strategy's {@code params} mapping
     * @param type    the type to convert it to
     * @param keyPath where it stands, e.g. {@code populations[0].params}
     * @param where   locates key paths for messages
     * @param <T>     the type
     * @return the value
     * @throws ConfigException naming every problem found
     */
    static <T> T convert(JsonNode node, Class<T> type, String keyPath, StrategyParams.Locator where) {
        List<ConfigException> problems = new ArrayList<>();
        boolean mapping = type.isRecord() && node.isObject();
        if (mapping && !bindKeys((ObjectNode) node, type, keyPath, where, List.of(), problems)) {
            throw ConfigException.all(problems);
        }
        T value = bind(mapping ? withoutUnknownKeys((ObjectNode) node, type) : node,
                ConfigLoader.mapper().constructType(type), keyPath, where, problems);
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        return value;
    }

    /**
     * Binds a node standing at {@code keyPath}, adding its problems, if any.
     *
     * @param node     the node
     * @param type     the type to bind it to
     * @param keyPath  where it stands ({@code ""}: the whole config)
     * @param where    locates key paths for messages
     * @param problems added to
     * @param <T>      the type
     * @return the value, or null when a problem was added
     */
    static <T> T bind(JsonNode node, JavaType type, String keyPath, StrategyParams.Locator where,
                      List<ConfigException> problems) {
        try {
            return ConfigLoader.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            problems.add(YamlErrors.translateAt(e, keyPath, where));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException(where.locate(keyPath) + ": " + keyPath + ": " + e.getMessage(), e));
        }
        return null;
    }
}
