package org.engram.experiments.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one description of a config key: its meaning and its default, written beside the record
 * component it documents. {@link ConfigLayers} fills defaults from it and {@link ConfigDocs}
 * prints the key table of {@code engram run --help} and the README from it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** Marks a key without a default: it must be given. */
    String REQUIRED = "\u0000required";

    /** {@return what the key means, with its unit} */
    String value();

    /**
     * {@return the default as YAML text ({@code "1"}, {@code "[256]"}, {@code "null"}),
     * {@link #REQUIRED} when the key must be given; ignored for sections (nested records)}
     */
    String def() default REQUIRED;
}
