package org.engram.experiments.cli;

import java.util.function.Supplier;
import org.engram.experiments.plot.FigureFolder;
import org.engram.experiments.run.Runner;
import org.engram.experiments.simulate.SimulationRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code engram run} (and {@link Plot} of {@code engram plot}) that provoke a stop at a
 * chosen moment, for the tests of stopping and resuming, and those of {@code run} and {@link Simulate} that
 * provoke a heap run out where no heap size provokes it reliably. They exist only in a JVM started with
 * {@code -Dengram.testHooks=true} (the test runs set it): anywhere else the commands refuse them as
 * unknown options.
 */
final class TestHookOptions {
    /** The system property that adds these options to {@code engram run}. */
    static final String PROPERTY = "engram.testHooks";

    /** The name of the mixin that holds them in {@code run}'s command spec. */
    private static final String MIXIN = "testHooks";

    @Option(names = "--stop-after-tasks", hidden = true)
    int stopAfterTasks;

    @Option(names = "--signal-before-commit", hidden = true)
    boolean signalBeforeCommit;

    @Option(names = "--pause-after-setup", hidden = true)
    boolean pauseAfterSetup;

    @Option(names = "--signal-before-task-saved", hidden = true)
    int signalBeforeTaskSaved;

    @Option(names = "--pause-before-config", hidden = true)
    boolean pauseBeforeConfig;

    @Option(names = "--heap-runs-out-after-tasks", hidden = true)
    int heapRunsOutAfterTasks;

    /**
     * Adds the options to {@code engram run} when asked to.
     *
     * @param run     the {@code run} command line
     * @param enabled whether to add them ({@code Boolean.getBoolean(PROPERTY)} for the real command line)
     */
    static void addTo(CommandLine run, boolean enabled) {
        addTo(run, enabled, TestHookOptions::new);
    }

    /** Adds a command's test-hook options, made by {@code options}, when asked to. */
    private static void addTo(CommandLine command, boolean enabled, Supplier<Object> options) {
        if (enabled) {
            command.addMixin(MIXIN, options.get());
        }
    }

    /** {@return a command's test-hook options, or null where they do not exist} */
    private static Object optionsOf(CommandSpec command) {
        CommandSpec mixin = command.mixins().get(MIXIN);
        return mixin == null ? null : mixin.userObject();
    }

    /** The options of {@code engram plot} that act as a signal while figures are drawn or moved in. */
    static final class Plot {
        @Option(names = "--signal-after-staged", hidden = true)
        int staged;

        @Option(names = "--signal-after-moved", hidden = true)
        int moved;

        /**
         * Adds the options to {@code engram plot} when asked to.
         *
         * @param plot    the {@code plot} command line
         * @param enabled whether to add them
         */
        static void addTo(CommandLine plot, boolean enabled) {
            TestHookOptions.addTo(plot, enabled, Plot::new);
        }

        /**
         * The signal a plot command line asked for.
         *
         * @param plot the spec of {@code engram plot}
         * @return when to act as if a signal came, or {@link FigureFolder.SignalAt#NONE} where the options do
         *         not exist
         */
        static FigureFolder.SignalAt of(CommandSpec plot) {
            return optionsOf(plot) instanceof Plot o ? new FigureFolder.SignalAt(o.staged, o.moved)
                    : FigureFolder.SignalAt.NONE;
        }
    }

    /** The option of {@code engram simulate} that makes the heap run out while a file of its folder is written. */
    static final class Simulate {
        @Option(names = "--heap-runs-out-writing", hidden = true)
        String heapRunsOutWriting;

        /**
         * Adds the option to {@code engram simulate} when asked to.
         *
         * @param simulate the {@code simulate} command line
         * @param enabled  whether to add it
         */
        static void addTo(CommandLine simulate, boolean enabled) {
            TestHookOptions.addTo(simulate, enabled, Simulate::new);
        }

        /**
         * The failure a simulate command line asked for.
         *
         * @param simulate the spec of {@code engram simulate}
         * @return its hooks, or {@link SimulationRun.TestHooks#NONE} where the option does not exist
         */
        static SimulationRun.TestHooks of(CommandSpec simulate) {
            return optionsOf(simulate) instanceof Simulate o ? new SimulationRun.TestHooks(o.heapRunsOutWriting)
                    : SimulationRun.TestHooks.NONE;
        }
    }

    /**
     * The stops a run command line asked for.
     *
     * @param run the spec of {@code engram run}
     * @return its hooks, or {@link Runner.TestHooks#NONE} where the options do not exist
     */
    static Runner.TestHooks of(CommandSpec run) {
        if (!(optionsOf(run) instanceof TestHookOptions o)) {
            return Runner.TestHooks.NONE;
        }
        return new Runner.TestHooks(o.stopAfterTasks, o.signalBeforeCommit, o.pauseAfterSetup,
                o.signalBeforeTaskSaved, o.pauseBeforeConfig, o.heapRunsOutAfterTasks);
    }
}
