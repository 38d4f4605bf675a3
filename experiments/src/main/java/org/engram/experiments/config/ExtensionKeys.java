package org.engram.experiments.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Top-level keys whose names begin with {@code x-}: places to anchor values that the config then
 * repeats by alias ({@code x-lif: &lif {...}}), as Compose files have them. No config key begins
 * with {@code x-}, so such a key is no misspelt one; it is taken out before the config is read.
 */
final class ExtensionKeys {
    /** What an extension key's name begins with. */
    static final String PREFIX = "x-";

    private ExtensionKeys() {
    }

    /**
     * Whether a key that is not an extension key looks meant as one: {@code X-lif}, {@code x_lif}.
     *
     * @param key a key's name
     * @return whether it begins with an x of either case and a hyphen or underscore, but not {@code x-}, and
     *         has a name after them ({@code X-} or {@code x_} alone names nothing an extension could be)
     */
    static boolean looksMeantAsOne(String key) {
        return key.length() > 2 && (key.charAt(0) == 'x' || key.charAt(0) == 'X')
                && (key.charAt(1) == '-' || key.charAt(1) == '_') && !key.startsWith(PREFIX);
    }

    /**
     * Takes the extension keys out of a config's top-level mapping.
     *
     * @param tree the config, as read from its text
     * @return whether it held any
     */
    static boolean remove(ObjectNode tree) {
        boolean any = false;
        for (Iterator<String> names = tree.fieldNames(); names.hasNext();) {
            if (names.next().startsWith(PREFIX)) {
                names.remove();
                any = true;
            }
        }
        return any;
    }
}
