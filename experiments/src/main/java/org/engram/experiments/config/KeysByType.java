package org.engram.experiments.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Marks a config record whose {@code type} chooses which of its keys a mapping may hold, such as a
 * connectivity rule's: an unknown key of a mapping with a known type is told the keys that type
 * reads rather than every type's, and, for a name another simulator gives one of them, which key
 * it is here ({@code rho0} of {@code vogels_sprekeler} is {@code target_rate_hz}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KeysByType {
    /** {@return the keys of each type: a class with a no-argument constructor} */
    Class<? extends Keys> value();

    /** The keys each type of a record reads. */
    interface Keys {
        /**
         * @param type the mapping's {@code type}
         * @return the keys that type reads besides {@code type}, or null when the text names no type
         */
        List<String> of(String type);

        /**
         * @param type a type {@link #of} knows
         * @param key  a key the type does not read
         * @return what to tell of the key (e.g. the key that takes what it means), or null for the
         *         closest key by spelling
         */
        default String hintFor(String type, String key) {
            return null;
        }

        /**
         * @param key a key no type reads, such as another simulator's name ({@code indegree})
         * @return the key here that takes what it means ({@code k}), or null when none is known
         */
        default String keyFor(String key) {
            return null;
        }
    }
}
