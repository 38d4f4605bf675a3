package org.engram.simulator;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Code of one's own found on the class path with {@link ServiceLoader} (neuron models, strategy
 * providers), loaded so that one that fails leaves the others usable: what loads is returned, what
 * does not is described, for the caller to report where it matters.
 *
 * @param <T>      the service type
 * @param loaded   the providers made, in class-path order
 * @param failures one message per provider that could not be made
 */
public record PlugIns<T>(List<T> loaded, List<String> failures) {
    /**
     * Makes every provider of a service on the thread's context class loader.
     *
     * @param service  the service type
     * @param describe the message of a provider that could not be made (its class missing, compiled
     *                 for another Java or Engram, its constructor threw), from the loader's error
     * @param <T>      the service type
     * @return the providers made and the failures
     */
    public static <T> PlugIns<T> load(Class<T> service, Function<Throwable, String> describe) {
        List<T> loaded = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<T> providers = ServiceLoader.load(service).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                loaded.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // The loader goes on with the next provider; a failure that repeats itself would be a
                // loader that cannot, so it ends the search.
                String failure = describe.apply(e);
                if (!failures.isEmpty() && failures.get(failures.size() - 1).equals(failure)) {
                    break;
                }
                failures.add(failure);
            }
        }
        return new PlugIns<>(loaded, failures);
    }

    /**
     * Whether a class was loaded from where another was (the same jar or folder), by the same loader:
     * whether its code is the same build's as the other's, as Engram's own classes are, rather than
     * a user's, whatever its package.
     *
     * @param type   the class in question
     * @param anchor a class of the build, e.g. of the module that holds the built-in kind
     * @return true when both come from one place; false also when a loader does not say where
     */
    public static boolean loadedAlongside(Class<?> type, Class<?> anchor) {
        URL here = codeLocation(anchor);
        return here != null && type.getClassLoader() == anchor.getClassLoader() && here.equals(codeLocation(type));
    }

    /** The jar or folder a class was loaded from, or null when its loader does not say. */
    private static URL codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /**
     * The hint for a name none of the loaded code has: the closest name, and the providers left
     * out, one of which may be the one meant.
     *
     * @param closest  the closest name's suggestion, or null
     * @param what     what the providers provide, e.g. {@code "user models"}
     * @param leftOut  the messages of the providers left out
     * @return the hint, or null when there is neither
     */
    public static String hintWithLeftOut(String closest, String what, List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return closest;
        }
        return (closest == null ? "" : closest + "; ") + "some " + what + " could not be loaded: "
                + String.join("; ", leftOut);
    }

    /**
     * Why a provider could not be loaded or made, in terms of what to do about it: compiled for a
     * newer Java, against another Engram, or a class missing from the class path; else the loader's
     * words and the cause.
     *
     * @param e what the loader or the provider's code threw
     * @return the reason, for a message that names the provider
     */
    public static String why(Throwable e) {
        Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof UnsupportedClassVersionError) {
            return "it was compiled for a newer Java than this one (" + cause.getMessage() + ")";
        }
        if (cause instanceof IncompatibleClassChangeError) {
            return "it was compiled against another version of Engram (" + cause + "); compile it again";
        }
        if (cause instanceof NoClassDefFoundError) {
            return "a class it needs is not on the class path (" + cause.getMessage() + "; the launcher adds"
                    + " ENGRAM_CLASSPATH)";
        }
        // The loader's own words say which provider it could not make; the cause says why.
        return cause == e ? e.toString() : e.getMessage() + ": " + cause;
    }

    /**
     * Refuses the name a provider gives its plug-in unless a config can write it: snake_case.
     *
     * @param provider the provider's class name, for the message
     * @param getter   the provider's method that gave the name, e.g. {@code info().name()}
     * @param name     the name, possibly null
     * @param also     more on how names are written, after the characters allowed, or null
     * @throws ParameterException naming the provider and the name, unless it is a-z, then a-z, 0-9 or _
     */
    public static void requireSnakeCaseName(String provider, String getter, String name, String also) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new ParameterException(provider, getter, "a snake_case name (a-z, 0-9, _"
                    + (also == null ? "" : "; " + also) + ")", String.valueOf(name));
        }
    }

    /**
     * Refuses a provider's parameter record that a config cannot write, by the component and its
     * type: a {@code java.time.Duration} had stopped {@code engram list} and every run with the
     * config reader's stack trace.
     *
     * @param provider the provider's class name, for the message
     * @param getter   the provider's method that gave the record type, e.g. {@code info().hyperparameters()}
     * @param record   the record type
     * @throws ParameterException naming the first component whose type is not a number, boolean, text,
     *                            enum, or a list, array, map (by text) or record of these
     */
    public static void requireWritable(String provider, String getter, Class<?> record) {
        requireWritable(provider, getter, record, record.getSimpleName());
    }

    private static void requireWritable(String provider, String getter, Class<?> record, String path) {
        for (RecordComponent c : record.getRecordComponents()) {
            String at = path + "." + c.getName();
            Type unsupported = unsupported(c.getGenericType());
            if (unsupported != null) {
                throw new ParameterException(provider, getter + ": " + at,
                        "components a config can write: numbers, true/false, text, enums, and lists, arrays, maps"
                                + " (by text) and records of these", unsupported.getTypeName());
            }
            if (c.getType().isRecord()) {
                requireWritable(provider, getter, c.getType(), at);
            }
        }
    }

    /** The part of a component's type a config cannot write, or null when it can write all of it. */
    private static Type unsupported(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return unsupported(c.getComponentType());
            }
            boolean plain = c.isPrimitive() || c.isEnum() || c.isRecord() || c == String.class || c == Boolean.class
                    || c == Character.class || c == Integer.class || c == Long.class || c == Double.class
                    || c == Float.class || c == Short.class || c == Byte.class;
            return plain ? null : type;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || raw == Set.class || raw == Collection.class) {
                return unsupported(args[0]);
            }
            if (raw == Map.class) {
                return args[0] != String.class ? type : unsupported(args[1]);
            }
        }
        if (type instanceof GenericArrayType a) {
            return unsupported(a.getGenericComponentType());
        }
        return type;
    }
}
