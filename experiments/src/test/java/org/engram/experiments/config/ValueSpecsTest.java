package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.random.NegatedDistribution;
import org.engram.simulator.random.TruncatedDistribution;
import org.junit.jupiter.api.Test;

/** Distributions in a config, bounded by min and max beside their name. */
class ValueSpecsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static RealDistribution read(String yaml) throws Exception {
        JsonNode node = YAML.readTree(yaml);
        return ValueSpecs.distribution(node, "c.yaml", "weight");
    }

    @Test
    void boundsBesideTheNameRestrictTheDraws() throws Exception {
        assertInstanceOf(NormalDistribution.class, read("{normal: [0.5, 0.2]}"));
        RealDistribution bounded = read("{normal: [0.5, 0.2], min: 0}");
        assertInstanceOf(TruncatedDistribution.class, bounded);
        assertEquals(0.0, bounded.getSupportLowerBound());
        assertEquals(Double.POSITIVE_INFINITY, bounded.getSupportUpperBound());
        assertEquals(1.0, read("{uniform: [0, 2], max: 1}").getSupportUpperBound());
    }

    /**
     * Inhibitory weights of lognormal magnitudes: {@code negated: true} draws the negatives, and
     * bounds beside it apply to the negated draws.
     */
    @Test
    void negatedDrawsTheNegativesAndBoundsThem() throws Exception {
        RealDistribution negated = read("{lognormal: [0, 0.5], negated: true}");
        assertInstanceOf(NegatedDistribution.class, negated);
        assertEquals(Double.NEGATIVE_INFINITY, negated.getSupportLowerBound());
        assertEquals(-0.0, negated.getSupportUpperBound());
        assertEquals(-Math.exp(0.125), negated.getNumericalMean(), 1e-12);
        RealDistribution bounded = read("{lognormal: [0, 0.5], negated: true, max: -0.5}");
        assertInstanceOf(TruncatedDistribution.class, bounded);
        assertEquals(-0.5, bounded.getSupportUpperBound());
        assertInstanceOf(NormalDistribution.class, read("{normal: [0.5, 0.2], negated: false}"));
        assertEquals("c.yaml: weight.negated: expected true or false (true draws the distribution's negatives), found"
                + " \"yes please\"", assertThrows(ConfigException.class,
                        () -> read("{lognormal: [0, 0.5], negated: yes please}")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> read("{lognormal: [0, 0.5], negate: true}")).getMessage()
                .endsWith("; did you mean 'negated'?"));
    }

    @Test
    void badBoundsAreNamedByKey() throws Exception {
        assertEquals("c.yaml: weight.min: expected a finite number (draws past it are drawn again), found \"x\"",
                assertThrows(ConfigException.class, () -> read("{normal: [0.5, 0.2], min: x}")).getMessage());
        assertEquals("c.yaml: weight.min: expected bounds with min < max, found 1.0, 0.0",
                assertThrows(ConfigException.class, () -> read("{normal: [0.5, 0.2], min: 1, max: 0}")).getMessage());
        assertEquals("c.yaml: weight: expected one distribution such as {uniform: [low, high]} (with min, max and "
                + "negated, if any, beside it), found {\"min\":0}",
                assertThrows(ConfigException.class, () -> read("{min: 0}")).getMessage());
        // A bound spelt out, or misspelt, is named.
        assertTrue(assertThrows(ConfigException.class, () -> read("{normal: [0.5, 0.2], minimum: 0}")).getMessage()
                .endsWith("; did you mean 'min'?"));
        assertTrue(assertThrows(ConfigException.class, () -> read("{normal: [0.5, 0.2], mx: 1}")).getMessage()
                .endsWith("; did you mean 'max'?"));
    }

    /**
     * Each distribution's rule on its arguments, in the config's words, at its edge: equal bounds of a uniform,
     * and a standard deviation, shape or mean of 0, are refused; the least step past them is taken.
     */
    @Test
    void eachDistributionsArgumentsAreCheckedAtTheirEdge() throws Exception {
        String[][] refusedAndExpected = {
            {"{uniform: [1, 1]}", "weight.uniform: expected [low, high] with low < high, found [1,1]"},
            {"{normal: [0, 0]}", "weight.normal: expected [mean, sd] with a standard deviation sd > 0, found [0,0]"},
            {"{lognormal: [0, 0]}", "weight.lognormal: expected [scale, shape] with a shape (the logarithm's sd)"
                    + " > 0, found [0,0]"},
            {"{exponential: 0}", "weight.exponential: expected a mean > 0, found 0"},
        };
        for (String[] c : refusedAndExpected) {
            assertEquals("c.yaml: " + c[1], assertThrows(ConfigException.class, () -> read(c[0])).getMessage());
        }
        assertEquals(1.5, read("{uniform: [1, 2]}").getNumericalMean(), 1e-12);
        assertEquals(1e-9, ((NormalDistribution) read("{normal: [0, 1e-9]}")).getStandardDeviation());
        assertEquals(1e-9, ((LogNormalDistribution) read("{lognormal: [0, 1e-9]}")).getShape());
        assertEquals(2.0, read("{exponential: 2}").getNumericalMean(), 1e-12);
    }

    /** A number is itself, absence is the default, a distribution is no constant. */
    @Test
    void aConstantIsTheNumberWritten() throws Exception {
        assertEquals(3.5, ValueSpecs.constant(YAML.readTree("3.5"), 1, "c.yaml", "w"));
        assertEquals(1.0, ValueSpecs.constant(null, 1, "c.yaml", "w"));
        assertEquals(null, ValueSpecs.constant(YAML.readTree("{uniform: [0, 1]}"), 1, "c.yaml", "w"));
    }

    /** A second key that suggests nothing is reported without a hint, not as a crash. */
    @Test
    void aSecondKeyLikeNoOtherIsRefusedWithoutAHint() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("{uniform: [0, 1], zzz: 3}"));
        assertEquals("weight", e.location());
        assertEquals(null, e.hint());
    }
}
