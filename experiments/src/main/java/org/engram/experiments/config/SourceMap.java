package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Where each key of a YAML text stands: key path (e.g. {@code strategies[1].params.lambda}) to
 * line and column, so that an error found after the text became a tree still names its line. A key an
 * alias repeats stands where the alias is written, one a merge key brings in where its mapping is.
 */
final class SourceMap {
    private final String file;
    private final String text;
    /** Read at the first question: most configs have no problem to place, and a large one takes a while to read. */
    private Map<String, int[]> positions;
    /** The key paths of values YAML's tag of text made text ({@code !!str 2}), read with the positions. */
    private Set<String> tagged;
    /**
     * Numbers as written, by key path, read with the positions: the tree holds one with a point or exponent
     * as a double, which rounds ({@code 1e-400} is 0.0 there), and a check may show an integer as one
     * ({@code -1} as -1.0).
     */
    private Map<String, String> numbers;

    private SourceMap(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * The positions of every key and list element of a text, read when first asked for.
     *
     * @param file the file name shown in messages
     * @param text YAML text that parses (call after the tree was read)
     * @return the map
     */
    static SourceMap of(String file, String text) {
        return new SourceMap(file, text);
    }

    private Map<String, int[]> positions() {
        if (positions == null) {
            tagged = new HashSet<>();
            numbers = new HashMap<>();
            positions = read(text, tagged, numbers);
        }
        return positions;
    }

    private static Map<String, int[]> read(String text, Set<String> tagged, Map<String, String> numbers) {
        Map<String, int[]> positions = new HashMap<>();
        try (JsonParser p = ConfigLoader.mapper().getFactory().createParser(text)) {
            // One frame per open container: its path, where it stands and, for lists, the index of the next element.
            Deque<String> paths = new ArrayDeque<>();
            Deque<int[]> starts = new ArrayDeque<>();
            Deque<int[]> nextIndex = new ArrayDeque<>();
            String pendingKey = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int[] at = placeIn(starts.peek(), position(p.currentTokenLocation()));
                if (t == JsonToken.FIELD_NAME) {
                    String parent = paths.peek();
                    pendingKey = (parent == null || parent.isEmpty() ? "" : parent + ".") + p.currentName();
                    positions.put(pendingKey, at);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    // The end of a list is no element of it: counted as one, it put an element
                    // past the last at the list's end, and an override appending one was not blamed.
                    paths.pop();
                    starts.pop();
                    nextIndex.pop();
                    continue;
                }
                String here = pendingKey;
                pendingKey = null;
                if (here == null && !nextIndex.isEmpty() && nextIndex.peek()[0] >= 0) {
                    here = paths.peek() + "[" + nextIndex.peek()[0]++ + "]";
                    positions.put(here, at);
                }
                if (t == JsonToken.VALUE_STRING && here != null && p instanceof YAMLParser y
                        && Tag.STR.getValue().equals(y.getTypeId())) {
                    tagged.add(here);
                }
                if ((t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) && here != null) {
                    numbers.put(here, p.getText());
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    paths.push(here == null ? "" : here);
                    starts.push(at);
                    nextIndex.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("YAML text that parsed once failed to parse again", e);
        }
        return positions;
    }

    /**
     * Where a key or value is used: where it is written, or, where that is before the mapping or list holding it,
     * where that mapping or list is. An alias's node stands at the alias ({@link AliasExpansion}) and holds what
     * its anchor wrote earlier in the text; a merge key's entries are the merged mapping's, written earlier too.
     *
     * @param container where the mapping or list holding it is used, or null at the top
     * @param written   where it is written
     */
    private static int[] placeIn(int[] container, int[] written) {
        boolean before = container != null && (written[0] < container[0]
                || written[0] == container[0] && written[1] < container[1]);
        return before ? container : written;
    }

    private static int[] position(JsonLocation l) {
        return new int[] {l.getLineNr(), l.getColumnNr()};
    }

    /**
     * The file and position of a key, or of its nearest enclosing key that is in the file.
     *
     * @param keyPath the key path
     * @return e.g. {@code quickstart.yaml:12:5}, or the file name alone
     */
    String locate(String keyPath) {
        for (String p = keyPath; p != null; p = parent(p)) {
            int[] at = positions().get(p);
            if (at != null) {
                return file + ":" + at[0] + ":" + at[1];
            }
        }
        return file;
    }

    /**
     * @param keyPath a key path
     * @return whether the text gives that key or list element a value that YAML's tag {@code !!str} makes text
     */
    boolean taggedText(String keyPath) {
        positions();
        return tagged.contains(keyPath);
    }

    /**
     * @param keyPath a key path
     * @return the number that the text gives that key or list element, as written ({@code 1e-400},
     *         {@code 1_000}), or null where the text gives it another value or none
     */
    String numberAsWritten(String keyPath) {
        positions();
        return numbers.get(keyPath);
    }

    /**
     * @param keyPath a key path
     * @return whether the text writes that key or list element itself
     */
    boolean contains(String keyPath) {
        return positions().containsKey(keyPath);
    }

    /**
     * Where a key, or its nearest enclosing key that is in the file, stands in reading order.
     *
     * @param keyPath the key path
     * @return its line and column as one number that sorts as they do, or 0 when neither the key nor
     *         any enclosing key is in the file
     */
    long readingOrder(String keyPath) {
        for (String p = keyPath; p != null; p = parent(p)) {
            int[] at = positions().get(p);
            if (at != null) {
                return ((long) at[0] << 32) | at[1];
            }
        }
        return 0;
    }

    /**
     * The enclosing key path: {@code a.b[2].c} -> {@code a.b[2]} -> {@code a.b} -> {@code a} -> {@code ""}
     * (the document itself) -> null.
     *
     * @param keyPath a key path
     * @return its parent: the empty path for a top-level key, null for the empty path
     */
    static String parent(String keyPath) {
        if (keyPath.isEmpty()) {
            return null;
        }
        int cut = Math.max(keyPath.lastIndexOf('.'), keyPath.lastIndexOf('['));
        return cut <= 0 ? "" : keyPath.substring(0, cut);
    }
}
