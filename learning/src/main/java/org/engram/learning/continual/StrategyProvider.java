package org.engram.learning.continual;

/**
 * Makes a strategy of your own known by name, as the built-in ones are: {@code engram run} configs
 * can then name it (alone or in a chain, with its hyperparameters checked like theirs), and
 * {@code engram list} shows it.
 *
 * <p>Name the provider class (public, with a public no-argument constructor) in a file
 * {@code META-INF/services/org.engram.learning.continual.StrategyProvider} and put both on the
 * class path ({@code ENGRAM_CLASSPATH} for the launcher). Providers are found with
 * {@link java.util.ServiceLoader} at every lookup, so the registry holds no global state. The
 * hyperparameters are a record whose components a config sets by their snake_case names
 * ({@code memorySize} as {@code memory_size}); a strategy without any uses
 * {@link Strategies.NoParameters}.
 */
public interface StrategyProvider {
    /**
     * {@return the strategy's entry: a name no other strategy has, a one-line description, the
     * reference it follows, and its hyperparameters with their defaults and factory}
     */
    Strategies.Info info();
}
