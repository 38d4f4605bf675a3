package org.engram.experiments.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.launch.HeapAdvice;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.experiments.task.TaskSequence;
import org.engram.learning.continual.Strategies;
import org.engram.learning.continual.StrategyDiverged;
import org.engram.learning.continual.StrategyFailed;
import org.engram.learning.continual.TaskData;
import org.engram.learning.continual.TrainingDiverged;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.train.EpochResult;
import org.engram.simulator.Plural;

/**
 * The training of a run's units (strategy and seed), with the state it updates as tasks finish: the
 * checkpoints, the run's status and the signal's record of a stop, each update one synchronized step,
 * as units may train side by side.
 */
final class RunLoop {
    private final ExperimentConfig config;
    private final Experiment experiment;
    private final Checkpoints checkpoints;
    private final RunFolder folder;
    private final Runner.TestHooks hooks;
    /** Where a signal says how to continue (standard error). */
    private final PrintWriter err;
    private final List<MetricsWriter.Task> tasks = new ArrayList<>();
    private long samplesPerTask;
    private RunStatus status;
    private boolean finished;
    /** Why the final status could not be written, or null. */
    private RuntimeException statusUnsaved;
    private int tasksThisProcess;
    /** The run's reporter, silenced by a signal; null before the first unit. */
    private volatile Progress progress;
    /** Set when a unit failed: the units beside it stop ({@link #stopUnits}). */
    private volatile boolean unitsStopping;

    RunLoop(ExperimentConfig config, Experiment experiment, Checkpoints checkpoints, RunFolder folder,
            RunStatus status, Runner.TestHooks hooks, PrintWriter err) {
        this.config = config;
        this.experiment = experiment;
        this.checkpoints = checkpoints;
        this.folder = folder;
        this.status = status;
        this.hooks = hooks;
        this.err = err;
    }

    /** @return the run's status as last recorded */
    RunStatus status() {
        return status;
    }

    /** @return the tasks of the run, as the metrics name them */
    List<MetricsWriter.Task> tasks() {
        return tasks;
    }

    /**
     * What a signal does once the run has a folder {@code --resume} can continue: records the
     * stop in {@code status.json} and says where the checkpoints are, as a stop after a task
     * does; nothing if the run has already ended. The training thread goes on until the process
     * ends, so its progress reports are silenced first: the way on is the last line printed.
     */
    void interrupted() {
        if (finish("interrupted", "the process was stopped (signal) before the run ended", true)) {
            Progress reporter = progress;
            if (reporter != null) {
                reporter.silence();
            }
            err.println("engram: stopped by a signal; " + checkpointedIn() + "; continue with: "
                    + LaunchCommand.resume(folder.directory()) + unsavedStatusNote());
            err.flush();
        }
    }

    /**
     * Lists the tasks the checkpoints hold as done (status.json only mirrors them, so a copy
     * damaged or cut short by a kill neither loses finished tasks nor blocks a resume), and
     * reads the task names and sizes from the first seed's sequence. Called inside the run, so
     * a failure is recorded.
     */
    void prepare() {
        recordCheckpointedTasks();
        tasks.addAll(experiment.taskSizes());
        long samples = 0;
        for (MetricsWriter.Task t : tasks) {
            samples += t.trainSamples();
        }
        this.samplesPerTask = samples / tasks.size();
    }

    /**
     * Adds the tasks the checkpoints hold to {@code status.json}, and deletes the learner states
     * that a kill between the writes of a checkpoint left beside the one its progress names.
     * Synchronized like every other status write: a signal's {@link #finish} from the shutdown hook
     * must neither be overwritten with "running" nor collide with this write on the file's
     * temporary name.
     */
    private synchronized void recordCheckpointedTasks() {
        List<RunStatus.Completed> done = new ArrayList<>();
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            for (long seed : config.seeds()) {
                UnitProgress p = checkpoints.progress(spec.label(), seed, experiment.taskCount(),
                        config.tasks().validation(), config.training().epochs(),
                        config.training().evaluateEveryEpoch());
                if (p.complete()) {
                    // Found before any training, for every finished unit, rather than at its turn.
                    checkpoints.verify(p);
                }
                checkpoints.removeOtherStates(p);
                for (int t = 0; t < p.tasksDone(); t++) {
                    done.add(new RunStatus.Completed(spec.label(), seed, t));
                }
            }
        }
        status = status.withCompleted(done);
        status.write(folder);
    }

    /** Training samples of the tasks finished so far, over all units (the mean task size of the first seed). */
    long doneSamples() {
        return (long) status.completed().size() * samplesPerTask * config.training().epochs();
    }

    /** Training samples left to train, over all units (the mean task size of the first seed). */
    long remainingSamples() {
        long left = (long) config.strategies().size() * config.seeds().size() * tasks.size()
                - status.completed().size();
        return left * samplesPerTask * config.training().epochs();
    }

    /** @return the number of (strategy, seed, task) units of the whole run */
    synchronized int totalTasks() {
        return status.totalTasks();
    }

    /**
     * @return where the tasks finished so far are checkpointed, for a stop's message, or that
     *         none had finished (a run refused at its first task had said they were checkpointed)
     */
    synchronized String checkpointedIn() {
        return status.completed().isEmpty() ? "no task had finished; the partial run is in " + folder.directory()
                : "the finished tasks are checkpointed in " + folder.directory();
    }

    /** @return the tasks finished so far, over all units */
    synchronized int tasksDone() {
        return status.completed().size();
    }

    /**
     * Saves a finished task's checkpoint, records the task in {@code status.json} and reports
     * it, as one step for a signal's {@link #finish}: a signal between the first two had left
     * the status a task behind the checkpoints. After a signal it does nothing, as the process
     * is ending: the task's result, printed after the signal's message, read as kept when the
     * resume was to train the task again.
     */
    synchronized void checkpointed(UnitLearner learner, UnitProgress p, RunStatus.Completed unit, Runnable report) {
        if (finished) {
            return;
        }
        checkpoints.save(learner, p);
        status = status.with(unit);
        status.write(folder);
        report.run();
    }

    /**
     * Saves and reports a finished task ({@link #checkpointed}) and counts it, where the test hooks'
     * stops come; one step for units trained side by side, which count their tasks together.
     */
    private synchronized void taskFinished(UnitLearner learner, UnitProgress p, RunStatus.Completed unit,
                                           Runnable report) {
        if (tasksThisProcess + 1 == hooks.signalBeforeTaskSaved()) {
            interrupted();
        }
        checkpointed(learner, p, unit, report);
        tasksThisProcess++;
        if (hooks.stopAfterTasks() > 0 && tasksThisProcess == hooks.stopAfterTasks()
                && status.completed().size() < status.totalTasks()) {
            throw new RunStopped("run stopped after " + Plural.count(tasksThisProcess, "task") + " as asked"
                    + " (--stop-after-tasks)", null);
        }
        if (tasksThisProcess == hooks.heapRunsOutAfterTasks()) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /**
     * Stops the units that train beside one that failed at their next batch or task, and those not
     * started from starting ({@link UnitScheduler}).
     */
    void stopUnits() {
        unitsStopping = true;
    }

    /** Throws {@link UnitScheduler.Stopped} once {@link #stopUnits} was called. */
    private void requireUnitsGoOn() {
        if (unitsStopping) {
            throw new UnitScheduler.Stopped();
        }
    }

    /** Writes the first status, "running", unless a signal has already ended the run. */
    synchronized void begin() {
        if (!finished) {
            status.write(folder);
        }
    }

    /**
     * Writes the final state once; later calls (a shutdown hook after the run ended) do nothing.
     *
     * @param state     the state
     * @param why       the reason, or null
     * @param resumable whether {@code --resume} continues the run from its folder as it is
     * @return whether this call wrote it (the first one does)
     */
    synchronized boolean finish(String state, String why, boolean resumable) {
        if (finished) {
            return false;
        }
        finished = true;
        // The status is read by the command line's user: its advice about the heap is the launcher's.
        status = status.state(state, why == null ? null : HeapAdvice.forCommandLine(why),
                resumable ? LaunchCommand.resume(folder.directory()) : null);
        try {
            status.write(folder);
        } catch (RuntimeException unsaved) {
            // The failure being recorded (a full disk) may be what keeps the status from being
            // written: the caller's message, with how to go on, must not be lost to it.
            statusUnsaved = unsaved;
        }
        return true;
    }

    /**
     * Ends the run without a final status, for a run folder that is gone: there is nothing to
     * write it in, and a signal's hook that came later would write none either.
     */
    synchronized void abandon() {
        finished = true;
        statusUnsaved = null;   // not written for want of a folder: nothing to say of it
    }

    /**
     * @return empty, or a clause saying the final status could not be written and why, for the
     *         end of the stop's message (a resume reads the checkpoints, not the status)
     */
    synchronized String unsavedStatusNote() {
        return statusUnsaved == null ? "" : "; " + RunStatus.FILE + " could not be updated to say so ("
                + statusUnsaved.getMessage() + "): --resume goes by the checkpoints";
    }

    /**
     * Writes the state "complete" and moves the folder into place, as one step for a signal's
     * {@link #finish}: one that comes during it waits, and one that came before keeps the run
     * in its partial folder (status "interrupted", which --resume finishes). Committing after
     * the signal's "interrupted" left a complete run whose status told to resume a folder gone.
     * A "complete" that cannot be written keeps the folder partial too: moved into place, it
     * read as a finished run whose status said "running".
     *
     * @return the final folder
     * @throws RunStopped if a signal has already recorded the stop, or the status cannot be written
     */
    synchronized Path complete() {
        if (finished) {
            throw new RunStopped("the process was stopped (signal) before the run folder was moved into place",
                    null);
        }
        finish("complete", null, false);
        if (statusUnsaved instanceof RunFolderGone gone) {
            throw gone;   // no partial folder to keep: the stop must not send to one
        }
        if (statusUnsaved != null) {
            throw new RunStopped("the run's results are written, but its status could not be marked complete,"
                    + " so its folder was not moved into place", null);
        }
        return folder.commit();
    }

    /**
     * Says which strategies of one's own in a resumed unit keep no checkpoint state: they go on
     * afresh, so the results differ from a run straight through, which the README says but a
     * resume had not. Engram's own strategies without state need none.
     */
    private static void noteStrategiesWithoutState(ExperimentConfig.StrategySpec spec, long seed, int done,
                                                   Progress progress) {
        for (String name : StrategyParams.members(spec)) {
            Object made = Strategies.builtIn(name) ? null : Strategies.create(name);
            if (made != null && !(made instanceof Checkpointable)) {
                progress.message("engram: note: strategy '" + name + "' (" + made.getClass().getName()
                        + ") keeps no checkpoint state (it does not implement Checkpointable): "
                        + spec.label() + ", seed " + seed + " goes on after task " + done + " with it afresh, so"
                        + " its results differ from a run straight through");
            }
        }
    }

    /**
     * Trains one unit from where its checkpoints left it through its last task, checkpointing each
     * task; units that train side by side ({@link UnitScheduler}) call it from their own threads.
     *
     * @param spec     the strategy
     * @param seed     the seed
     * @param progress the run's reporter
     * @return the unit's progress, complete
     * @throws UnitScheduler.Stopped if another unit failed ({@link #stopUnits}) before this one
     *                               finished: at its next batch, or before its next task
     */
    UnitProgress unit(ExperimentConfig.StrategySpec spec, long seed, Progress progress) {
        requireUnitsGoOn();
        this.progress = progress;
        Progress.Unit report = progress.unit();
        int count = experiment.taskCount();
        UnitProgress p = checkpoints.progress(spec.label(), seed, count, config.tasks().validation(),
                config.training().epochs(), config.training().evaluateEveryEpoch());
        if (p.complete()) {
            return p;   // its checkpoint was checked when the run was prepared
        }
        TaskSequence sequence = experiment.sequence(seed);
        Experiment.UnitTasks unitTasks = experiment.tasks(sequence, seed);
        List<TaskData> tasks = unitTasks.learning();
        List<TaskData> validation = unitTasks.validation();
        try (UnitLearner learner = new UnitLearners(experiment).learner(spec, seed, sequence, tasks)) {
            if (p.tasksDone() == 0) {
                p = p.withRandomInit(learner.untrainedAccuracy(tasks));
                if (!validation.isEmpty()) {
                    p = p.withValidationRandomInit(learner.untrainedAccuracy(validation));
                }
            } else {
                try {
                    checkpoints.restore(learner, p);
                } catch (StrategyFailed f) {
                    throw f.in(spec.label(), seed);
                }
                noteStrategiesWithoutState(spec, seed, p.tasksDone(), progress);
            }
            int epochs = config.training().epochs();
            for (int t = p.tasksDone(); t < count; t++) {
                requireUnitsGoOn();
                long taskStart = System.nanoTime();
                List<EpochRecord> records = new ArrayList<>();
                List<double[]> epochAccuracy = new ArrayList<>();
                List<double[]> validationEpochAccuracy = new ArrayList<>();
                try {
                    learner.startTask(t);
                } catch (StrategyFailed f) {
                    throw f.in(spec.label(), seed);
                }
                for (int e = 0; e < epochs; e++) {
                    long t0 = System.nanoTime();
                    report.epochStarted(spec.label(), seed, t, count, e, epochs, tasks.get(t).trainX().length);
                    EpochResult r;
                    try {
                        r = learner.trainEpoch(e, samples -> {
                            report.batch(samples);
                            requireUnitsGoOn();
                        });
                    } catch (StrategyDiverged d) {
                        throw d.in(spec.label(), seed);
                    } catch (StrategyFailed f) {
                        throw f.in(spec.label(), seed);
                    } catch (TrainingDiverged d) {
                        boolean own = !StrategyParams.members(spec).stream().allMatch(Strategies::builtIn);
                        String anew = d.hook() != null ? "start the run anew with weaker strategy parameters"
                                : String.format(Locale.ROOT, "start the run anew with a smaller"
                                + " training.learning_rate (now %s), a training.clip_norm or weaker strategy"
                                + " parameters", config.training().learningRate());
                        throw d.in(spec.label(), seed, anew + (own ? ", or, if the code of your strategy made"
                                + " it, mend " + (d.hook() != null ? "its " + d.hook() : "the code")
                                + " and resume" : ""), own);
                    }
                    EpochRecord record = new EpochRecord(spec.label(), seed, t, e, r.meanLoss(), r.accuracy(),
                            (System.nanoTime() - t0) / 1e9, r.samples());
                    records.add(record);
                    progress.epoch(record);
                    if (config.training().evaluateEveryEpoch()) {
                        epochAccuracy.add(learner.accuracy(tasks));
                        if (!validation.isEmpty()) {
                            validationEpochAccuracy.add(learner.accuracy(validation));
                        }
                    }
                }
                try {
                    learner.finishTask();
                } catch (StrategyFailed f) {
                    throw f.in(spec.label(), seed);
                }
                // The activity counted is that of this evaluation alone (every task's test set after
                // every task), not of the diagnostic ones after each epoch (evaluate_every_epoch) nor
                // of the validation samples.
                long[] activity = learner.inferenceActivity();
                double[] row = learner.accuracy(tasks);
                long[] after = learner.inferenceActivity();
                for (int k = 0; k < activity.length; k++) {
                    activity[k] = after[k] - activity[k];
                }
                double[] validationRow = validation.isEmpty() ? null : learner.accuracy(validation);
                String hash = t == count - 1 ? learner.weightsHash() : null;
                double seconds = (System.nanoTime() - taskStart) / 1e9;
                p = p.withTask(row, records, epochAccuracy, validationEpochAccuracy, seconds, hash, activity);
                if (validationRow != null) {
                    p = p.withValidationRow(validationRow);
                }
                int task = t;
                try {
                    taskFinished(learner, p, new RunStatus.Completed(spec.label(), seed, t),
                            () -> progress.task(spec.label(), seed, task, count, row, validationRow));
                } catch (StrategyFailed f) {
                    throw f.in(spec.label(), seed);
                }
            }
        }
        return p;
    }
}
