package org.engram.experiments.cli;

import org.engram.experiments.plot.FigureFolder;
import org.engram.experiments.run.Runner;
import org.engram.experiments.simulate.SimulationRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code engram run} (and {@link Plot} of {@code engram plot}) that provoke a stop at a
 * chosen moment, for the tests of stopping and resuming, and the one of {@link Simulate} that provokes a heap run
 * out where no heap size provokes it reliably. They exist only in a JVM started with
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

    /**
     * Adds the options to {@code engram run} when asked to.
     *
     * @param run     the {@code run} command line
     * @param enabled whether to add them ({@code Boolean.getBoolean(PROPERTY)} for the real command line)
     */
    static void addTo(CommandLine run, boolean enabled) {
        if (enabled) {
            run.addMixin(MIXIN, new TestHookOptions());
        }
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
            if (enabled) {
                plot.addMixin(MIXIN, new Plot());
            }
        }

        /**
         * The signal a plot command line asked for.
         *
         * @param plot the spec of {@code engram plot}
         * @return when to act as if a signal came, or {@link FigureFolder.SignalAt#NONE} where the options do
         *         not exist
         */
        static FigureFolder.SignalAt of(CommandSpec plot) {
            CommandSpec mixin = plot.mixins().get(MIXIN);
            return mixin == null ? FigureFolder.SignalAt.NONE
                    : new FigureFolder.SignalAt(((Plot) mixin.userObject()).staged, ((Plot) mixin.userObject()).moved);
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
            if (enabled) {
                simulate.addMixin(MIXIN, new Simulate());
            }
        }

        /**
         * The failure a simulate command line asked for.
         *
         * @param simulate the spec of {@code engram simulate}
         * @return its hooks, or {@link SimulationRun.TestHooks#NONE} where the option does not exist
         */
        static SimulationRun.TestHooks of(CommandSpec simulate) {
            CommandSpec mixin = simulate.mixins().get(MIXIN);
            return mixin == null ? SimulationRun.TestHooks.NONE
                    : new SimulationRun.TestHooks(((Simulate) mixin.userObject()).heapRunsOutWriting);
        }
    }

    /**
     * The stops a run command line asked for.
     *
     * @param run the spec of {@code engram run}
     * @return its hooks, or {@link Runner.TestHooks#NONE} where the options do not exist
     */
    static Runner.TestHooks of(CommandSpec run) {
        CommandSpec mixin = run.mixins().get(MIXIN);
        if (mixin == null) {
            return Runner.TestHooks.NONE;
        }
        TestHookOptions o = (TestHookOptions) mixin.userObject();
        return new Runner.TestHooks(o.stopAfterTasks, o.signalBeforeCommit, o.pauseAfterSetup,
                o.signalBeforeTaskSaved, o.pauseBeforeConfig);
    }
}
