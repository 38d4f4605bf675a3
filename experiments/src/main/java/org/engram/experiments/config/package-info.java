/**
 * Configuration: YAML read with Jackson into immutable records, with errors that name file, line,
 * key, expectation and value ({@link org.engram.experiments.config.ConfigException}).
 *
 * <p>Experiment configs are laid in layers (defaults, YAML, {@code --set}, command-line flags) by
 * {@link org.engram.experiments.config.ConfigLayers}; each key is described once, by its
 * {@link org.engram.experiments.config.Key} annotation, from which defaults are filled and the key
 * table of {@code engram run --help} is printed.
 */
package org.engram.experiments.config;
