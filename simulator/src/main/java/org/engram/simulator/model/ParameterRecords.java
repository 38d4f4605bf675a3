package org.engram.simulator.model;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;

/**
 * Parameter records changed by name: a record like another with some of its parameters given new
 * values, so that code need not repeat a record's every value in the order of its components.
 *
 * <p>A parameter record's canonical constructor takes its values by position, and most models'
 * values are all {@code double}s: in {@code new Adex.Params(...)}, fourteen of them, two swapped
 * values compile and run. Named here, a parameter is the name configs and error messages give it,
 * the component's name in snake_case ({@code tauSynEx} is {@code tau_syn_ex}, {@code iE} is
 * {@code i_e}), or the component's own name:
 * <pre>{@code
 * LifExp.Params p = LifExp.MODEL.defaultsWith(Map.of("v_th", -50.0, "tau_syn_ex", 5.0));
 * Izhikevich.Params chattering = ParameterRecords.with(Izhikevich.regularSpiking(), Map.of("c", -50, "d", 2));
 * }</pre>
 * The record made validates itself, as any other: a value its model refuses is refused with the
 * model's own message.
 */
public final class ParameterRecords {
    private ParameterRecords() {
    }

    /**
     * A record like {@code base} with the named parameters changed.
     *
     * @param base    the record whose other values are kept, e.g. a model's {@code defaults()}
     * @param changes parameter name (snake_case, or the component's name) to new value: a
     *                {@link Number} for a {@code double}, {@code float}, {@code int} or {@code long}
     *                parameter (a whole number for the last two), else a value of the parameter's type
     * @param <P>     the record type
     * @return a new, validated record; {@code base} itself when there is nothing to change
     * @throws ParameterException naming every unknown parameter (with the closest name), parameter
     *                            given twice and value of the wrong type at once, or else what the
     *                            record's constructor refuses; or a record of a named module that
     *                            neither exports its package to this one (a public record) nor opens it
     */
    public static <P extends Record> P with(P base, Map<String, ?> changes) {
        ParameterException.requireNonNull("parameter record", "base", base, "a parameter record");
        return with(base.getClass().getSimpleName(), base, changes, name -> null);
    }

    /**
     * The parameter names of a record type, as configs and {@link #with} name them.
     *
     * @param type a parameter record's class
     * @return the components' names in snake_case, in the order of the canonical constructor
     * @throws ParameterException if the type is null or, given through a raw type, not a record
     */
    public static List<String> names(Class<? extends Record> type) {
        if (type == null || !type.isRecord()) {
            throw new ParameterException("parameter record", "type", "a record class (e.g. LifExp.Params.class)",
                    type == null ? "null" : type.getName());
        }
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(snakeCase(c.getName()));
        }
        return List.copyOf(names);
    }

    /**
     * A component's name as configs write it: an underscore before each capital that follows a
     * lower-case letter or digit, and every letter in lower case ({@code tauSynEx} is
     * {@code tau_syn_ex}; a run of capitals stays one word, {@code rateHZ} is {@code rate_hz}).
     *
     * @param component a record component's name
     * @return its snake_case form
     */
    static String snakeCase(String component) {
        StringBuilder s = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(component.charAt(i - 1)) && component.charAt(i - 1) != '_') {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /**
     * {@link #with(Record, Map)} naming {@code owner} (a model's name) in messages about names and
     * types, and telling of an unknown name what {@code hints} says of it (a model's
     * {@link NeuronModel#hintFor}), where it says anything, rather than the closest name.
     */
    static <P extends Record> P with(String owner, P base, Map<String, ?> changes, Function<String, String> hints) {
        ParameterException.requireNonNull(owner, "changes", changes, "a map of parameter names to values");
        if (changes.isEmpty()) {
            return base;
        }
        RecordComponent[] components = base.getClass().getRecordComponents();
        List<String> names = names(base.getClass());
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int k = 0; k < components.length; k++) {
            byName.put(names.get(k), k);
        }
        Object[] values = new Object[components.length];
        String[] givenAs = new String[components.length];
        for (int k = 0; k < components.length; k++) {
            values[k] = read(components[k], base);
        }
        List<ParameterException> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            String name = e.getKey();
            Integer k = name == null ? null : byName.getOrDefault(name, byName.get(snakeCase(name)));
            if (k == null) {
                String hint = name == null ? null : hints.apply(name);
                problems.add(new ParameterException(owner, String.valueOf(name), "one of " + byName.keySet(),
                        "an unknown parameter", name == null ? null
                                : hint != null ? hint : Suggestions.didYouMean(name, byName.keySet())));
                continue;
            }
            String parameter = names.get(k);
            if (givenAs[k] != null) {
                problems.add(new ParameterException(owner, parameter, "one value", "two, as '" + givenAs[k]
                        + "' and '" + name + "'"));
                continue;
            }
            givenAs[k] = name;
            Object value = convert(components[k].getType(), e.getValue());
            if (value instanceof Float f && f.isInfinite() && Double.isFinite(((Number) e.getValue()).doubleValue())) {
                // A finite number past a float's range would become an infinity without a word.
                problems.add(new ParameterException(owner, parameter, "a value a float holds (magnitude at most "
                        + Float.MAX_VALUE + ")", e.getValue()));
            } else if (value == null) {
                problems.add(new ParameterException(owner, parameter, "a value of type "
                        + components[k].getType().getSimpleName(), describe(e.getValue())));
            } else {
                values[k] = value;
            }
        }
        if (!problems.isEmpty()) {
            throw ParameterException.all(problems);
        }
        return construct(base, components, values);
    }

    /** A value as a component of this type takes it, or null if it cannot. */
    private static Object convert(Class<?> type, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && (type == double.class || type == float.class)) {
            return type == double.class ? (Object) n.doubleValue() : (Object) n.floatValue();
        }
        if (value instanceof Number n && (type == int.class || type == long.class)) {
            double d = n.doubleValue();
            boolean whole = value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte || d == Math.rint(d) && Math.abs(d) < 0x1p53;
            if (!whole) {
                return null;
            }
            long l = value instanceof Long ? n.longValue() : (long) d;
            if (type == long.class) {
                return l;
            }
            return l == (int) l ? (Object) (int) l : null;
        }
        Class<?> boxed = type == boolean.class ? Boolean.class : type == char.class ? Character.class
                : type == byte.class ? Byte.class : type == short.class ? Short.class : type;
        return boxed.isInstance(value) ? value : null;
    }

    /** A value for a message: its text and type, which is what tells a wrong type apart. */
    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static Object read(RecordComponent component, Record base) {
        try {
            var accessor = component.getAccessor();
            makeAccessible(accessor, base.getClass());
            return accessor.invoke(base);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + component + " of " + base.getClass().getName(), e);
        }
    }

    private static <P extends Record> P construct(P base, RecordComponent[] components, Object[] values) {
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            types[k] = components[k].getType();
        }
        try {
            @SuppressWarnings("unchecked")
            Constructor<P> canonical = (Constructor<P>) base.getClass().getDeclaredConstructor(types);
            makeAccessible(canonical, base.getClass());
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record's own validation: its message names the model, the parameter and the rule.
            throw rethrown(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + base.getClass().getName(), e);
        }
    }

    /**
     * Lets this class call a record's accessor or constructor, which need not be public. A record of a
     * named module is reachable only if the module exports its package (a public record) or opens it
     * (any record); the module system's own refusal names neither the fix nor the parameters.
     */
    private static void makeAccessible(AccessibleObject member, Class<?> record) {
        try {
            member.setAccessible(true);
        } catch (InaccessibleObjectException e) {
            Module self = ParameterRecords.class.getModule();
            String to = self.isNamed() ? " to " + self.getName() : "";
            String pkg = record.getPackageName();
            boolean exported = record.getModule().isExported(pkg, self);
            throw new ParameterException(record.getName(), "parameters", "a record whose module "
                    + record.getModule().getName() + " exports its package" + to + " (opens it, if the record is"
                    + " not public)", exported ? "a record that is not public in package " + pkg + ", not open"
                    : "package " + pkg + " not exported", "add '" + (exported ? "opens " : "exports ") + pkg + to
                    + ";' to the module's module-info.java");
        }
    }

    private static RuntimeException rethrown(InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
            throw r;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getCause());
    }
}
