package org.engram.experiments.simulate;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.engram.learning.plasticity.PlasticityRules;
import org.engram.simulator.model.NeuronModels;

/**
 * Warns a simulation that uses a built-in model or rule of the user classes on the class path that
 * reuse its name: they are left out, and the built-in runs, which a user who meant their own class
 * must hear of where they run it, not only from {@code engram list}.
 */
final class LeftOutPlugIns {
    private LeftOutPlugIns() {
    }

    /**
     * Prints one warning per user class left out under a name the config uses, each once.
     *
     * @param c   the config
     * @param err where warnings go
     */
    static void warn(SimulationConfig c, PrintWriter err) {
        Set<String> models = new LinkedHashSet<>();
        c.populations().forEach(p -> models.add(p.model()));
        Set<String> rules = new LinkedHashSet<>();
        c.projections().stream().filter(p -> p.plasticity() != null).forEach(p -> rules.add(p.plasticity().type()));
        Set<String> told = new LinkedHashSet<>();
        models.stream().filter(m -> m != null).forEach(m -> told.addAll(NeuronModels.leftOutUnder(m)));
        rules.stream().filter(r -> r != null).forEach(r -> told.addAll(PlasticityRules.leftOutUnder(r)));
        told.forEach(t -> err.println("engram: warning: " + t));
        err.flush();
    }
}
