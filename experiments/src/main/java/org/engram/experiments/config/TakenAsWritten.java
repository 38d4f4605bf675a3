package org.engram.experiments.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

/**
 * Marks a config record some of whose mappings hold keys that code of one's own defines, such as
 * the parameters of a plasticity rule of one's own beside its {@code type}: the config reader
 * neither binds the keys of a mapping that {@link #when()} accepts nor refuses them as unknown, but
 * hands the mapping whole to the record's creator, and whoever reads the record checks those keys
 * later, at their key paths. Any other mapping is read key by key, as every record's is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TakenAsWritten {
    /** {@return which mappings are taken as written: a class with a no-argument constructor} */
    Class<? extends Predicate<ObjectNode>> when();
}
