package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memories of replay, ER-ACE and A-GEM hold, before task t starts, samples of the tasks finished, 0
 * to t - 1, as DER's buffer does ({@code DerTest}): a state holding samples of tasks 0 and 1 goes on from
 * task index 2, and started at index 1 is refused naming the strategy's task index and the value, where
 * the sample of task 1 had been replayed silently as one of the task being trained.
 */
class StoredTaskIndexTest {
    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of(Replay.NAME, 2, (Supplier<ContinualStrategy>) () -> new Replay(
                        new Replay.Params(4, 2, Replay.Buffer.RESERVOIR))),
                Arguments.of(ErAce.NAME, 2, (Supplier<ContinualStrategy>) () -> new ErAce(
                        new ErAce.Params(4, 2, Replay.Buffer.RESERVOIR))),
                Arguments.of(Agem.NAME, 1, (Supplier<ContinualStrategy>) () -> new Agem(new Agem.Params(4, 2))));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aSampleOfATaskNotFinishedIsRefusedWhenATaskStarts(String name, int version,
                                                           Supplier<ContinualStrategy> make) throws IOException {
        ContinualStrategy strategy = make.get();
        ((Checkpointable) strategy).readState(state(name, version, 0, 1));
        ToyTrainer toy = new ToyTrainer(new ToyLinearModel(1, 2, 1), strategy, List.of(),
                Scenario.DOMAIN_INCREMENTAL, 1);
        EngramException e = assertThrows(EngramException.class, () -> strategy.beforeTask(toy.context(1)));
        assertEquals(name + ".task", e.location());
        assertEquals("a task finished before task index 1 starts, an index below 1", e.expected());
        assertEquals("1", e.found());
        assertDoesNotThrow(() -> strategy.beforeTask(toy.context(2)));
    }

    /** A state by hand: the header, then {@link #onePerTask} of the tasks given. */
    private static DataInputStream state(String name, int version, int... tasks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, name, version);
        onePerTask(tasks).write(out);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** A reservoir of 4 holding one sample of class 0 in each task given, its input the task index. */
    static ReplayMemory onePerTask(int... tasks) {
        ReplayMemory memory = new ReplayMemory(4, Replay.Buffer.RESERVOIR);
        SplitMixRandom rng = RandomStreams.of(1, Purpose.REPLAY, 0);
        for (int task : tasks) {
            memory.offer(new float[] {task}, 0, task, rng);
        }
        return memory;
    }
}
