package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy resumes from a checkpoint taken between tasks to bit-identical weights and
 * state, and two runs from scratch agree bit for bit (strategies use no threads; sums run in a
 * fixed order).
 */
class ResumeTest {
    private static final int N = 6;
    private static final int OUT = 3;

    static Stream<Arguments> strategies() {
        List<Arguments> all = new ArrayList<>();
        for (Strategies.Info info : Strategies.list()) {
            all.add(Arguments.of(info.name(), info.defaults()));
        }
        Supplier<ContinualStrategy> chain = () -> Strategies.chain(
                new Replay(new Replay.Params(20, 4, Replay.Buffer.CLASS_BALANCED)),
                new Ewc(Ewc.OnlineParams.defaults()), new Metaplasticity(Metaplasticity.Params.defaults()),
                new Hlop(new Hlop.Params(2, 1, 2, 0.2, 0.9)));
        all.add(Arguments.of("replay+online_ewc+metaplasticity+hlop", chain));
        // The sampled Fisher draws labels from the network: its draws must not depend on what the
        // strategy drew before the checkpoint.
        Supplier<ContinualStrategy> sampled = () -> new Ewc(new Ewc.Params(100, 40, Ewc.Fisher.SAMPLED));
        all.add(Arguments.of("ewc, sampled Fisher", sampled));
        Supplier<ContinualStrategy> onlineSampled = () -> new Ewc(new Ewc.OnlineParams(100, 0.9, 40,
                Ewc.Fisher.SAMPLED));
        all.add(Arguments.of("online_ewc, sampled Fisher, gamma 0.9", onlineSampled));
        return all.stream();
    }

    /** The strategies of {@link #strategies()} that have a state. */
    static Stream<Arguments> checkpointable() {
        return strategies().filter(a -> ((Supplier<?>) a.get()[1]).get() instanceof Checkpointable);
    }

    private static List<SampleSet> tasks() {
        List<SampleSet> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            tasks.add(ToyData.nearSubspace(t, ToyData.randomRows(3, N, 20 + t), OUT, 40, 0.2, 30 + t));
        }
        return tasks;
    }

    private static ToyTrainer trainer(ToyLinearModel model, ContinualStrategy s) {
        ToyTrainer trainer = new ToyTrainer(model, s, tasks(), Scenario.CLASS_INCREMENTAL, 77);
        trainer.learningRate = 0.05;
        return trainer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void resumesToBitIdenticalWeightsAndState(String name, Supplier<ContinualStrategy> factory) throws IOException {
        ContinualStrategy original = factory.get();
        ToyLinearModel model = new ToyLinearModel(N, OUT, 1);
        ToyTrainer first = trainer(model, original);
        first.runTask(0);
        first.runTask(1);
        byte[] checkpoint = state(original);
        float[] weightsAtCheckpoint = model.w.clone();

        ContinualStrategy restored = factory.get();
        if (restored instanceof Checkpointable c) {
            c.readState(new DataInputStream(new ByteArrayInputStream(checkpoint)));
        }
        assertArrayEquals(checkpoint, state(restored), "write(read(state)) == state");

        first.runTask(2);
        ToyLinearModel resumedModel = new ToyLinearModel(N, OUT, 1);
        System.arraycopy(weightsAtCheckpoint, 0, resumedModel.w, 0, N * OUT);
        trainer(resumedModel, restored).runTask(2);
        for (float w : model.w) {
            assertTrue(Float.isFinite(w), "finite weights");
        }
        assertArrayEquals(model.w, resumedModel.w, "resumed weights");
        assertArrayEquals(state(original), state(restored), "resumed state");

        ContinualStrategy again = factory.get();
        ToyLinearModel againModel = new ToyLinearModel(N, OUT, 1);
        trainer(againModel, again).runAll();
        assertArrayEquals(model.w, againModel.w, "second run from scratch");
        assertArrayEquals(state(original), state(again), "second run's state");
    }

    /**
     * A checkpoint taken before any task ended (a run stopped in its first task) holds no importance,
     * anchor or memory: a strategy that reads it, whatever it held, is a fresh one again. It writes the
     * fresh state back and trains the first task to the weights a fresh strategy gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aStateSavedBeforeAnyTaskEndedMakesAFreshStrategy(String name, Supplier<ContinualStrategy> factory)
            throws IOException {
        byte[] fresh = state(factory.get());
        ContinualStrategy used = factory.get();
        ToyTrainer earlier = trainer(new ToyLinearModel(N, OUT, 1), used);
        earlier.runTask(0);
        earlier.runTask(1);
        if (used instanceof Checkpointable c) {
            c.readState(new DataInputStream(new ByteArrayInputStream(fresh)));
        }
        assertArrayEquals(fresh, state(used), "the fresh state, written back");
        ToyLinearModel afterRead = new ToyLinearModel(N, OUT, 1);
        trainer(afterRead, used).runTask(0);
        ToyLinearModel fromScratch = new ToyLinearModel(N, OUT, 1);
        trainer(fromScratch, factory.get()).runTask(0);
        assertArrayEquals(fromScratch.w, afterRead.w);
    }

    private static byte[] state(ContinualStrategy s) throws IOException {
        if (!(s instanceof Checkpointable c)) {
            return new byte[0];
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        c.writeState(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    @Test
    void stateOfAnotherKindOrNewerVersionIsRejected() throws IOException {
        byte[] ewcState = state(new Ewc(Ewc.Params.defaults()));
        Mas mas = new Mas(Mas.Params.defaults());
        EngramException e = assertThrows(EngramException.class,
                () -> mas.readState(new DataInputStream(new ByteArrayInputStream(ewcState))));
        assertTrue(e.getMessage().contains("'mas'") && e.getMessage().contains("'ewc'"), e.getMessage());

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StateCodec.writeHeader(new DataOutputStream(buffer), "gpm", 99);
        Gpm gpm = new Gpm(Gpm.Params.defaults());
        e = assertThrows(EngramException.class,
                () -> gpm.readState(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()))));
        assertTrue(e.getMessage().contains("found 99"), e.getMessage());
    }

    /**
     * A state of the format version after a strategy's own, which a newer Engram would write, is refused
     * with the version found: each strategy reads only the versions it knows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpointable")
    void aStateOfTheNextFormatVersionIsRefused(String name, Supplier<ContinualStrategy> factory) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(state(factory.get())));
        in.readUTF();   // the magic, which writeHeader writes again
        String kind = in.readUTF();
        int next = in.readInt() + 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, kind, next);
        out.write(in.readAllBytes());
        EngramException e = assertThrows(EngramException.class, () -> ((Checkpointable) factory.get()).readState(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals(String.valueOf(next), e.found(), e.getMessage());
    }

    /**
     * Every strategy whose state is shaped like the network (anchors of l2, ewc, online_ewc, mas and si;
     * GPM's bases and HLOP's lateral rows, shaped by the inputs) checks at the start of the next task that
     * the state read from a checkpoint fits the model: a layer of other weight or input counts, or another
     * layer count whose first layer has the same shape, is refused by name.
     */
    @ParameterizedTest
    @CsvSource({"l2, weight count, 18", "ewc, weight count, 18", "online_ewc, weight count, 18",
        "mas, weight count, 18", "si, weight count, 18", "gpm, layer 0 inputs, 6", "hlop, layer 0 inputs, 6"})
    void stateForAnotherNetworkShapeIsRejectedAtTaskStart(String name, String what, int found) throws IOException {
        ToyLinearModel small = new ToyLinearModel(N, OUT, 1);
        ContinualStrategy learned = Strategies.create(name);
        learned.beforeTask(trainer(small, learned).context(0));
        learned.afterTask(trainer(small, learned).context(0));
        ContinualStrategy other = Strategies.create(name);
        ((Checkpointable) other).readState(new DataInputStream(new ByteArrayInputStream(state(learned))));
        ToyLinearModel bigger = new ToyLinearModel(N + 1, OUT, 1);
        EngramException e = assertThrows(EngramException.class,
                () -> other.beforeTask(trainer(bigger, other).context(1)));
        assertTrue(e.getMessage().contains(what) && e.getMessage().contains("found " + found), e.getMessage());
        assertTrue(e.location().startsWith(name + "."), "names the strategy: " + e.location());
        StubModel twoLayers = new StubModel(new int[] {N, OUT}, new int[] {OUT, 1});
        e = assertThrows(EngramException.class,
                () -> other.beforeTask(new FixedTask(1, Scenario.CLASS_INCREMENTAL, 77, twoLayers, null, tasks())));
        assertTrue(e.getMessage().contains("layer count"), e.getMessage());
    }
}
