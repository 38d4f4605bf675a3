package org.engram.experiments.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status.json} of a run: whether it is running, complete, stopped or failed, and every
 * (strategy, seed, task) unit completed so far, rewritten atomically after each task.
 *
 * @param experiment the experiment name
 * @param runId      the run id
 * @param state      {@code running}, {@code complete}, {@code stopped} or {@code failed}
 * @param message    why it stopped or failed, or null
 * @param resume     the command that continues the run from its folder, or null: a complete run,
 *                   or a failed one that cannot go on (diverged with Engram's strategies, or made
 *                   for another network; its message says what to do); after an unusable
 *                   checkpoint, the command for once the unit folder its message names is deleted
 * @param updated    when the file was written (ISO-8601 UTC)
 * @param pid        the process that wrote it: a {@code running} run whose process is gone was killed
 * @param totalTasks number of (strategy, seed, task) units of the whole run
 * @param completed  the units completed, in order
 * @param strategyCode the code of the strategies of one's own this session runs, which a resume
 *                   compares with its own
 * @param engramCommits the Engram commits of the sessions that ran it so far, in the order they
 *                   ran, a build listed again only after another ({@code unknown} for a build
 *                   without git, or sessions that did not record theirs): one, unless a resume ran
 *                   another build
 */
public record RunStatus(String experiment, String runId, String state, String message, String resume,
                        String updated, long pid, int totalTasks, List<Completed> completed,
                        List<StrategyCode> strategyCode, List<String> engramCommits) {
    static final String FILE = "status.json";

    /**
     * One completed unit.
     *
     * @param strategy strategy label
     * @param seed     seed
     * @param task     task index, from 0
     */
    public record Completed(String strategy, long seed, int task) {
    }

    /** Copies the list. */
    public RunStatus {
        completed = List.copyOf(completed);
        strategyCode = List.copyOf(strategyCode);
        engramCommits = List.copyOf(engramCommits);
    }

    static RunStatus start(String experiment, String runId, int totalTasks, String resume,
                           List<StrategyCode> strategyCode, List<String> engramCommits) {
        return new RunStatus(experiment, runId, "running", null, resume, Instant.now().toString(), currentPid(),
                totalTasks, List.of(), strategyCode, engramCommits);
    }

    RunStatus with(Completed unit) {
        List<Completed> c = new ArrayList<>(completed);
        c.add(unit);
        return new RunStatus(experiment, runId, state, message, resume, Instant.now().toString(), currentPid(),
                totalTasks, c, strategyCode, engramCommits);
    }

    RunStatus state(String newState, String why, String resumeCommand) {
        return new RunStatus(experiment, runId, newState, why, resumeCommand, Instant.now().toString(), currentPid(),
                totalTasks, completed, strategyCode, engramCommits);
    }

    private static long currentPid() {
        return ProcessHandle.current().pid();
    }

    void write(RunFolder folder) {
        folder.writeString(FILE, JsonFiles.write(this));
    }
}
