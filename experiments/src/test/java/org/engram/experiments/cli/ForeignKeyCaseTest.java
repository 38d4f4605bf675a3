package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another simulator's name of a key is recognised as that simulator capitalises it: Brian's {@code Apre} and
 * {@code Apost}, copied from a Brian script, are told the keys that take them here.
 */
class ForeignKeyCaseTest {
    /**
     * Each capitalised key is refused with the key that takes it; that key, missing, is not reported again
     * (the unknown key's message names it), while the required keys nothing stands for are. Word for word.
     */
    @Test
    void briansCapitalisedKeysAreToldTheirKeysHere(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "brian.yaml", "name: brian\n"
                + SpikeSourcesConfig.POPULATIONS + """
                projections:
                  - {source: pre, target: post, rule: {type: one_to_one}, weight: 0.5,
                     plasticity: {type: pair_stdp, Apre: 0.01, Apost: 0.0105, w_max: 1}}
                """);
        String keys = "expected one of the keys [a_minus, a_plus, dependence, pairing, tau_minus, tau_plus, type,"
                + " w_max, w_min], found unknown key ";
        assertEquals(List.of("engram: error: 4 problems:",
                "  brian.yaml:8:6: projections[0].plasticity.tau_plus: expected a value (plasticity pair_stdp needs"
                        + " it), found nothing",
                "  brian.yaml:8:6: projections[0].plasticity.tau_minus: expected a value (plasticity pair_stdp needs"
                        + " it), found nothing",
                "  brian.yaml:8:36: projections[0].plasticity.Apre: " + keys + "'Apre'; Brian's Apre is a_plus here",
                "  brian.yaml:8:48: projections[0].plasticity.Apost: " + keys + "'Apost'; Brian's Apost (negative"
                        + " there) is a_minus here, its magnitude"), errors);
    }
}
