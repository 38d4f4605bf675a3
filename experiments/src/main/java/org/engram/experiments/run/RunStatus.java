package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

    /**
     * Copies the list.
     *
     * @param experiment    the experiment name
     * @param runId         the run id
     * @param state         {@code running}, {@code complete}, {@code stopped} or {@code failed}
     * @param message       why it stopped or failed, or null
     * @param resume        the command that continues the run from its folder, or null: a complete run,
     *                      or a failed one that cannot go on (diverged with Engram's strategies, or made
     *                      for another network; its message says what to do); after an unusable
     *                      checkpoint, the command for once the unit folder its message names is deleted
     * @param updated       when the file was written (ISO-8601 UTC)
     * @param pid           the process that wrote it: a {@code running} run whose process is gone was killed
     * @param totalTasks    number of (strategy, seed, task) units of the whole run
     * @param completed     the units completed, in order
     * @param strategyCode  the code of the strategies of one's own this session runs, which a resume
     *                      compares with its own
     * @param engramCommits the Engram commits of the sessions that ran it so far, in the order they
     *                      ran, a build listed again only after another ({@code unknown} for a build
     *                      without git, or sessions that did not record theirs): one, unless a resume ran
     *                      another build
     */
    public RunStatus {
        completed = List.copyOf(completed);
        strategyCode = List.copyOf(strategyCode);
        engramCommits = List.copyOf(engramCommits);
    }

    /**
     * The status of a run that starts or resumes.
     *
     * @param completed the units a resumed run's last status listed as completed (none for a new
     *                  run): kept until the checkpoints are read, so that the list never shrinks
     */
    static RunStatus start(String experiment, String runId, int totalTasks, String resume,
                           List<Completed> completed, List<StrategyCode> strategyCode, List<String> engramCommits) {
        return new RunStatus(experiment, runId, "running", null, resume, Instant.now().toString(), currentPid(),
                totalTasks, completed, strategyCode, engramCommits);
    }

    RunStatus with(Completed unit) {
        List<Completed> c = new ArrayList<>(completed);
        c.add(unit);
        return withCompleted(c);
    }

    /** The status with these units completed in place of those it lists. */
    RunStatus withCompleted(List<Completed> units) {
        return new RunStatus(experiment, runId, state, message, resume, Instant.now().toString(), currentPid(),
                totalTasks, units, strategyCode, engramCommits);
    }

    /**
     * The units a status lists as completed, as a resume starts from them.
     *
     * @param status a stopped run's status, or null when a kill left it unreadable
     * @return its completed units, or none when it lists none readable
     */
    static List<Completed> completedIn(JsonNode status) {
        try {
            return status == null ? List.of() : List.of(JsonFiles.MAPPER.treeToValue(status.path("completed"),
                    Completed[].class));
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
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
