package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StrategiesTest {
    @Test
    void registryHoldsTheDocumentedNamesEachCreatingItself() {
        List<String> names = new ArrayList<>();
        for (Strategies.Info info : Strategies.list()) {
            names.add(info.name());
            assertEquals(info.name(), Strategies.create(info.name()).name());
            assertFalse(info.description().isBlank());
            assertFalse(info.reference().isBlank());
        }
        assertEquals(List.of("naive", "joint", "ewc", "online_ewc", "si", "mas", "l2", "lwf", "replay", "er_ace", "der",
                "agem", "gem", "gpm", "hlop", "metaplasticity", "importance_gating"), names);
    }

    @Test
    void hyperparameterRecordsBuildTheStrategyOfTheirName() {
        for (Strategies.Info info : Strategies.list()) {
            Strategies.Hyperparameters<?> h = info.hyperparameters();
            assertTrue(h.type().isRecord(), info.name());
            assertTrue(h.type().isInstance(h.defaults()), info.name());
            assertEquals(info.name(), h.create(h.defaults()).name());
        }
        Strategies.Hyperparameters<?> ewc = Strategies.info("ewc").hyperparameters();
        assertThrows(ClassCastException.class, () -> ewc.create(new Strategies.NoParameters()));
    }

    @Test
    void unknownNameIsRejectedWithTheValidNames() {
        ParameterException e = assertThrows(ParameterException.class, () -> Strategies.create("ewc2"));
        assertTrue(e.getMessage().contains("ewc2") && e.getMessage().contains("online_ewc"), e.getMessage());
    }

    @Test
    void emptyChainIsRejected() {
        assertThrows(ParameterException.class, Strategies::chain);
    }

    @Test
    void hyperparametersThatBreakTheirRuleNameParameterAndValue() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new Ewc.OnlineParams(1, Double.NaN, 10, Ewc.Fisher.EMPIRICAL));
        assertTrue(e.getMessage().startsWith("online_ewc: gamma:") && e.getMessage().endsWith("NaN"), e.getMessage());
        // gamma weighs the online penalty, so 0 would train as naive does, not keep the latest Fisher alone.
        e = assertThrows(ParameterException.class, () -> new Ewc.OnlineParams(1, 0, 10, Ewc.Fisher.EMPIRICAL));
        assertTrue(e.getMessage().startsWith("online_ewc: gamma: expected a number in (0, 1] (the penalty is weighed by"
                + " gamma, so 0 would leave none") && e.getMessage().endsWith("found 0.0"), e.getMessage());
        new Ewc.OnlineParams(1, Double.MIN_VALUE, 10, Ewc.Fisher.EMPIRICAL);
        e = assertThrows(ParameterException.class, () -> new Replay.Params(0, 5, Replay.Buffer.RESERVOIR));
        assertTrue(e.getMessage().contains("memory_size") && e.getMessage().endsWith("found 0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new SynapticIntelligence.Params(1, 0));
        assertTrue(e.getMessage().contains("xi"), e.getMessage());
    }

    /** A negative penalty strength or no samples to estimate importance from is refused, by name. */
    @Test
    void aNegativeStrengthOrNoImportanceSamplesAreRejectedByName() {
        rejects("ewc: lambda:", () -> new Ewc.Params(-1, 10, Ewc.Fisher.EMPIRICAL));
        rejects("ewc: fisher_samples:", () -> new Ewc.Params(1, 0, Ewc.Fisher.EMPIRICAL));
        // The constructors of before the fisher parameter keep their meaning: the empirical Fisher.
        assertEquals(Ewc.Params.defaults(), new Ewc.Params(100, 200));
        assertEquals(Ewc.OnlineParams.defaults(), new Ewc.OnlineParams(100, 1, 200));
        rejects("ewc: fisher_samples:", () -> new Ewc.Params(1, 0));
        rejects("online_ewc: fisher_samples:", () -> new Ewc.OnlineParams(1, 1, 0, Ewc.Fisher.EMPIRICAL));
        // gamma lies in (0, 1]: 1 keeps every Fisher whole, more would let old ones grow
        rejects("online_ewc: gamma:", () -> new Ewc.OnlineParams(1, 1.5, 10, Ewc.Fisher.EMPIRICAL));
        rejects("ewc: fisher:", () -> new Ewc.Params(1, 10, null));
        rejects("online_ewc: fisher:", () -> new Ewc.OnlineParams(1, 1, 10, null));
        rejects("mas: lambda:", () -> new Mas.Params(-1, 10));
        rejects("mas: samples:", () -> new Mas.Params(1, 0));
        rejects("si: c:", () -> new SynapticIntelligence.Params(-1, 1e-3));
        rejects("lwf: temperature:", () -> new Lwf.Params(0, 1));
        rejects("replay: replay_batch_size:", () -> new Replay.Params(10, 0, Replay.Buffer.RESERVOIR));
        new Replay.Params(1, 1, Replay.Buffer.RESERVOIR);
        rejects("er_ace: replay_batch_size:", () -> new ErAce.Params(10, 0, Replay.Buffer.RESERVOIR));
        new ErAce.Params(1, 1, Replay.Buffer.RESERVOIR);
    }

    /** HLOP's Oja rate lies in (0, 1) and its momentum in [0, 1): each bound is kept or refused as written. */
    @Test
    void hlopRatesKeepTheirRanges() {
        new Hlop.Params(1, 0, 1, 0.5, 0);
        rejects("hlop: momentum:", () -> new Hlop.Params(1, 0, 1, 0.5, 1));
        rejects("hlop: learning_rate:", () -> new Hlop.Params(1, 0, 1, 0, 0.5));
        rejects("hlop: learning_rate:", () -> new Hlop.Params(1, 0, 1, 1, 0.5));
    }

    private static void rejects(String prefix, Executable build) {
        ParameterException e = assertThrows(ParameterException.class, build);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
