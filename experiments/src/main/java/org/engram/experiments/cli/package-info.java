/**
 * The {@code engram} command line (picocli): one class per subcommand.
 */
package org.engram.experiments.cli;
