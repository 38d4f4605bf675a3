package org.engram.experiments.cli;

import org.engram.experiments.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code engram run} that provoke a stop at a chosen moment, for the tests of
 * stopping and resuming. They exist only in a JVM started with {@code -Dengram.testHooks=true}
 * (the test runs set it): anywhere else {@code engram run} refuses them as unknown options.
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
                o.signalBeforeTaskSaved);
    }
}
