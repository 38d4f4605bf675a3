package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
}
