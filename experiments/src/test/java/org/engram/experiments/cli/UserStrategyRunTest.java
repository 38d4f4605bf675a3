package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.LayerActivity;
import org.engram.learning.continual.Strategies;
import org.engram.learning.continual.StrategyProvider;
import org.engram.learning.continual.TaskContext;
import org.engram.learning.io.Checkpointable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy of the user's own, made known by a {@link StrategyProvider} on the class path, runs
 * from a config like a built-in one: listed, its hyperparameters checked, chained, and measured.
 */
class UserStrategyRunTest {
    /**
     * After the first task, one layer learns no more: its accuracy on task 1 cannot fall through it.
     * A negative layer stands for a bug in one's code: the hook then throws, or for -5 and -6 makes NaN; its
     * checkpoint state (the layer and whether it is frozen) fails to be written for -7 and is read
     * short for -8.
     */
    public static final class FreezeLayer implements ContinualStrategy, Checkpointable {
        private final Params params;
        private boolean frozen;

        /** @param layer the layer whose updates are zeroed after the first task */
        public record Params(int layer) {
            /** Refuses as a record of one's own may, with a plain exception. */
            public Params {
                if (layer < -9) {
                    throw new IllegalArgumentException("layer must be >= -9");
                }
            }
        }

        FreezeLayer(Params params) {
            if (params.layer() > 50) {
                throw new IllegalArgumentException("no network here has " + params.layer() + " layers");
            }
            this.params = params;
        }

        @Override
        public String name() {
            return "freeze_layer";
        }

        @Override
        public void beforeTask(TaskContext task) {
            frozen = task.taskIndex() > 0;
        }

        @Override
        public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
            if (frozen && params.layer() == -6 && layer == 1) {
                grad[0] = Float.NaN;
            }
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            if (frozen && params.layer() == -5) {
                Arrays.fill(update, Float.NaN);
            } else if (frozen && params.layer() < 0) {
                throw new IllegalStateException("no layer " + params.layer());
            }
            if (frozen && layer == params.layer()) {
                Arrays.fill(update, 0f);
            }
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            if (params.layer() == -7) {
                throw new IllegalStateException("nothing to write yet");
            }
            out.writeInt(params.layer());
            out.writeBoolean(frozen);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            in.readInt();
            if (params.layer() != -8) {
                frozen = in.readBoolean();
            }
        }
    }

    /** Provides {@code freeze_layer}. */
    public static final class Provider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("freeze_layer", "after the first task, one layer learns no more", "-",
                    Strategies.Role.UPDATE_SCALER,
                    new Strategies.Hyperparameters<>(FreezeLayer.Params.class, new FreezeLayer.Params(0),
                            FreezeLayer::new));
        }
    }

    /** A strategy of one's own that keeps no checkpoint state. */
    public static final class Forgetful implements ContinualStrategy {
        @Override
        public String name() {
            return "forgetful";
        }
    }

    /** Provides {@code forgetful}. */
    public static final class ForgetfulProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("forgetful", "keeps nothing from task to task", "-",
                    Strategies.Role.UPDATE_SCALER, new Strategies.Hyperparameters<>(Strategies.NoParameters.class,
                            new Strategies.NoParameters(), p -> new Forgetful()));
        }
    }

    /**
     * A resumed unit whose strategy of one's own keeps no checkpoint state says that it goes on
     * afresh (the README said so; a resume did not), once per unit, and nothing of Engram's own
     * strategies (replay keeps state, naive needs none).
     */
    @Test
    void aResumeNotesAStrategyOfOnesOwnWithoutState(@TempDir Path dir) throws Exception {
        CliRunner.Result stopped = runMine(dir, "[{name: replay+forgetful}, {name: naive}]", "--stop-after-tasks", "1");
        assertEquals(2, stopped.exitCode(), stopped.err());
        Path partial = partialOf(dir.resolve("out"));
        CliRunner.Result resumed = withProvider(dir, () -> CliRunner.run("run", "--resume", partial.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        String note = "engram: note: strategy 'forgetful' (" + Forgetful.class.getName() + ") keeps no checkpoint"
                + " state (it does not implement Checkpointable): replay+forgetful, seed 1 goes on after task 1 with"
                + " it afresh, so its results differ from a run straight through";
        String all = resumed.out() + resumed.err();
        assertTrue(all.contains(note), all);
        assertEquals(1, all.split("keeps no checkpoint state", -1).length - 1, all);
    }

    /**
     * A provider that cannot be loaded is left out with a warning, and the others, built-in or not,
     * run: it had stopped {@code engram list} and every run.
     */
    @Test
    void aBrokenProviderLeavesTheOthersUsable(@TempDir Path dir) throws Exception {
        List<String> providers = List.of("no.such.Provider", Provider.class.getName());
        CliRunner.Result list = withProviders(dir, providers, () -> CliRunner.run("list"));
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("  freeze_layer "), list.out());
        assertTrue(list.err().contains("engram: warning: user strategy left out: cannot load a user strategy")
                && list.err().contains("no.such.Provider"), list.err());
        Path config = tinyExperiment(dir, "[{name: freeze_layer}, {name: naive}]");
        CliRunner.Result run = withProviders(dir, providers, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString()));
        assertEquals(0, run.exitCode(), run.err());
    }

    /** A provider that reuses the built-in name {@code ewc}. */
    public static final class EwcNamedProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Strategies.Info("ewc", "not Engram's ewc", "-", Strategies.Role.UPDATE_SCALER,
                    new Strategies.Hyperparameters<>(Strategies.NoParameters.class, new Strategies.NoParameters(),
                            p -> new Forgetful()));
        }
    }

    /**
     * A user strategy that reuses a built-in's name is left out and the built-in trains; a run whose
     * config names it, alone or in a chain, says so once on standard error (only {@code engram list}
     * had), as does its {@code --print-config}, and a run that does not name it says nothing.
     */
    @Test
    void aRunOfABuiltInWarnsOfTheUserStrategyLeftOutUnderItsName(@TempDir Path dir) throws Exception {
        List<String> providers = List.of(EwcNamedProvider.class.getName());
        String warning = "engram: warning: the user strategy " + EwcNamedProvider.class.getName() + " reuses the"
                + " name 'ewc' of the built-in ";
        Path config = tinyExperiment(dir, "[{name: ewc}, {name: replay+ewc}]");
        CliRunner.Result run = withProviders(dir, providers, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1, run.err());
        CliRunner.Result printed = withProviders(dir, providers, () -> CliRunner.run("run", config.toString(),
                "--print-config"));
        assertEquals(0, printed.exitCode(), printed.err());
        assertEquals(1, printed.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1, printed.err());
        Path naive = tinyExperiment(dir, "[{name: naive}]");
        CliRunner.Result other = withProviders(dir, providers, () -> CliRunner.run("run", naive.toString(), "--out",
                dir.resolve("out2").toString()));
        assertEquals(0, other.exitCode(), other.err());
        assertFalse(other.err().contains("reuses the name"), other.err());
    }

    /** A second provider of {@code freeze_layer}. */
    public static final class TwinProvider implements StrategyProvider {
        @Override
        public Strategies.Info info() {
            return new Provider().info();
        }
    }

    /**
     * Two providers of one name: {@code engram list} lists neither and names both, and {@code engram
     * run} agrees, refusing a config that names it (the first on the class path had been used).
     */
    @Test
    void aNameTwoProvidersHaveIsUsedByNeither(@TempDir Path dir) throws Exception {
        List<String> providers = List.of(Provider.class.getName(), TwinProvider.class.getName());
        String shared = "the user strategies " + providers.get(0) + " and " + providers.get(1) + " are both named"
                + " 'freeze_layer', so none is used: give each a name of its own, or keep one of them on the class"
                + " path";
        CliRunner.Result list = withProviders(dir, providers, () -> CliRunner.run("list"));
        assertEquals(0, list.exitCode(), list.err());
        assertFalse(list.out().contains("freeze_layer"), list.out());
        assertTrue(list.err().contains("engram: warning: user strategy left out: " + shared), list.err());
        Path config = tinyExperiment(dir, "[{name: freeze_layer}, {name: naive}]");
        CliRunner.Result run = withProviders(dir, providers, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("strategies[0].name: expected a strategy name, one of [") && run.err()
                .contains("found 'freeze_layer'; " + shared), run.err());
    }

    @Test
    void aProvidedStrategyRunsFromAConfig(@TempDir Path dir) throws Exception {
        Path config = tinyExperiment(dir, "[{name: freeze_layer, params: {layer: 1}}, {name: replay+freeze_layer}]");
        CliRunner.Result list = withProvider(dir, () -> CliRunner.run("list"));
        assertTrue(list.out().contains("freeze_layer") && list.out().contains("after the first task, one layer"),
                list.out());
        CliRunner.Result run = withProvider(dir, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("| freeze_layer |") && run.out().contains("| replay+freeze_layer |"), run.out());
        // Engram's commit does not tell this code: the provenance names its class, source and digest, once.
        JsonNode code = new ObjectMapper().readTree(Path.of(run.lastLine()).resolve("metrics.json").toFile())
                .path("provenance").path("strategy_code");
        assertEquals(1, code.size(), code.toString());
        assertEquals("freeze_layer", code.get(0).get("name").asText());
        assertEquals(FreezeLayer.class.getName(), code.get(0).get("class_name").asText());
        Path classFile = Path.of(java.net.URI.create(code.get(0).get("source").asText()))
                .resolve(FreezeLayer.class.getName().replace('.', '/') + ".class");
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(classFile))), code.get(0).get("class_sha256").asText());
        CliRunner.Result typo = withProvider(dir, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString(), "--set", "strategies[0].params.layr=1"));
        assertEquals(2, typo.exitCode(), typo.err());
        assertTrue(typo.err().contains("strategies[0].params.layr: expected one of the keys [layer]"), typo.err());
        CliRunner.Result misordered = withProvider(dir, () -> CliRunner.run("run", config.toString(), "--out",
                dir.resolve("out").toString(), "--set", "strategies[1].name=gpm+freeze_layer"));
        assertEquals(2, misordered.exitCode(), misordered.err());
        assertTrue(misordered.err().contains("write 'freeze_layer+gpm'"), misordered.err());
    }

    /**
     * A run of a user strategy stopped after its first task, resumed without the provider on the
     * class path: the saved config is the one the run started with, so the message says where the
     * provider goes, not that the file was edited.
     */
    @Test
    void resumingWithoutTheProviderSaysWhereItGoes(@TempDir Path dir) throws Exception {
        Path partial = stoppedAfterTheFirstTask(dir);
        CliRunner.Result resumed = CliRunner.run("run", "--resume", partial.toString());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("'freeze_layer'") && resumed.err().contains("this is the config the run"
                + " started with: if it names a strategy of your own, put its provider on ENGRAM_CLASSPATH"),
                resumed.err());
        CliRunner.Result finished = withProvider(dir, () -> CliRunner.run("run", "--resume", partial.toString()));
        assertEquals(0, finished.exitCode(), finished.err());
        assertTrue(!finished.err().contains("is other code"), "the same code: " + finished.err());
    }

    /**
     * A hook that throws fails the run naming the unit, the strategy's class, the hook and the
     * batch, with its stack trace; the status says how to go on once the code is mended (it said
     * "IllegalStateException: no layer -1", and nothing of where).
     */
    @Test
    void aThrowingHookIsNamedWithItsUnitAndBatch(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: freeze_layer, params: {layer: -1}}]");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("freeze_layer, seed 1: strategy 'freeze_layer' (" + FreezeLayer.class.getName()
                + ") failed in transformUpdate (task 2, epoch 1, batch 1, matrix 0): java.lang.IllegalStateException:"
                + " no layer -1"), run.err());
        assertTrue(run.err().contains("at " + FreezeLayer.class.getName() + ".transformUpdate"), run.err());
        assertFailedAndResumable(partialOf(dir.resolve("out")));
    }

    /**
     * Trained beside another unit ({@code --jobs 2}), the unit whose hook throws fails the run in the
     * same words; the other unit stops (or finishes) without a word of its own, and the run can go on
     * from what both checkpointed.
     */
    @Test
    void aUnitThatFailsBesideAnotherFailsTheRunInItsOwnWords(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: naive}, {name: freeze_layer, params: {layer: -1}}]",
                "--jobs", "2");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("freeze_layer, seed 1: strategy 'freeze_layer' (" + FreezeLayer.class.getName()
                + ") failed in transformUpdate (task 2, epoch 1, batch 1, matrix 0): java.lang.IllegalStateException:"
                + " no layer -1"), run.err());
        assertFalse(run.err().contains("another unit"), run.err());
        Path partial = partialOf(dir.resolve("out"));
        assertFailedAndResumable(partial);
        JsonNode completed = new ObjectMapper().readTree(partial.resolve("status.json").toFile()).get("completed");
        assertTrue(completed.toString().contains("{\"strategy\":\"freeze_layer\",\"seed\":1,\"task\":0}"),
                completed.toString());
    }

    /**
     * NaN that a strategy of one's own makes stops the run as diverged, but, since mended code may
     * go on from the checkpoints, its status keeps the resume command (a diverged run of built-in
     * strategies does not).
     */
    @Test
    void aDivergenceWithOwnCodeCanGoOnOnceTheCodeIsMended(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: freeze_layer, params: {layer: -5}}]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("freeze_layer, seed 1: task 2, epoch 1, batch 1: weight 0 of matrix 0 is NaN"),
                run.err());
        assertTrue(run.err().contains("if the code of your strategy made it, mend the code and resume"), run.err());
        assertFailedAndResumable(partialOf(dir.resolve("out")));
    }

    /** A NaN its addPenaltyGradient adds is the hook's: the advice names it, not the learning rate. */
    @Test
    void aNaNPenaltyGradientIsBlamedOnTheHook(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: freeze_layer, params: {layer: -6}}]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("freeze_layer, seed 1: task 2, epoch 1, batch 1, matrix 1: strategy"
                + " 'freeze_layer' (" + FreezeLayer.class.getName() + ") made entry 0 of the gradient NaN in"
                + " addPenaltyGradient"), run.err());
        assertTrue(run.err().contains("; start the run anew with weaker strategy parameters, or, if the code of your"
                + " strategy made it, mend its addPenaltyGradient and resume"), run.err());
        assertFalse(run.err().contains("learning_rate"), run.err());
        assertFailedAndResumable(partialOf(dir.resolve("out")));
    }

    /**
     * A resume notes a strategy of one's own whose class is other code than the run ran with
     * (here its recorded digest is changed, as an edit of the class would change the class file's),
     * and goes on: mending the code is how a run it broke goes on.
     */
    @Test
    void aResumeNotesStrategyCodeThatChanged(@TempDir Path dir) throws Exception {
        Path partial = stoppedAfterTheFirstTask(dir);
        Path statusFile = partial.resolve("status.json");
        JsonNode status = new ObjectMapper().readTree(statusFile.toFile());
        String digest = status.path("strategy_code").get(0).get("class_sha256").asText();
        assertEquals(64, digest.length(), status.toString());
        Files.writeString(statusFile, Files.readString(statusFile).replace(digest, "0".repeat(64)));
        CliRunner.Result resumed = withProvider(dir, () -> CliRunner.run("run", "--resume", partial.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("engram: note: strategy 'freeze_layer' (" + FreezeLayer.class.getName()
                + ") is other code than the run ran with so far (class file SHA-256 000000000000 then, "
                + digest.substring(0, 12) + " now)"), resumed.err());
    }

    /**
     * A resume notes a strategy of one's own whose class is the same but whose folder's other
     * classes, which it may call, changed (here the recorded digest of the folder's classes is).
     */
    @Test
    void aResumeNotesChangedClassesBesideTheStrategy(@TempDir Path dir) throws Exception {
        Path partial = stoppedAfterTheFirstTask(dir);
        Path statusFile = partial.resolve("status.json");
        JsonNode code = new ObjectMapper().readTree(statusFile.toFile()).path("strategy_code").get(0);
        String digest = code.get("code_sha256").asText();
        assertEquals(64, digest.length(), code.toString());
        Files.writeString(statusFile, Files.readString(statusFile).replace(digest, "f".repeat(64)));
        CliRunner.Result resumed = withProvider(dir, () -> CliRunner.run("run", "--resume", partial.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("engram: note: strategy 'freeze_layer' (" + FreezeLayer.class.getName()
                + ") may call other code than the run ran with so far (the class files of "
                + code.get("source").asText()
                + ", SHA-256 ffffffffffff then, " + digest.substring(0, 12) + " now)"), resumed.err());
    }

    /**
     * A constructor of one's own that refuses its values is reported as a config problem, before any
     * folder, at the config's line or the --set that gave a value, with the values as the config writes them.
     */
    @Test
    void aFactoryThatThrowsIsAConfigProblemNamingTheValues(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: freeze_layer, params: {layer: 99}}]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("mine.yaml:8:35: strategies[0].params: expected hyperparameters strategy"
                + " 'freeze_layer' can be made with, found {layer: 99}, for which its factory threw"
                + " java.lang.IllegalArgumentException: no network here has 99 layers"), run.err());
        assertTrue(!Files.exists(dir.resolve("out")), "no run folder");
        CliRunner.Result set = runMine(dir, "[{name: freeze_layer}]", "--set", "strategies[0].params.layer=51");
        assertEquals(2, set.exitCode(), set.err());
        assertTrue(set.err().contains("engram: error: --set strategies[0].params.layer=51: strategies[0].params:"
                + " expected hyperparameters strategy 'freeze_layer' can be made with, found {layer: 51}"), set.err());
        // A record's own check: its words, not Jackson's "Cannot construct instance of ...".
        CliRunner.Result record = runMine(dir, "[{name: freeze_layer, params: {layer: 99}}]", "--set",
                "strategies[0].params.layer=-10");
        assertEquals(2, record.exitCode(), record.err());
        // At the --set that gave the value, as the record's check names no key of its own (it named the file's line).
        assertTrue(record.err().contains("engram: error: --set strategies[0].params.layer=-10: strategies[0].params:"
                + " expected values that Params accepts, found layer must be >= -9"), record.err());
    }

    /**
     * A strategy's state code that fails is named with its unit and class, as a hook is: a
     * {@code writeState} that threw was reported as "writing to memory failed", and a
     * {@code readState} that read 4 of the 5 bytes its {@code writeState} wrote resumed without a
     * word, to results unlike a run straight through.
     */
    @Test
    void aStrategysStateCodeThatFailsIsNamed(@TempDir Path dir) throws Exception {
        CliRunner.Result run = runMine(dir, "[{name: freeze_layer, params: {layer: -7}}]");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("freeze_layer, seed 1: strategy 'freeze_layer' (" + FreezeLayer.class.getName()
                + ") failed in writeState: java.lang.IllegalStateException: nothing to write yet"), run.err());
        CliRunner.Result stopped = runMine(Files.createDirectories(dir.resolve("short")),
                "[{name: freeze_layer, params: {layer: -8}}]",
                "--stop-after-tasks", "1");
        assertEquals(2, stopped.exitCode(), stopped.err());
        Path partial = partialOf(dir.resolve("short/out"));
        CliRunner.Result resumed = withProvider(dir, () -> CliRunner.run("run", "--resume", partial.toString()));
        assertEquals(1, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("freeze_layer, seed 1: strategy 'freeze_layer' ("
                + FreezeLayer.class.getName() + ") read 4 of the 5 bytes of its state in readState")
                && resumed.err().contains("with the strategy's code mended, continue with: "), resumed.err());
        assertFailedAndResumable(partial);
    }

    /** A run that failed in code of one's own: its status gives the command that continues it, once mended. */
    private static void assertFailedAndResumable(Path partial) throws java.io.IOException {
        JsonNode status = new ObjectMapper().readTree(partial.resolve("status.json").toFile());
        assertEquals("failed", status.get("state").asText());
        assertTrue(status.get("resume").asText().endsWith("engram run --resume " + partial), status.toString());
    }

    /** Runs {@code dir/mine.yaml} with these strategies into {@code dir/out}, the provider on the class path. */
    private static CliRunner.Result runMine(Path dir, String strategies, String... more) throws Exception {
        Path config = tinyExperiment(dir, strategies);
        List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(), "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return withProvider(dir, () -> CliRunner.run(args.toArray(String[]::new)));
    }

    /** Runs {@code freeze_layer} on {@code dir/mine.yaml} and stops after its first task: the partial folder. */
    private static Path stoppedAfterTheFirstTask(Path dir) throws Exception {
        CliRunner.Result stopped = runMine(dir, "[{name: freeze_layer}]", "--stop-after-tasks", "1");
        assertEquals(2, stopped.exitCode(), stopped.err());
        return partialOf(dir.resolve("out"));
    }

    /** The folder of the one run of {@code mine} under a results root: a partial one, for the runs that stop here. */
    private static Path partialOf(Path results) throws java.io.IOException {
        try (var entries = Files.list(results.resolve("mine"))) {
            return entries.findFirst().orElseThrow();
        }
    }

    /** Writes {@code dir/mine.yaml}: two tasks of the bundled subset on a small network, with these strategies. */
    private static Path tinyExperiment(Path dir, String strategies) throws java.io.IOException {
        Path config = dir.resolve("mine.yaml");
        Files.writeString(config, String.join("\n",
                "name: mine",
                "threads: 1",
                "data: {bundled: true}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 100, test_per_task: 20}",
                "network: {hidden: [16]}",
                "encoder: {steps: 4}",
                "training: {epochs: 1, batch_size: 16}",
                "strategies: " + strategies,
                ""));
        return config;
    }

    /** Runs the command line with a context class loader whose services file names {@link Provider}. */
    private static CliRunner.Result withProvider(Path dir, Supplier<CliRunner.Result> call) throws Exception {
        return withProviders(dir, List.of(Provider.class.getName(), ForgetfulProvider.class.getName()), call);
    }

    /** Runs the command line with a context class loader whose services file names these providers. */
    private static CliRunner.Result withProviders(Path dir, List<String> providers, Supplier<CliRunner.Result> call)
            throws Exception {
        return CliRunner.withServices(dir, StrategyProvider.class, providers, List.of(), call);
    }
}
