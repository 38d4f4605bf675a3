/**
 * Configuration: YAML read with Jackson into immutable records, with errors that name file, line,
 * key, expectation and value ({@link org.engram.experiments.config.ConfigException}).
 */
package org.engram.experiments.config;
