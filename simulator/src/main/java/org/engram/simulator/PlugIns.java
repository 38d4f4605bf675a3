package org.engram.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
}
