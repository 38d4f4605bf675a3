package org.engram.learning.plasticity;

/**
 * Makes a plasticity rule of your own known by name, as {@code pair_stdp} and {@code triplet_stdp}
 * are: {@code engram simulate} configs can then attach it to a projection
 * ({@code plasticity: {type: my_rule, ...}}, its parameters checked like a built-in rule's), and
 * {@code engram list} shows it.
 *
 * <p>Name the provider class (public, with a public no-argument constructor) in a file
 * {@code META-INF/services/org.engram.learning.plasticity.PlasticityRuleProvider} and put both on
 * the class path ({@code ENGRAM_CLASSPATH} for the launcher). Providers are found with
 * {@link java.util.ServiceLoader} at every lookup, so the registry ({@link PlasticityRules}) holds
 * no global state. The parameters are a record whose components a config sets by their snake_case
 * names ({@code tauMs} as {@code tau_ms}), beside {@code type}. From Java, {@link PlasticityRules#make}
 * makes the rule by name with the same checks, to be added with {@code engine.addListener(rule)}.
 */
public interface PlasticityRuleProvider {
    /**
     * {@return the rule's entry: a snake_case name no other rule has, a one-line description, and its
     * parameters with their defaults, weight bounds and factory}
     */
    PlasticityRules.Info info();
}
