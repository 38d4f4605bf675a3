package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.random.NegatedDistribution;
import org.engram.simulator.random.SplitMixRandom;
import org.engram.simulator.random.TruncatedDistribution;

/**
 * Reads a config value that is either a number or a distribution:
 * {@code 0.1}, {@code {uniform: [low, high]}}, {@code {normal: [mean, sd]}},
 * {@code {lognormal: [scale, shape]}} or {@code {exponential: mean}}, each optionally negated by
 * {@code negated: true} ({@link NegatedDistribution}: inhibitory weights of lognormal magnitudes)
 * and bounded by {@code min} and {@code max} beside its name ({@code {normal: [0.5, 0.2], min: 0}}):
 * draws outside are drawn again ({@link TruncatedDistribution}), the bounds applying to the negated
 * values. Distributions are commons-math3 objects; the network builder reseeds them per neuron.
 */
public final class ValueSpecs {
    /** The key beside a distribution's name that negates its draws. */
    private static final String NEGATED = "negated";
    /** Every key that may stand beside a distribution's name. */
    private static final List<String> BESIDE = List.of("min", "max", NEGATED);

    /** The distribution names a config may use, with their argument lists. */
    public static final Map<String, String> DISTRIBUTIONS = Map.of(
            "uniform", "[low, high]", "normal", "[mean, sd]", "lognormal", "[scale, shape]",
            "exponential", "mean");

    private ValueSpecs() {
    }

    /**
     * A constant, or {@code null} if the node is a distribution.
     *
     * @param node    the node (may be null)
     * @param orElse  the value when the node is absent
     * @param source  file name for errors
     * @param keyPath key path for errors
     * @return the constant, or {@code null} when the node is a distribution
     */
    public static Double constant(JsonNode node, double orElse, String source, String keyPath) {
        if (node == null || node.isNull()) {
            return orElse;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isObject()) {
            return null;
        }
        throw ConfigException.ofForm(source, keyPath, "a number or a distribution such as {uniform: [low, high]}",
                ConfigException.asFound(node), numberAdvice(node));
    }

    /**
     * The distribution a node describes.
     *
     * @param node    an object node: a distribution's name with its arguments, and {@code min} and
     *                {@code max} if bounded
     * @param source  file name for errors
     * @param keyPath key path for errors
     * @return the distribution
     */
    public static RealDistribution distribution(JsonNode node, String source, String keyPath) {
        List<String> kinds = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                if (!BESIDE.contains(k)) {
                    kinds.add(k);
                }
            });
        }
        if (kinds.size() != 1) {
            // A misspelt bound (minimum: 0) reads as a second distribution: name the key meant.
            List<String> keys = new ArrayList<>(DISTRIBUTIONS.keySet());
            keys.addAll(BESIDE);
            String hint = kinds.stream().filter(k -> !DISTRIBUTIONS.containsKey(k)).map(k -> BESIDE.stream()
                    .filter(k::startsWith).findFirst().map(b -> "did you mean '" + b + "'?")
                    .orElse(Suggestions.didYouMean(k, keys))).filter(h -> h != null).findFirst().orElse(null);
            throw ConfigException.ofForm(source, keyPath, "one distribution such as {uniform: [low, high]} (with min,"
                    + " max and negated, if any, beside it)", String.valueOf(node), hint);
        }
        RealDistribution base = distribution(kinds.get(0), node.get(kinds.get(0)), source, keyPath);
        if (negated(node, source, keyPath)) {
            base = new NegatedDistribution(base);
        }
        if (!node.has("min") && !node.has("max")) {
            return base;
        }
        double min = bound(node, "min", Double.NEGATIVE_INFINITY, source, keyPath);
        double max = bound(node, "max", Double.POSITIVE_INFINITY, source, keyPath);
        try {
            return new TruncatedDistribution(base, min, max);
        } catch (EngramException e) {
            throw new ConfigException(source, keyPath + "." + (node.has("min") ? "min" : "max"), e.expected(),
                    e.found(), null);
        }
    }

    /** Whether the draws are negated: {@code negated: true} beside the name. */
    private static boolean negated(JsonNode node, String source, String keyPath) {
        JsonNode v = node.get(NEGATED);
        if (v != null && !v.isBoolean()) {
            throw ConfigException.ofForm(source, keyPath + "." + NEGATED, "true or false (true draws the distribution's"
                    + " negatives)", ConfigException.asFound(v), null);
        }
        return v != null && v.asBoolean();
    }

    /** A bound of a truncated distribution, {@code orElse} without the key. */
    private static double bound(JsonNode node, String key, double orElse, String source, String keyPath) {
        JsonNode v = node.get(key);
        if (v == null) {
            return orElse;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            // Not a number, or not finite: refused for itself, whatever the other bound and the distribution hold.
            throw ConfigException.ofForm(source, keyPath + "." + key,
                    "a finite number (draws past it are drawn again)", ConfigException.asFound(v), numberAdvice(v));
        }
        return v.asDouble();
    }

    private static RealDistribution distribution(String kind, JsonNode args, String source, String keyPath) {
        String path = keyPath + "." + kind;
        SplitMixRandom rng = new SplitMixRandom(0);
        // Each rule of the arguments is checked here, in the config's words: commons-math's own
        // refusals named its internals ("standard deviation (-1)").
        switch (kind) {
            case "uniform": {
                double[] a = numbers(args, 2, source, path);
                // Each end is refused for the other, which an override may have set.
                requireArgument(a[0] < a[1], ConfigException.Kind.RULE, source, path, "[low, high] with low < high",
                        args);
                return new UniformRealDistribution(rng, a[0], a[1]);
            }
            case "normal": {
                double[] a = numbers(args, 2, source, path);
                requireArgument(a[1] > 0, ConfigException.Kind.RANGE, source, path,
                        "[mean, sd] with a standard deviation sd > 0", args);
                return new NormalDistribution(rng, a[0], a[1]);
            }
            case "lognormal": {
                double[] a = numbers(args, 2, source, path);
                requireArgument(a[1] > 0, ConfigException.Kind.RANGE, source, path,
                        "[scale, shape] with a shape (the logarithm's sd) > 0", args);
                return new LogNormalDistribution(rng, a[0], a[1]);
            }
            case "exponential": {
                double[] a = numbers(args, 1, source, path);
                requireArgument(a[0] > 0, ConfigException.Kind.RANGE, source, path, "a mean > 0", args);
                return new ExponentialDistribution(rng, a[0]);
            }
            default:
                String hint = Suggestions.didYouMean(kind, DISTRIBUTIONS.keySet());
                throw ConfigException.ofForm(source, keyPath, "one of " + List.copyOf(DISTRIBUTIONS.keySet()),
                        kind, hint);
        }
    }

    /**
     * Refuses a distribution's arguments that break its rule, in the config's words: of {@link
     * ConfigException.Kind#RANGE} where one argument breaks it whatever the others hold (an sd <= 0),
     * of {@link ConfigException.Kind#RULE} where it compares arguments.
     */
    private static void requireArgument(boolean holds, ConfigException.Kind kind, String source, String path,
                                        String expected, JsonNode args) {
        if (!holds) {
            throw ConfigException.of(kind, source, path, expected, ConfigException.asFound(args), null);
        }
    }

    private static double[] numbers(JsonNode args, int count, String source, String path) {
        if (count == 1 && args != null && args.isNumber()) {
            return new double[] {args.asDouble()};
        }
        if (args == null || !args.isArray() || args.size() != count) {
            throw ConfigException.ofForm(source, path, "a list of " + count + " numbers", String.valueOf(args), null);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            if (!args.get(i).isNumber()) {
                throw ConfigException.ofForm(source, path + "[" + i + "]", "a number", args.get(i).toString(),
                        numberAdvice(args.get(i)));
            }
            v[i] = args.get(i).asDouble();
        }
        return v;
    }

    /** What to write instead of a text that looks like a number ({@code 0x10}, {@code "10"}), or null. */
    private static String numberAdvice(JsonNode node) {
        return node.isTextual() ? NumberForms.advice(node.asText()) : null;
    }
}
