package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.learning.continual.Gpm;
import org.engram.learning.continual.Hlop;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.Strategies;
import org.engram.learning.continual.StrategyDiverged;
import org.engram.learning.continual.StrategyFailed;
import org.engram.learning.continual.TrainingDiverged;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.IoReasons;
import org.engram.simulator.Plural;

/**
 * Runs an experiment: every strategy, for every seed, through every task, then writes metrics,
 * plots and the summary into the run folder and moves it into place.
 *
 * <p>One (strategy, seed) pair is a unit; a unit evaluates the untrained network on every task
 * (for FWT), then per task trains its epochs, evaluates every task (a row of the accuracy matrix)
 * and checkpoints. A run that stops keeps its partial folder; {@link Request#resume} continues it
 * after the last checkpointed task of each unit, with the same final results as a run that never
 * stopped.
 */
public final class Runner {
    /** The name of a partial folder, {@code .<run-id>.partial}; group 1 is the run id. */
    static final Pattern PARTIAL = Pattern.compile("\\.(.+)\\.partial");

    private Runner() {
    }

    /**
     * What to run.
     *
     * @param config      the resolved config (for a resumed run: of the new command line, or null)
     * @param resultsRoot the results root folder
     * @param resume      the partial folder of a stopped run to continue, or null
     * @param threads     {@code --threads} for a resumed run, or null
     * @param jobs        how many units (strategy and seed) train at once ({@code --jobs}), each on the
     *                    config's threads, 1 to {@link #MAX_JOBS}; the results do not depend on it
     * @param commandLine the arguments, for provenance
     * @param hooks       stops that tests provoke at chosen moments; {@link TestHooks#NONE} otherwise
     */
    public record Request(ConfigLayers.Resolved config, Path resultsRoot, Path resume, Integer threads, int jobs,
                          List<String> commandLine, TestHooks hooks) {
        /**
         * Takes no hooks (null) as {@link TestHooks#NONE}.
         *
         * @param config      the resolved config (for a resumed run: of the new command line, or null)
         * @param resultsRoot the results root folder
         * @param resume      the partial folder of a stopped run to continue, or null
         * @param threads     {@code --threads} for a resumed run, or null
         * @param jobs        how many units train at once, 1 to {@link #MAX_JOBS}
         * @param commandLine the arguments, for provenance
         * @param hooks       stops that tests provoke at chosen moments; {@link TestHooks#NONE} otherwise
         * @throws EngramException if {@code jobs} is out of its range, naming {@code --jobs}
         */
        public Request {
            requireJobs(jobs);
            hooks = hooks == null ? TestHooks.NONE : hooks;
        }

        /**
         * What to run, one unit at a time, with no test hooks.
         *
         * @param config      the resolved config (for a resumed run: of the new command line, or null)
         * @param resultsRoot the results root folder
         * @param resume      the partial folder of a stopped run to continue, or null
         * @param threads     {@code --threads} for a resumed run, or null
         * @param commandLine the arguments, for provenance
         */
        public Request(ConfigLayers.Resolved config, Path resultsRoot, Path resume, Integer threads,
                       List<String> commandLine) {
            this(config, resultsRoot, resume, threads, 1, commandLine, TestHooks.NONE);
        }
    }

    /** The most units {@code --jobs} trains at once, as many as the most worker threads a config may ask. */
    public static final int MAX_JOBS = 1024;

    /**
     * Refuses a count of units to train at once outside 1 to {@link #MAX_JOBS}.
     *
     * @param jobs the count ({@code --jobs})
     * @throws EngramException naming {@code --jobs}, the range and the count
     */
    public static void requireJobs(int jobs) {
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new EngramException("engram run", "--jobs", "how many units (strategy and seed) train at once,"
                    + " 1 to " + MAX_JOBS, String.valueOf(jobs), null);
        }
    }

    /**
     * Stops that tests provoke at moments a real kill or signal could not be timed to hit.
     *
     * @param stopAfterTasks        stop (as if killed) after this many tasks of this process; 0 = never
     * @param signalBeforeCommit    act as if a signal (SIGTERM) came after the plots were drawn, just
     *                              before the run folder is moved into place
     * @param pauseAfterSetup       once the run has its folder (and, for a new run, its config and
     *                              data record), wait for a signal before training
     * @param signalBeforeTaskSaved act as if a signal came once this many tasks of this process are
     *                              evaluated, before the last of them is saved; 0 = never
     * @param pauseBeforeConfig     wait for a signal before the command reads the config (or, with
     *                              {@code --resume}, before it looks at the partial folder)
     * @param heapRunsOutAfterTasks act as if the heap ran out once this many tasks of this process are
     *                              saved, where no heap size makes it run out reliably (the run refuses a
     *                              heap too small for a unit before it trains); 0 = never
     */
    public record TestHooks(int stopAfterTasks, boolean signalBeforeCommit, boolean pauseAfterSetup,
                            int signalBeforeTaskSaved, boolean pauseBeforeConfig, int heapRunsOutAfterTasks) {
        /** No provoked stops: what every run outside the tests has. */
        public static final TestHooks NONE = new TestHooks(0, false, false, 0, false, 0);
    }

    /**
     * A finished run.
     *
     * @param folder  the run folder
     * @param summary the Markdown summary (also {@code summary.md})
     */
    public record Outcome(Path folder, String summary) {
    }

    /**
     * The projections that project the readout's updates as well as the hidden layers': in
     * class-incremental learning, where one readout serves every task, a new task's classes then learn
     * only in the directions the earlier tasks' hidden activity left free.
     */
    static final List<String> READOUT_PROJECTIONS = List.of(Gpm.NAME, Hlop.NAME);

    /**
     * Tells, once each, what of the config runs otherwise than its user may expect, where it runs (or
     * where {@code --print-config} shows what would run): the user strategies left out because they
     * reuse the name of a built-in the config runs (the built-in trains, and a user who meant their own
     * class must hear of it, not only from {@code engram list}), and projections that also hold back
     * the shared readout in class-incremental learning ({@link #READOUT_PROJECTIONS}).
     *
     * @param config the config
     * @param err    where the warnings go
     */
    public static void warnOfConfig(ExperimentConfig config, PrintWriter err) {
        Set<String> told = new LinkedHashSet<>();
        Set<String> readoutProjections = new LinkedHashSet<>();
        boolean classIncremental = config.tasks().scenario() == Scenario.CLASS_INCREMENTAL;
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            for (String name : StrategyParams.members(spec)) {
                told.addAll(Strategies.leftOutUnder(name));
                if (classIncremental && READOUT_PROJECTIONS.contains(name)) {
                    readoutProjections.add(name);
                }
            }
        }
        if (!readoutProjections.isEmpty()) {
            told.add(String.join(" and ", readoutProjections) + " in class-incremental learning project"
                    + (readoutProjections.size() == 1 ? "s" : "") + " the shared readout's updates too, orthogonal"
                    + " to the earlier tasks' activity, so the classes of each new task barely learn (see the"
                    + " strategies' table in README.md)");
        }
        told.forEach(t -> err.println("engram: warning: " + t));
        err.flush();
    }

    /**
     * Runs (or continues) an experiment.
     *
     * @param request what to run
     * @param signal  the command's hook, registered before it read the config and closed by the
     *                command after the run; its action is set here as the run gets its folder, so a
     *                signal from then on records the stop and says how to go on
     * @param err     where progress goes (standard error)
     * @return the finished run
     * @throws ConfigException if the config is invalid; no run folder is created
     * @throws RunStopped      if the run stops before its end; its partial folder stays
     */
    public static Outcome execute(Request request, SignalHook signal, PrintWriter err) {
        Instant start = Instant.now();
        Opened run = request.resume() != null ? reopen(request, signal, err) : create(request, signal, start, err);
        printThreadNotice(request, run.resolved().config(), err);
        warnOfConfig(run.resolved().config(), err);
        try {
            if (request.hooks().pauseAfterSetup()) {
                pause("after the setup", err);
            }
            return train(request, err, start, run);
        } finally {
            run.folder().release();   // a stopped run's folder is free for a later --resume
        }
    }

    /**
     * Notes threads beyond the processors ({@link ThreadNotice}): units side by side each have the
     * config's threads, and all of them take turns on the processors.
     */
    private static void printThreadNotice(Request request, ExperimentConfig c, PrintWriter err) {
        String threads = request.threads() != null ? "--threads" : "threads";
        int units = c.strategies().size() * c.seeds().size();
        int together = unitsAtOnce(request, c);
        ThreadNotice.print(err, "engram run", together == 1 ? threads : "--jobs " + request.jobs()
                + (request.jobs() > units ? " (" + units + " units)" : "") + " x " + threads + " " + c.threads()
                + " =", together * c.threads());
    }

    /** The units that train at once: {@code --jobs}, or all of them when there are fewer. */
    private static int unitsAtOnce(Request request, ExperimentConfig c) {
        return Math.min(request.jobs(), c.strategies().size() * c.seeds().size());
    }

    private static Outcome train(Request request, PrintWriter err, Instant start, Opened run) {
        ExperimentConfig c = run.resolved().config();
        RunFolder folder = run.folder();
        RunLoop loop = run.loop();
        boolean resumed = request.resume() != null;
        Provenance provenance = Provenance.of(resumed ? RunFolder.startOf(folder.runId()) : start,
                resumed ? start : null, c.seeds(), c.threads(), request.jobs(), run.data(), run.configHash(),
                run.resolved().resultHash(), request.commandLine(), run.strategyCode(), loop.status().engramCommits());
        try {
            loop.begin();
            loop.prepare();
            List<UnitProgress> results;
            try (Progress progress = Progress.create(loop.doneSamples() + loop.remainingSamples(), loop.doneSamples(),
                    err)) {
                if (request.resume() != null) {
                    progress.message("resuming " + folder.directory() + " after " + loop.tasksDone()
                            + " of " + Plural.count(loop.totalTasks(), "task"));
                }
                List<Supplier<UnitProgress>> units = new ArrayList<>();
                for (ExperimentConfig.StrategySpec spec : c.strategies()) {
                    for (long seed : c.seeds()) {
                        units.add(() -> loop.unit(spec, seed, progress));
                    }
                }
                results = UnitScheduler.train(units, request.jobs(), loop::stopUnits);
            }
            MetricsWriter report = MetricsWriter.of(c, folder.runId(), loop.tasks(), run.experiment().located(),
                    results, provenance);
            report.write(folder);
            RunPlots.draw(RunResults.read(folder.directory()), folder, c.threads());
            if (request.hooks().signalBeforeCommit()) {
                loop.interrupted();
            }
            return new Outcome(loop.complete(), report.summary());
        } catch (RuntimeException e) {
            throw withUnsavedStatus(stopped(e, loop, folder, err), loop, err);
        } catch (OutOfMemoryError e) {
            // The arrays that did not fit are gone with the stack, so the status can be written; the
            // command line says how to allow more memory.
            loop.finish("failed", "out of memory (Java heap of " + heapMegabytes() + " MB); "
                    + HeapLimitExceeded.MORE_HEAP, true);
            err.println("engram: the run ran out of memory; " + loop.checkpointedIn() + "; with a larger heap,"
                    + " continue with: " + LaunchCommand.resume(folder.directory()) + loop.unsavedStatusNote());
            err.flush();
            throw e;
        }
    }

    /**
     * A run folder ready for training, with its config, data and the loop that records its progress.
     *
     * @param configHash   the hash of the run's {@code config.yaml}, as it started
     * @param strategyCode the code of its strategies of one's own, found once (it reads their jars)
     */
    private record Opened(ConfigLayers.Resolved resolved, String configHash, Experiment experiment, DataRecord data,
                          RunFolder folder, RunLoop loop, List<StrategyCode> strategyCode) {
    }

    /**
     * Starts a new run: data first (so bad data leaves no folder), then the folder with its config
     * and the record of its data; if these cannot be saved (a full disk), the folder is removed
     * again. A signal waits for a setup under way (a few small files), which leaves a folder
     * {@code --resume} continues; one that came before it leaves no folder.
     */
    private static Opened create(Request request, SignalHook signal, Instant start, PrintWriter err) {
        ConfigLayers.Resolved resolved = request.config();
        Experiment experiment = Experiment.prepare(resolved.config());
        new PreRunChecks(experiment).checkBuildable(resolved.where());
        new HeapFit(experiment).requireUnitsFit(unitsAtOnce(request, resolved.config()),
                unfinishedUnits(resolved.config(), List.of()), Runtime.getRuntime().maxMemory());
        printNotices(experiment, err);
        DataRecord data = experiment.dataRecord();
        AbandonedSimulations.remove(request.resultsRoot(), resolved.config().name(), err);
        return signal.step(() -> {
            RunFolder folder = RunFolder.createNew(request.resultsRoot(), resolved.config().name(), start,
                    resolved.yaml());
            try {
                folder.lock(err);
                folder.writeString("config.yaml", resolved.yaml());
                data.write(folder);
            } catch (RuntimeException e) {
                // The folder is this call's own and holds nothing a resume could use (it needs both files).
                throw folder.discardAfter(e);
            }
            return opened(request, signal, err, resolved, resolved.hash(), experiment, data, folder, List.of(),
                    StrategyCode.of(resolved.config().strategies()), List.of(thisBuild()));
        });
    }

    /**
     * Makes the loop over a folder that {@code --resume} can continue and makes its record of a
     * stop the signal's action; called inside a {@link SignalHook#step}, so that no signal comes
     * between the two.
     */
    private static Opened opened(Request request, SignalHook signal, PrintWriter err, ConfigLayers.Resolved resolved,
                                 String configHash, Experiment experiment, DataRecord data, RunFolder folder,
                                 List<RunStatus.Completed> completedBefore, List<StrategyCode> code,
                                 List<String> commits) {
        ExperimentConfig c = resolved.config();
        RunStatus status = RunStatus.start(c.name(), folder.runId(), c.strategies().size() * c.seeds().size()
                * c.tasks().count(), LaunchCommand.resume(folder.directory()), completedBefore, code, commits);
        RunLoop loop = new RunLoop(c, experiment, new Checkpoints(folder), folder, status, request.hooks(), err);
        signal.act(loop::interrupted);
        return new Opened(resolved, configHash, experiment, data, folder, loop, code);
    }

    /**
     * Test hook: waits for a signal at a moment a real signal could not be timed to hit, such as
     * where the run has its folder and has not begun training (where the setup's hook used to end
     * before the training's began) or before the command reads its config.
     *
     * @param moment where the run waits, for the message, e.g. {@code "after the setup"}
     * @param err    where it says that it waits
     * @throws RunStopped if the waiting thread is interrupted
     */
    public static void pause(String moment, PrintWriter err) {
        err.println("engram: paused " + moment + " (test hook); waiting for a signal");
        err.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStopped("the pause " + moment + " was interrupted", e);
        }
    }

    /**
     * Reopens a stopped run from its partial folder, with the config stored there and the data it
     * started with; the folder is locked and the signal's action set as one step.
     */
    private static Opened reopen(Request request, SignalHook signal, PrintWriter err) {
        Path dir = request.resume().toAbsolutePath().normalize();
        Matcher m = PARTIAL.matcher(dir.getFileName().toString());
        String runId = m.matches() ? m.group(1) : dir.getFileName().toString();
        Path partial = dir.resolveSibling("." + runId + ".partial");
        if (!Files.isDirectory(partial)) {
            throw new EngramException(request.resume().toString(), "--resume",
                    "the partial folder of a stopped run (results/<experiment>/.<run-id>.partial)", notPartial(dir),
                    finishedMeanwhile(dir, dir.resolveSibling(runId)));
        }
        Path configFile = partial.resolve("config.yaml");
        if (AbandonedSimulations.isSimulation(configFile)) {
            throw new EngramException(request.resume().toString(), "--resume", "the partial folder of an engram run",
                    "the folder of an engram simulate, which cannot be resumed", "delete it and simulate again");
        }
        if (!Files.exists(configFile) && !Checkpoints.anyIn(partial)) {
            throw new EngramException(request.resume().toString(), "--resume", "the partial folder of a stopped run",
                    "a folder without config.yaml or checkpoints, left by a run killed as it made the folder (before"
                    + " it saved its config, so nothing was trained)", "delete it and start the run anew");
        }
        JsonNode lastStatus = readStatus(partial);
        requireGoesOn(partial, lastStatus);
        // The run id carries the hash of the config the run started with, which config.yaml holds as
        // written: an edited file would finish the run under other settings than its first tasks had.
        // Either the file's text or its resolution now may carry it: the text, where a later Engram
        // resolves it otherwise (a relative data.path made absolute); the resolution, where the file
        // was only reformatted (line endings, a comment).
        String resolvedNow;
        try {
            resolvedNow = ConfigLayers.resolve(configFile, List.of(), ConfigLayers.Flags.NONE).yaml();
        } catch (ConfigException e) {
            if (!startedWith(runId, configFile)) {
                throw new ConfigException(e.getMessage() + "; " + partial.resolve("config.yaml") + " is not the"
                        + " config the run started with (run " + runId + "): restore the file, or start a new run", e);
            }
            // The file the run started with, refused now: a strategy of the user's whose provider is
            // not on the class path, or a rule added since (a chain order, say), which mending the
            // file would not get round, since that makes it another run's config.
            throw new ConfigException(e.getMessage() + "; this is the config the run started with: if it names a"
                    + " strategy of your own, put its provider on ENGRAM_CLASSPATH; else this Engram no longer"
                    + " accepts it, and the run can only start anew with the config mended", e);
        }
        String started;
        try {
            started = RunFolder.carries(runId, resolvedNow) ? resolvedNow : Files.readString(configFile);
        } catch (IOException e) {
            throw new EngramException(configFile.toString(), null, "a readable config.yaml", IoReasons.of(e), null);
        }
        if (!RunFolder.carries(runId, started)) {
            throw new ConfigException(configFile.toString(), null, "the config the run started with (run "
                    + runId + ")", "an edited config.yaml", "restore the file, or start a new run");
        }
        ConfigLayers.Resolved resolved = ConfigLayers.resolve(configFile, List.of(),
                new ConfigLayers.Flags(null, request.threads()));
        if (request.config() != null && !request.config().resultHash().equals(resolved.resultHash())) {
            List<String> keys = ConfigDifferences.between(resolved.yaml(), request.config().yaml());
            // The config given beside --resume is at fault, not the run's own config.yaml.
            throw new ConfigException("engram run", "CONFIG.yaml", "the same config as the run being resumed (its "
                    + partial.resolve("config.yaml") + "; only threads may change)",
                    keys.isEmpty() ? "a different config" : "a config that differs in " + String.join("; ", keys),
                    "resume without CONFIG.yaml, or start a new run");
        }
        List<StrategyCode> code = StrategyCode.of(resolved.config().strategies());
        noteChangedCode(lastStatus, code, err);
        boolean trainedBefore = Checkpoints.anyIn(partial);
        List<String> commits = withThisBuild(lastStatus, trainedBefore, err);
        // A run killed (kill -9) between saving its config and its data.json trained nothing: no data
        // was used yet, so the resume finds and records it as a new run does.
        boolean unrecorded = !trainedBefore && !Files.exists(partial.resolve(DataRecord.FILE));
        DataRecord startData = unrecorded ? null : DataRecord.read(partial);
        Experiment experiment = Experiment.prepare(resolved.config(), startData);
        DataRecord data = experiment.dataRecord();
        if (unrecorded) {
            printNotices(experiment, err);
        } else {
            startData.requireSame(partial, data);
        }
        List<RunStatus.Completed> completedBefore = RunStatus.completedIn(lastStatus);
        List<ExperimentConfig.StrategySpec> unfinished = unfinishedUnits(resolved.config(), completedBefore);
        HeapFit heap = new HeapFit(experiment);
        heap.requireEachUnitFitsOnResume(partial, unfinished, Runtime.getRuntime().maxMemory());
        heap.requireUnitsFit(Math.min(request.jobs(), unfinished.size()), unfinished, Runtime.getRuntime().maxMemory());
        RunFolder folder = RunFolder.resume(dir.getParent().getParent(), dir.getParent().getFileName().toString(),
                runId);
        return signal.step(() -> {
            folder.lock(err);
            if (unrecorded) {
                data.write(folder);
            }
            return opened(request, signal, err, resolved, ConfigLayers.sha256(started), experiment, data, folder,
                    completedBefore, code, commits);
        });
    }

    /**
     * The strategy of each unit (strategy and seed) a run still trains, by the tasks {@code status.json}
     * lists as completed: a status damaged or cut short lists fewer, and counts more units, never fewer.
     */
    private static List<ExperimentConfig.StrategySpec> unfinishedUnits(ExperimentConfig c,
            List<RunStatus.Completed> completed) {
        Map<List<Object>, Set<Integer>> tasksDone = new HashMap<>();
        for (RunStatus.Completed done : completed) {
            tasksDone.computeIfAbsent(List.of(done.strategy(), done.seed()), unit -> new HashSet<>()).add(done.task());
        }
        List<ExperimentConfig.StrategySpec> unfinished = new ArrayList<>();
        for (ExperimentConfig.StrategySpec spec : c.strategies()) {
            for (long seed : c.seeds()) {
                if (tasksDone.getOrDefault(List.of(spec.label(), seed), Set.of()).size() < c.tasks().count()) {
                    unfinished.add(spec);
                }
            }
        }
        return unfinished;
    }

    /** Says so when the data found is the bundled subset unasked, or holds too few samples for a per-task limit. */
    private static void printNotices(Experiment experiment, PrintWriter err) {
        for (String notice : new String[] {experiment.subsetNotice(), experiment.limitNotice()}) {
            if (notice != null) {
                err.println("engram: " + notice);
                err.flush();
            }
        }
    }

    /**
     * Refuses, before anything trains, a run whose status says it cannot go on as it is (a
     * diverged run would train until it diverged again); an unreadable status, as a kill may leave
     * it, does not stop a resume, since the checkpoints say what is done.
     */
    private static void requireGoesOn(Path partial, JsonNode status) {
        if (status != null && "failed".equals(status.path("state").asText()) && status.path("resume").isNull()) {
            throw new EngramException(partial.resolve(RunStatus.FILE).toString(), "resume", "a run that can go on",
                    "a run that failed and cannot be continued: " + status.path("message").asText(), null);
        }
    }

    /** A stopped run's {@code status.json}, or null when a kill left it unreadable. */
    private static JsonNode readStatus(Path partial) {
        try {
            return JsonFiles.MAPPER.readTree(Files.readString(partial.resolve(RunStatus.FILE)));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Says so when a strategy of one's own has other code than the run ran with so far, which the
     * results would mix: expected after mending a bug, a surprise otherwise. Not refused, since
     * mending the code is how a run its code broke goes on. The class file is compared first, then
     * the class files of the jar or folder it comes from, which hold what it calls.
     */
    private static void noteChangedCode(JsonNode status, List<StrategyCode> now, PrintWriter err) {
        if (status == null) {
            return;
        }
        for (StrategyCode code : now) {
            for (JsonNode before : status.path("strategy_code")) {
                if (!code.name().equals(before.path("name").asText())) {
                    continue;
                }
                String classChange = changed(before.path("class_sha256").asText(null), code.classSha256());
                String codeChange = changed(before.path("code_sha256").asText(null), code.codeSha256());
                if (classChange != null) {
                    note(err, code, "is other code than the run ran with so far (class file SHA-256 " + classChange
                            + "): the tasks it finished were trained by the earlier code");
                } else if (codeChange != null) {
                    note(err, code, "may call other code than the run ran with so far (the class files of "
                            + code.source() + ", SHA-256 " + codeChange + "): the tasks it finished may have been"
                            + " trained by the earlier code");
                }
            }
        }
    }

    /** This build's commit, as status.json and metrics.json list it. */
    private static String thisBuild() {
        String commit = Platform.current().engramCommit();
        return commit == null ? "unknown" : commit;
    }

    /**
     * The Engram commits of the sessions that ran a stopped run, with this one's added when it
     * differs from the last: the tasks it finished were trained by that build, which the results
     * would mix with this one's. Said, not refused, since a build that mends a bug is a reason to
     * go on. A status without the list (unreadable, or written by an Engram that did not keep it)
     * leaves the earlier builds {@code unknown}, unless no task was checkpointed: then no build
     * trained any part of the run (a full disk stopped it before its first status was written).
     */
    private static List<String> withThisBuild(JsonNode status, boolean trainedBefore, PrintWriter err) {
        List<String> commits = new ArrayList<>();
        if (status != null) {
            status.path("engram_commits").forEach(c -> commits.add(c.asText()));
        }
        if (commits.isEmpty() && !trainedBefore) {
            commits.add(thisBuild());
        } else if (commits.isEmpty()) {
            commits.add("unknown");
        }
        String now = thisBuild();
        if (!commits.get(commits.size() - 1).equals(now)) {
            err.println(commits.equals(List.of("unknown"))
                    ? "engram: note: which Engram build trained this run's finished tasks is unknown (its "
                            + RunStatus.FILE + " could not be read, or was written by an Engram that did not record"
                            + " it); it goes on with " + now + ", and metrics.json's provenance lists unknown, then "
                            + now + " as engram_commits"
                    : "engram: note: this run was trained so far by Engram " + String.join(", then ", commits)
                            + ", and goes on with " + now + ": its results mix the builds (metrics.json's provenance"
                            + " lists them as engram_commits)");
            err.flush();
            commits.add(now);
        }
        return commits;
    }

    private static void note(PrintWriter err, StrategyCode code, String what) {
        err.println("engram: note: strategy '" + code.name() + "' (" + code.className() + ") " + what);
        err.flush();
    }

    /** Two digests as "A then, B now" (their first 12 digits), or null when they agree or one is unknown. */
    private static String changed(String then, String now) {
        return then == null || now == null || then.equals(now) ? null
                : then.substring(0, Math.min(12, then.length())) + " then, " + now.substring(0, 12) + " now";
    }

    /** Whether a saved config's text is the one a run started with (its run id carries its hash). */
    private static boolean startedWith(String runId, Path configFile) {
        try {
            return RunFolder.carries(runId, Files.readString(configFile));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Where a stopped run that was given by its partial folder, gone now, was finished: two resumes
     * started together, the second after the first's end, found "no such folder" and no more.
     *
     * @return a hint naming the finished folder, or null
     */
    private static String finishedMeanwhile(Path dir, Path finalDir) {
        boolean givenGonePartial = !Files.exists(dir) && !dir.equals(finalDir);
        return givenGonePartial && isFinished(finalDir) ? "the run is finished, in "
                + finalDir + " (by another --resume, or by the run itself)" : null;
    }

    /** What {@code --resume} was given instead of a partial folder, for its message. */
    private static String notPartial(Path dir) {
        if (isFinished(dir)) {
            return "a finished run, which is never changed";
        }
        return Files.isDirectory(dir) ? "a folder that holds no stopped run" : Files.exists(dir) ? "a file"
                : "no such folder";
    }

    /** Whether a folder holds a finished run: its {@code metrics.json} and {@code config.yaml}. */
    private static boolean isFinished(Path dir) {
        return Files.isRegularFile(dir.resolve("metrics.json")) && Files.isRegularFile(dir.resolve("config.yaml"));
    }

    /** The heap's limit in MB, rounded as the other messages round it (they said 104 and 105 MB of one heap). */
    private static long heapMegabytes() {
        return Math.round(Runtime.getRuntime().maxMemory() / 1e6);
    }

    /**
     * Adds to a stopped run's message that its status could not be recorded (the disk that failed a
     * checkpoint is full for status.json too), rather than losing the message to that failure.
     */
    private static RuntimeException withUnsavedStatus(RuntimeException stopped, RunLoop loop, PrintWriter err) {
        String note = loop.unsavedStatusNote();
        if (note.isEmpty()) {
            return stopped;
        }
        if (stopped instanceof RunStopped s) {
            return new RunStopped(s.getMessage() + note, s.getCause());
        }
        err.println("engram: " + note.substring(2));   // a bug's message was printed; its stack trace follows
        err.flush();
        return stopped;
    }

    /**
     * Records why a run stopped and says how to continue it.
     *
     * @return the exception to throw: a {@link RunStopped} for user errors and requested stops, else
     *         the original (a bug, whose stack trace the command line prints)
     */
    private static RuntimeException stopped(RuntimeException e, RunLoop loop, RunFolder folder, PrintWriter err) {
        if (e instanceof HeapLimitExceeded h) {
            // Refused before it was drawn, in the simulator's words (populations, rules): what the
            // user of a run can change is the heap, or the layers' sizes, which the config's check
            // before the run reports in its own words.
            String why = "the run needs more memory than the Java heap of " + heapMegabytes() + " MB holds ("
                    + h.source() + ": " + h.location() + ": expected " + h.expected() + ", found " + h.found() + ")";
            loop.finish("failed", why, true);
            return new RunStopped(why + "; " + loop.checkpointedIn() + "; "
                    + HeapLimitExceeded.MORE_HEAP + " and continue with: "
                    + LaunchCommand.resume(folder.directory()), null);
        }
        if (e instanceof TrainingDiverged d && d.ownCode()) {
            // A strategy of one's own may have made the NaN: once its code is mended, the checkpoints go on.
            loop.finish("failed", e.getMessage(), true);
            return new RunStopped(e.getMessage() + "; " + loop.checkpointedIn() + "; with the code mended,"
                    + " continue with: " + LaunchCommand.resume(folder.directory()), null);
        }
        if (e instanceof TrainingDiverged || e instanceof StrategyDiverged) {
            // Not 'continue with --resume': the same config would diverge again.
            loop.finish("failed", e.getMessage(), false);
            return new RunStopped(e.getMessage() + " (the partial run is in " + folder.directory()
                    + "; delete it: resuming would diverge again)", null);
        }
        if (e instanceof UnusableCheckpoint u) {
            String why = "the run cannot go on from the checkpoint of " + u.unit() + ": " + u.getMessage();
            String message = why + "; " + howToGoOn(u, folder.directory());
            // Once the unit's folder is deleted, --resume goes on: the status gives the command with that step.
            loop.finish("failed", u.otherNetwork() ? message : why + "; first delete "
                    + folder.directory().resolve(u.unitFolder()), !u.otherNetwork());
            return new RunStopped(message, e);
        }
        if (e instanceof RunFolderGone) {
            // No folder to record the stop in or to resume: the message says to start again.
            loop.abandon();
            return new RunStopped("the run failed: " + e.getMessage(), e);
        }
        boolean asked = e instanceof RunStopped;
        // An Engram error (a full disk, say) speaks for itself; only a bug's message needs its class.
        String why = asked || e instanceof EngramException ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        loop.finish(asked ? "stopped" : "failed", why, true);
        // A strategy's code that failed fails again on resume until it is mended.
        String message = (asked ? e.getMessage() : "the run failed: " + why) + "; " + loop.checkpointedIn()
                + (e instanceof StrategyFailed
                ? "; with the strategy's code mended, continue with: " : "; continue with: ")
                + LaunchCommand.resume(folder.directory());
        if (asked || e instanceof EngramException) {
            return new RunStopped(message, asked ? null : e);
        }
        err.println("engram: " + message);
        err.flush();
        return e;
    }

    /**
     * What to do about a checkpoint a resume cannot read, since resuming as it is would stop there
     * again: train its unit again (the other units keep their checkpoints), or, when the checkpoints
     * hold another network than the config builds now, start the run anew.
     */
    private static String howToGoOn(UnusableCheckpoint u, Path dir) {
        if (u.otherNetwork()) {
            return "the checkpoints were made for another network than this config builds now (by an older Engram;"
                    + " e.g. permuted and rotated task- and class-incremental runs now have one head per task), so"
                    + " this run cannot be continued; start it anew with: "
                    + LaunchCommand.withFile("run", dir.resolve("config.yaml").toString()) + " --out "
                    + LaunchCommand.pathWord(dir.getParent().getParent().toString());
        }
        return "the other finished tasks are checkpointed in " + dir + "; to go on, delete "
                + dir.resolve(u.unitFolder()) + " (" + u.unit() + " then trains again from its first task) and"
                + " continue with: " + LaunchCommand.resume(dir);
    }
}
