package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class ChainTest {
    /** Records every hook it receives, prefixed by its name. */
    private static final class Recorder implements ContinualStrategy {
        private final String name;
        private final List<String> log;

        Recorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Support supports(Scenario scenario) {
            return name.equals("b") && scenario == Scenario.CLASS_INCREMENTAL
                    ? Support.no("needs task labels") : Support.YES;
        }

        @Override
        public void beforeTask(TaskContext task) {
            log.add(name + ".beforeTask");
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            log.add(name + ".beforeBatch");
        }

        @Override
        public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
            log.add(name + ".addPenaltyGradient");
        }

        @Override
        public void transformUpdate(int layer, float[] update, LayerActivity act) {
            log.add(name + ".transformUpdate");
        }

        @Override
        public void afterBatch(BatchContext batch) {
            log.add(name + ".afterBatch");
        }

        @Override
        public void afterTask(TaskContext task) {
            log.add(name + ".afterTask");
        }
    }

    /**
     * A per-weight scaling run after a projection multiplies each weight's projected update by its
     * own factor, which brings back components in the protected subspace: that order is refused,
     * inside a nested chain too, and the order with the projection last is built.
     */
    @Test
    void updateScalerAfterProjectionIsRefused() {
        ParameterException flat = assertThrows(ParameterException.class, () -> Strategies.chain(
                new Gpm(Gpm.Params.defaults()), new Metaplasticity(Metaplasticity.Params.defaults())));
        assertTrue(flat.getMessage().contains("metaplasticity after gpm"), flat.getMessage());
        ParameterException nested = assertThrows(ParameterException.class, () -> Strategies.chain(
                Strategies.chain(new Replay(new Replay.Params(10, 2, Replay.Buffer.RESERVOIR)),
                        new Hlop(Hlop.Params.defaults())),
                new ImportanceGating(ImportanceGating.Params.defaults())));
        assertTrue(nested.getMessage().contains("importance_gating after hlop"), nested.getMessage());
        assertEquals("metaplasticity+gpm", Strategies.chain(new Metaplasticity(Metaplasticity.Params.defaults()),
                new Gpm(Gpm.Params.defaults())).name());
        assertEquals(List.of("replay", "metaplasticity", "hlop", "gpm"),
                Strategies.projectionsLast(List.of("hlop", "replay", "gpm", "metaplasticity")));
    }

    @Test
    void everyHookFiresInTrainerOrderAndChainOrder() {
        List<String> log = new ArrayList<>();
        ContinualStrategy chain = Strategies.chain(new Recorder("a", log), new Recorder("b", log));
        SampleSet data = ToyData.inSubspace(0, ToyData.axes(2, 0, 1), 2, 4, 1);
        ToyTrainer trainer = new ToyTrainer(new ToyLinearModel(2, 2, 1), chain, List.of(data),
                Scenario.TASK_INCREMENTAL, 1);
        trainer.epochs = 1;
        trainer.batchSize = 4;
        trainer.runAll();
        List<String> expected = new ArrayList<>();
        for (String hook : List.of("beforeTask", "beforeBatch", "addPenaltyGradient", "transformUpdate",
                "afterBatch", "afterTask")) {
            expected.add("a." + hook);
            expected.add("b." + hook);
        }
        assertEquals(expected, log);
        assertEquals("a+b", chain.name());
    }

    /** A chain asks the trainer for layer activity when any member does (HLOP does, the recorders do not). */
    @Test
    void aChainNeedsActivityWhenAnyMemberDoes() {
        List<String> log = new ArrayList<>();
        assertFalse(Strategies.chain(new Recorder("a", log), new Recorder("b", log)).needsActivity());
        assertTrue(Strategies.chain(new Recorder("a", log), new Hlop(Hlop.Params.defaults())).needsActivity());
        assertTrue(Strategies.chain(new Hlop(Hlop.Params.defaults()), new Recorder("b", log)).needsActivity());
    }

    /** A chain's state is read only by a chain of as many members. */
    @Test
    void aStateOfAnotherMemberCountIsRefused() {
        Chain two = (Chain) Strategies.chain(Strategies.create("l2"), Strategies.create("naive"));
        Chain three = (Chain) Strategies.chain(Strategies.create("l2"), Strategies.create("mas"),
                Strategies.create("naive"));
        EngramException e = assertThrows(EngramException.class,
                () -> StrategyState.restore(StrategyState.bytes(two, "two"), three, "three"));
        assertEquals("l2+mas+naive.member count", e.location(), e.getMessage());
    }

    /**
     * A chain's state is read only by a chain of the same members in the same order: the state of
     * l2+naive is refused by naive+l2, naming the first member that differs and both names, before
     * any member reads a block.
     */
    @Test
    void aStateOfOtherMembersIsRefusedNamingTheFirstThatDiffers() {
        Chain saved = (Chain) Strategies.chain(Strategies.create("l2"), Strategies.create("naive"));
        Chain swapped = (Chain) Strategies.chain(Strategies.create("naive"), Strategies.create("l2"));
        EngramException e = assertThrows(EngramException.class,
                () -> StrategyState.restore(StrategyState.bytes(saved, "saved"), swapped, "swapped"));
        assertEquals("naive+l2.members[0]", e.location(), e.getMessage());
        assertEquals("'naive'", e.expected());
        assertEquals("'l2'", e.found());
    }

    @Test
    void chainIsUnsupportedWhereAnyMemberIs() {
        List<String> log = new ArrayList<>();
        ContinualStrategy chain = Strategies.chain(new Recorder("a", log), new Recorder("b", log));
        assertEquals(Support.YES, chain.supports(Scenario.TASK_INCREMENTAL));
        Support answer = chain.supports(Scenario.CLASS_INCREMENTAL);
        assertFalse(answer.supported());
        assertEquals("b: needs task labels", answer.reason());
    }

    @Test
    void rejectedMemberStateLeavesEveryMemberAsItWas() throws IOException {
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        m.w[0] = new float[] {1, 2};
        Ewc ewc = new Ewc(new Ewc.Params(1, 1, Ewc.Fisher.EMPIRICAL));
        SampleSet one = new ArraySamples(0, new float[1][1], new int[1]);
        ewc.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m,
                new ScriptedOracle(new double[][][] {{{1, 1}}}), List.of(one)));
        ContinualStrategy chain = Strategies.chain(ewc, new L2Anchor(L2Anchor.Params.defaults()));
        byte[] before = bytes(chain);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeHeader(out, "chain", 1);
        out.writeInt(2);
        out.writeUTF("ewc");
        byte[] emptyEwc = bytes(new Ewc(new Ewc.Params(1, 1, Ewc.Fisher.EMPIRICAL)));
        out.writeInt(emptyEwc.length);
        out.write(emptyEwc);
        out.writeUTF("l2");
        out.writeInt(3);
        out.write(new byte[] {0, 1, 'x'});
        out.flush();
        org.engram.learning.io.Checkpointable c = (org.engram.learning.io.Checkpointable) chain;
        assertThrows(EngramException.class,
                () -> c.readState(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()))));
        assertArrayEquals(before, bytes(chain), "ewc got its state back after l2 was rejected");
        assertEquals(1, ewc.anchorCount());
    }

    /**
     * A member without state is left alone when a later member refuses its block: the refusal carries
     * no failure of putting a state back.
     */
    @Test
    void aRefusalAfterAMemberWithoutStateCarriesNothingElse() throws IOException {
        EngramException e = refusalByL2After(new Naive());
        assertEquals(0, e.getSuppressed().length, Arrays.toString(e.getSuppressed()));
    }

    /**
     * What a chain of {@code first} and l2 throws reading a state that gives {@code first} an empty
     * block and l2 a damaged one.
     */
    private static EngramException refusalByL2After(ContinualStrategy first) throws IOException {
        ContinualStrategy chain = Strategies.chain(first, new L2Anchor(L2Anchor.Params.defaults()));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeHeader(out, "chain", 1);
        out.writeInt(2);
        out.writeUTF(first.name());
        out.writeInt(0);
        out.writeUTF("l2");
        out.writeInt(3);
        out.write(new byte[] {0, 1, 'x'});
        out.flush();
        return assertThrows(EngramException.class, () -> ((Checkpointable) chain)
                .readState(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()))));
    }

    /** A member that takes the chain's block but cannot take its own state back. */
    private static final class NoRestore implements ContinualStrategy, Checkpointable {
        private int reads;

        @Override
        public String name() {
            return "no_restore";
        }

        @Override
        public Support supports(Scenario scenario) {
            return Support.YES;
        }

        @Override
        public void writeState(DataOutput out) {
        }

        @Override
        public void readState(DataInput in) {
            if (++reads > 1) {
                throw new IllegalStateException("restore failed");
            }
        }
    }

    /** When the state of a member read earlier cannot be put back, the error still says why the read failed. */
    @Test
    void aFailedRestoreDoesNotHideTheRejection() throws IOException {
        EngramException e = refusalByL2After(new NoRestore());
        assertEquals(List.of("restore failed"), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
    }

    static byte[] bytes(ContinualStrategy s) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ((org.engram.learning.io.Checkpointable) s).writeState(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }
}
