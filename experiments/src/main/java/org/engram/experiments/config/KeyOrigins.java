package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each key of a config came from: the last {@code --set} or flag that wrote it or a key
 * around it, else its place in the file. Messages then blame a bad value on what gave it.
 */
final class KeyOrigins implements StrategyParams.Locator {
    /**
     * An override or flag that wrote a key path, replacing whatever the file had there and below.
     *
     * @param keyPath  the key path it wrote
     * @param text     how messages name it, e.g. {@code --set training.epochs=0}
     * @param override the override, or null for a flag
     */
    private record Origin(String keyPath, String text, SetOverride override) {
    }

    private final SourceMap source;
    private final List<Origin> origins = new ArrayList<>();

    /** @param source the positions of the file's keys */
    KeyOrigins(SourceMap source) {
        this.source = source;
    }

    /**
     * Records that an override or flag wrote a key path; later ones answer before earlier ones.
     *
     * @param keyPath the key path written
     * @param text    how messages name the override or flag
     */
    void wrote(String keyPath, String text) {
        origins.add(new Origin(keyPath, text, null));
    }

    /**
     * Records that a command-line option set a key over the file and the overrides, with its value as written:
     * {@code --duration-ms 5e1} writes {@code duration_ms} as {@code 5e1}.
     *
     * @param keyPath the key path written
     * @param option  the option, as messages name it
     * @param value   the option's value as the command line wrote it
     */
    void wrote(String keyPath, String option, String value) {
        origins.add(new Origin(keyPath, option, SetOverride.parse(keyPath + "=" + value)));
    }

    /**
     * The origins of a config read with {@code --set} overrides, applied again to a copy of the
     * file's tree so that an entry named by its label ({@code populations[exc]}) has its index.
     *
     * @param source    the positions of the file's keys
     * @param text      the file's text, which the overrides were applied over
     * @param overrides {@code key=value} texts, as applied
     * @return the origins
     * @throws RuntimeException if the text is no longer the config the overrides were applied over
     */
    static KeyOrigins of(SourceMap source, String text, List<String> overrides) {
        KeyOrigins origins = new KeyOrigins(source);
        JsonNode tree;
        try {
            tree = ConfigLoader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config read before no longer parses", e);
        }
        ExtensionKeys.remove((ObjectNode) tree);
        origins.applyAll(overrides, (ObjectNode) tree);
        return origins;
    }

    /**
     * Where a problem that the file does not place sorts: after every place in the file, those of
     * overrides in the order the overrides were given, then the others.
     *
     * @param source    the problem's source, e.g. {@code --set training.epochs=0}
     * @param overrides the {@code --set} texts in the order given
     * @return a sort key above every file position's
     */
    static long sortKey(String source, List<String> overrides) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (SetOverride.named(overrides.get(i)).equals(source)) {
                return (1L << 62) + i;
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Applies {@code --set} overrides to a config's tree, in order, recording each.
     *
     * @param overrides {@code key=value} texts
     * @param tree      the tree of the whole config
     * @throws ConfigException if an override is not {@code key=value} or does not fit the tree
     */
    void applyAll(List<String> overrides, ObjectNode tree) {
        for (String o : overrides) {
            SetOverride override = SetOverride.parse(o);
            origins.add(new Origin(override.applyTo(tree), SetOverride.named(o), override));
        }
    }

    /**
     * The last override or flag that wrote a key or an enclosing key, else the key's place in the
     * file: an override of {@code network.hidden} answers for {@code network.hidden[0]} even though
     * the file has a {@code network.hidden[0]} of its own. A key the file does not write, made by
     * an override of a key inside it ({@code --set netwrk.hidden=[10]} makes {@code netwrk}), is
     * that override's, and so is a key missing from what an override made: {@code --set
     * strategies[4].params.lambda=100} appends a strategy, whose missing {@code name} is its.
     */
    @Override
    public String locate(String keyPath) {
        String override = overrideOf(keyPath);
        if (override != null) {
            return override;
        }
        // Up through the keys the file does not write: the override that made the nearest of them.
        for (String p = keyPath; p != null && !source.contains(p); p = SourceMap.parent(p)) {
            for (int i = origins.size() - 1; i >= 0; i--) {
                String written = origins.get(i).keyPath();
                if (written.startsWith(p + ".") || written.startsWith(p + "[")) {
                    return origins.get(i).text();
                }
            }
        }
        return source.locate(keyPath);
    }

    /** A value an override wrote is tagged as the override's text tags it, whatever the file tagged there. */
    @Override
    public boolean taggedText(String keyPath) {
        Origin origin = originOf(keyPath);
        if (origin == null) {
            return source.taggedText(keyPath);
        }
        return origin.override() != null && origin.override().tagsText(keyPath.substring(origin.keyPath().length()));
    }

    /** A number an override wrote is as the override's text writes it, whatever the file wrote there. */
    @Override
    public String numberAsWritten(String keyPath) {
        Origin origin = originOf(keyPath);
        if (origin == null) {
            return source.numberAsWritten(keyPath);
        }
        return origin.override() == null ? null
                : origin.override().numberAsWritten(keyPath.substring(origin.keyPath().length()));
    }

    /**
     * A conflict the file does not hold by itself is the override's that made it: {@code --set
     * tasks.classes_per_task=3} against the file's {@code tasks.count: 5} is that override's.
     */
    @Override
    public String locateConflict(String keyPath, String... others) {
        if (overrideOf(keyPath) == null) {
            for (String key : others) {
                String override = overrideOf(key);
                if (override != null) {
                    return override;
                }
            }
        }
        return locate(keyPath);
    }

    /**
     * The last override that wrote another key of the entry a key belongs to, at any depth, when none
     * wrote the key itself: a value of the file can be refused for what an override set beside it
     * ({@code v_reset} against an overridden {@code v_th}, a key that an overridden {@code type}
     * ignores, a weight against an overridden {@code plasticity.w_max}). Where the refusal names the
     * key it compares the value with, only an override of that key or of a part of the value counts: one
     * of {@code a_plus} is no cause of a {@code w_max} refused against {@code w_min}, nor one of the
     * weight of a delay refused against the step, but one of the delay distribution's bound is.
     *
     * @param keyPath      the refused key
     * @param comparedWith the key of the entry the refusal compares the value with, or null when not known
     * @return how messages name that override, or null when none wrote beside the key
     */
    String overrideBeside(String keyPath, String comparedWith) {
        String parent = SourceMap.parent(keyPath);
        if (parent == null || parent.isEmpty() || overrideOf(keyPath) != null) {
            return null;
        }
        if (comparedWith != null) {
            // An override of a part of the value itself (a delay distribution's bound) is a cause still.
            String part = lastWroteUnder(keyPath);
            return part != null ? part : overrideOf(parent + "." + comparedWith);
        }
        for (int i = origins.size() - 1; i >= 0; i--) {
            if (SectionBinder.within(origins.get(i).keyPath(), parent)) {
                return origins.get(i).text();
            }
        }
        return null;
    }

    /**
     * The last override or flag that wrote a key under a key, as a delay distribution's bound is under
     * the delay.
     *
     * @param keyPath a key path with list indices, e.g. {@code projections[0].delay_ms}
     * @return how messages name it, or null when none wrote under the key
     */
    private String lastWroteUnder(String keyPath) {
        List<String> under = wroteAtOrUnder(keyPath);
        return under.isEmpty() ? null : under.get(under.size() - 1);
    }

    /**
     * The overrides and flags that wrote a key or a key under it, in the order applied.
     *
     * @param keyPath a key path with list indices, e.g. {@code record} or {@code populations[0]}
     * @return how messages name them, e.g. {@code --set populations[exc].size=10}
     */
    List<String> wroteAtOrUnder(String keyPath) {
        List<String> found = new ArrayList<>();
        for (Origin o : origins) {
            if (SectionBinder.within(o.keyPath(), keyPath)) {
                found.add(o.text());
            }
        }
        return found;
    }

    /** How messages name the last override or flag that wrote a key or an enclosing key, or null when none did. */
    String overrideOf(String keyPath) {
        Origin origin = originOf(keyPath);
        return origin == null ? null : origin.text();
    }

    private Origin originOf(String keyPath) {
        for (int i = origins.size() - 1; i >= 0; i--) {
            for (String p = keyPath; p != null; p = SourceMap.parent(p)) {
                if (p.equals(origins.get(i).keyPath())) {
                    return origins.get(i);
                }
            }
        }
        return null;
    }
}
