package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.ParameterlessModel;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kernel of one's own that reports a spike of a neuron or a step it was not given is stopped at
 * that call, with the population, its model and what was expected. A neuron past the population
 * was recorded although it does not exist, or failed deep in the delivery with an index out of
 * bounds; a step outside the call lost the spike in the merge ("spike merge lost spikes").
 */
class MisbehavingKernelTest {

    /** A model whose kernel reports one spike per call: its last neuron and first step, each offset as told. */
    private record Faulty(int neuronOffset, int stepOffset, boolean callsSpikeAt)
            implements ParameterlessModel<Faulty.State> {
        static final class State extends NeuronState {
            State(int size) {
                super(size);
            }
        }

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public State newState(int size) {
            return new State(size);
        }

        @Override
        public Kernel<State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                if (callsSpikeAt) {
                    out.spikeAt(lo, fromStep * grid.dtMs());
                } else {
                    out.spike(hi - 1 + neuronOffset, fromStep + stepOffset);
                }
            };
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0, false, 'spike(2, 0)', 'a neuron in [0, 2)'",     // the neuron after the last
        "0, 20, false, 'spike(1, 20)', 'a step in [0, 1)'",     // a step of a later call
        "0, 1, false, 'spike(1, 1)', 'a step in [0, 1)'",       // the step right after the call's
        "0, 0, true, 'spikeAt(0, 0.0)', 'spike(i, step)'"})     // precise mode's call in grid mode
    void aSpikeOutsideTheCallIsRefusedWithThePopulation(int neuronOffset, int stepOffset, boolean callsSpikeAt,
                                                         String call, String expected) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("own", 2, new Faulty(neuronOffset, stepOffset, callsSpikeAt),
                new ParameterlessModel.None());
        b.connect("own->own", p, p, Rules.allToAll(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            EngramException thrown = assertThrows(EngramException.class, () -> e.run(5));
            String m = thrown.getMessage();
            assertTrue(m.startsWith("population 'own' (faulty): kernel: expected ") && m.contains(expected)
                    && m.endsWith("found " + call), m);
        }
    }
    /**
     * A model whose kernel, at 2 ms, in calls that reach past neuron {@code from}, divides by zero or,
     * if {@code checked}, throws an IOException past the compiler, as Kotlin or Lombok code may.
     */
    private record Throwing(int from, boolean checked) implements ParameterlessModel<Faulty.State> {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public Faulty.State newState(int size) {
            return new Faulty.State(size);
        }

        @Override
        public Kernel<Faulty.State> prepare(None params, TimeGrid grid) {
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                if (toStep > 20 && hi > from && checked) {
                    Throwing.<RuntimeException>sneakyThrow(new IOException("disk gone"));
                } else if (toStep > 20 && hi > from) {
                    int zero = lo - lo;
                    out.spike(lo, fromStep + 1 / zero);
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
            throw (T) t;
        }
    }

    /**
     * A kernel that throws is named with its population, model, neurons and time span, on any
     * thread, with what it threw as the cause; it came out as a bare ArithmeticException. With two
     * threads both halves throw: the first worker's is reported, the other's suppressed in it.
     */
    @ParameterizedTest
    @CsvSource({"1, '[0, 200)'", "2, '[0, 128)'"})
    void aKernelThatThrowsIsNamedWithWhereAndWhen(int threads, String neurons) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("own", 200, new Throwing(0, false), new ParameterlessModel.None());
        b.connect("own->own", p, p, Rules.oneToOne(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            KernelFailed thrown = assertThrows(KernelFailed.class, () -> e.run(5));
            assertEquals("population 'own' (model 'throwing'), neurons " + neurons + ", from 2.0 to 3.0 ms: "
                    + "java.lang.ArithmeticException: / by zero", thrown.getMessage());
            assertTrue(thrown.getCause() instanceof ArithmeticException, String.valueOf(thrown.getCause()));
            assertEquals(threads - 1, thrown.getSuppressed().length);
        }
    }

    /**
     * A failure on a worker thread is thrown again on the calling thread, so that its trace leads
     * to the call of run (it held only the worker's frames); the cause keeps the kernel's.
     */
    @Test
    void aKernelFailureOnAWorkerLeadsToTheCallOfRun() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("own", 200, new Throwing(128, false), new ParameterlessModel.None());
        b.connect("own->own", p, p, Rules.oneToOne(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(2).withMinParallelNeuronSteps(0))) {
            KernelFailed thrown = assertThrows(KernelFailed.class, () -> e.run(5));
            assertTrue(thrown.getMessage().startsWith("population 'own' (model 'throwing'), neurons [128, 200), "),
                    thrown.getMessage());
            assertTrue(Arrays.stream(thrown.getStackTrace()).anyMatch(
                    f -> f.getClassName().startsWith(MisbehavingKernelTest.class.getName())), "no caller frame");
            assertTrue(Arrays.stream(thrown.getCause().getStackTrace()).anyMatch(
                    f -> f.getClassName().equals(WorkerPool.class.getName())), "no worker frame in the cause");
        }
    }

    /** It came out bare on one thread, and as "worker failed", naming nothing, on a worker. */
    @ParameterizedTest
    @CsvSource({"1, '[0, 200)'", "2, '[0, 128)'"})
    void aCheckedExceptionThrownPastTheCompilerIsNamedLikeAnyOther(int threads, String neurons) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("own", 200, new Throwing(0, true), new ParameterlessModel.None());
        b.connect("own->own", p, p, Rules.oneToOne(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            KernelFailed thrown = assertThrows(KernelFailed.class, () -> e.run(5));
            assertEquals("population 'own' (model 'throwing'), neurons " + neurons + ", from 2.0 to 3.0 ms: "
                    + "java.io.IOException: disk gone", thrown.getMessage());
            assertTrue(thrown.getCause() instanceof IOException, String.valueOf(thrown.getCause()));
        }
    }
}
